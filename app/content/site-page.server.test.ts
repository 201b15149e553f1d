import { beforeAll, describe, expect, it } from "vitest";
import { readContentVersions } from "~/lib/content-version.server";
import { seedSitePages } from "~db/seed/pages";
import {
  getSitePage,
  getSitePageForEditing,
  insertMissingSitePages,
  listSitemapSitePages,
  listSitePages,
  updateSitePage,
} from "./site-page.server";
import { SITE_PAGE_SLUGS } from "./site-pages";
import { makeSalesUser } from "../../tests/support/factories";

let editor: Awaited<ReturnType<typeof makeSalesUser>>;
beforeAll(async () => {
  editor = await makeSalesUser("Rita");
});

describe("site pages", () => {
  it("are seeded, one for each footer link, in footer order", () => {
    expect(listSitePages().map((page) => page.slug)).toEqual([...SITE_PAGE_SLUGS]);
    expect(listSitemapSitePages().map((page) => page.path)).toEqual(SITE_PAGE_SLUGS.map((slug) => `/${slug}`));
    const terms = getSitePage("terms")!;
    expect(terms.title).toBe("Terms of sale");
    expect(terms.bodyHtml).toContain("<h2>5. Title and risk</h2>");
    expect(terms.bodyHtml).toContain("Incoterm");
  });

  it("render Markdown sanitised, as news articles are", () => {
    const before = getSitePageForEditing("about")!;
    updateSitePage(
      "about",
      {
        title: before.title,
        description: before.description,
        bodyMarkdown:
          '## Who we are\n\n<script>alert(1)</script>\n\n[x](javascript:alert(2)) <img src=x onerror="alert(3)">',
      },
      editor.id,
    );
    const html = getSitePage("about")!.bodyHtml;
    expect(html).toContain("<h2>Who we are</h2>");
    expect(html).toContain("<a>x</a>");
    expect(html).not.toMatch(/<script|href="javascript|onerror/);
  });

  it("keep who changed them and when, and move the pages' content version, which retires cached copies", () => {
    const before = readContentVersions();
    const fields = { title: "Privacy notice", description: "How we handle data.", bodyMarkdown: "We keep little." };
    expect(updateSitePage("privacy", fields, editor.id)).toBe(true);
    const after = readContentVersions();
    expect(after.pages).toBe(before.pages + 1);
    expect(after.catalog).toBe(before.catalog);
    expect(after.news).toBe(before.news);
    expect(getSitePageForEditing("privacy")).toMatchObject({ ...fields, updatedBy: editor.id });
    expect(listSitePages().find((page) => page.slug === "privacy")?.updatedBy).toBe("Rita");
  });

  it("seeding again adds a missing page and leaves the pages sales edited as they are", () => {
    const edited = { title: "Returns", description: "Our returns policy.", bodyMarkdown: "Call us first." };
    updateSitePage("returns", edited, editor.id);
    insertMissingSitePages(seedSitePages);
    expect(getSitePageForEditing("returns")).toMatchObject(edited);
  });
});
