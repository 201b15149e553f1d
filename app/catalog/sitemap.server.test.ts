import { describe, expect, it } from "vitest";
import { newsArticles } from "~db/schema";
import { db } from "~/lib/db.server";
import { listSitemapPages } from "./sitemap.server";

describe("the sitemap's pages", () => {
  it("list every published article, not the newest thousand", () => {
    const rows = Array.from({ length: 1_005 }, (_, i) => ({
      slug: `sitemap-bulk-${i}`,
      title: `Bulk ${i}`,
      summary: "A bulk article.",
      bodyMarkdown: "Text.",
      publishedOn: "2001-01-01",
      status: "published" as const,
    }));
    db.insert(newsArticles).values(rows).run();
    const paths = new Set(listSitemapPages().map((entry) => entry.path));
    expect(rows.every((row) => paths.has(`/news/${row.slug}`))).toBe(true);
  });
});
