import { describe, expect, it } from "vitest";
import { parseArticleForm } from "./article-schema";
import { PLAIN_TEXT_MESSAGE } from "~/lib/plain-text";

const valid = {
  title: "Plant tour 2025",
  slug: "",
  summary: "A day at the plant.",
  bodyMarkdown: "We visited.",
  publishedOn: "2025-03-01",
  status: "draft",
  tags: "",
};
const form = (fields: Record<string, string>) => new URLSearchParams(fields);
const message =
  "A web address needs letters a–z or digits: give a slug such as “bourdon-gauge-63-mm”, or leave the slug empty and use some in the title";

describe("article form", () => {
  it("makes the slug from the title when none is typed", () => {
    const parsed = parseArticleForm(form(valid));
    expect(parsed.ok && parsed.article.slug).toBe("plant-tour-2025");
  });

  it("refuses an article that would have no web address at the slug field, with the other errors", () => {
    expect(parseArticleForm(form({ ...valid, title: "日本語" }))).toEqual({ ok: false, errors: { slug: message } });
    expect(parseArticleForm(form({ ...valid, title: "日本語", summary: "" }))).toEqual({
      ok: false,
      errors: { slug: message, summary: "Enter a summary for the news list and search engines" },
    });
    expect(parseArticleForm(form({ ...valid, slug: "日本語" }))).toEqual({ ok: false, errors: { slug: message } });
    const typed = parseArticleForm(form({ ...valid, title: "日本語", slug: "nihongo" }));
    expect(typed.ok && typed.article.slug).toBe("nihongo");
  });

  it("takes a category ticked twice (a forged form) once", () => {
    const typed = form(valid);
    for (const id of ["4", "7", "4"]) typed.append("categoryIds", id);
    const parsed = parseArticleForm(typed);
    expect(parsed.ok && parsed.article.categoryIds).toEqual([4, 7]);
    const forged = form(valid);
    forged.append("categoryIds", "abc");
    expect(parseArticleForm(forged)).toEqual({ ok: false, errors: { categoryIds: "Choose categories from the list" } });
  });

  it("refuses control characters (a NUL, a vertical tab pasted from a word processor) at each field", () => {
    const typed = { title: "Plant\u0000tour", summary: "A day\u000bat the plant.", bodyMarkdown: "We\u0001 visited." };
    expect(parseArticleForm(form({ ...valid, ...typed }))).toEqual({
      ok: false,
      errors: {
        title: "Remove the control characters from this text",
        summary: "Remove the control characters from this text",
        bodyMarkdown: "Remove the control characters from this text",
      },
    });
    // Tabs and line breaks are text.
    expect(parseArticleForm(form({ ...valid, bodyMarkdown: "We visited.\r\n\n\tThen left." })).ok).toBe(true);
  });

  it("refuses a published article dated after today (it would be public at once), and dates before 1990", () => {
    // The day after the latest date anywhere on Earth now.
    const tomorrow = new Date(Date.now() + 38 * 3_600_000).toISOString().slice(0, 10);
    const dated = (publishedOn: string, status: string) => parseArticleForm(form({ ...valid, publishedOn, status }));
    expect(dated(tomorrow, "published")).toEqual({
      ok: false,
      errors: { publishedOn: "A published article cannot be dated after today: keep it a draft until its day" },
    });
    expect(dated(tomorrow, "draft").ok).toBe(true);
    expect(dated(new Date().toISOString().slice(0, 10), "published").ok).toBe(true);
    expect(dated("1989-12-31", "draft")).toEqual({ ok: false, errors: { publishedOn: "Enter a date from 1990 on" } });
  });

  it("refuses images from other sites, which the page could not show, at the body", () => {
    const refusal = {
      ok: false,
      errors: {
        bodyMarkdown:
          "Show images from this site only (a path such as /images/plant.jpg): the site blocks images from others",
      },
    };
    for (const body of [
      "![Plant](https://example.com/a.png)",
      "![x]( //cdn.example/a.png)",
      '<img src="http://x/a">',
      "![plant][1]\n\n[1]: https://evil.example/x.png",
      '<img src="&#104;ttps://evil.example/x.png">',
      "![a](https&#58;//evil.example/x.png)",
    ])
      expect(parseArticleForm(form({ ...valid, bodyMarkdown: `See:\n\n${body}` }))).toEqual(refusal);
    expect(parseArticleForm(form({ ...valid, bodyMarkdown: "![Plant](/images/plant.jpg)" })).ok).toBe(true);
  });

  it("refuses tags that would be lost or become one, and text XML cannot carry", () => {
    expect(parseArticleForm(form({ ...valid, tags: "energy, C++, C#" }))).toEqual({
      ok: false,
      errors: { tags: "“C++” and “C#” would be the same tag, “c”" },
    });
    expect(parseArticleForm(form({ ...valid, tags: "energy, 日本" }))).toEqual({
      ok: false,
      errors: { tags: "“日本” has no letters or digits a tag can keep" },
    });
    // A tag of nothing visible is no tag: not quoted back as “ ”.
    const invisible = parseArticleForm(form({ ...valid, tags: "energy, \u200b\u00ad" }));
    expect(invisible.ok && invisible.article.tags).toEqual([{ slug: "energy", label: "energy" }]);
    expect(parseArticleForm(form({ ...valid, tags: "energy, LNG\u0007" }))).toEqual({
      ok: false,
      errors: { tags: PLAIN_TEXT_MESSAGE },
    });
  });

  it("keeps each tag as first written, spaces evened out, under its slug", () => {
    const same = parseArticleForm(form({ ...valid, tags: "Energy, energy , Ölfeld, LNG,  Central   Asia " }));
    expect(same.ok && same.article.tags).toEqual([
      { slug: "energy", label: "Energy" },
      { slug: "olfeld", label: "Ölfeld" },
      { slug: "lng", label: "LNG" },
      { slug: "central-asia", label: "Central Asia" },
    ]);
    expect(parseArticleForm(form({ ...valid, title: "Bad \uffff title \ufffe" }))).toEqual({
      ok: false,
      errors: { title: "Remove the control characters from this text" },
    });
  });

  it("refuses a body nested too deeply or too dense with emphasis to render, at the body field", () => {
    const parsed = parseArticleForm(form({ ...valid, bodyMarkdown: `${"- ".repeat(1500)}x` }));
    expect(parsed).toEqual({
      ok: false,
      errors: { bodyMarkdown: "Lists and quotes can nest at most 50 levels deep; line 1 goes deeper." },
    });
    expect(parseArticleForm(form({ ...valid, bodyMarkdown: "_a".repeat(45_000) })).ok).toBe(false);
  });
});
