import fs from "node:fs";
import { expectNoSeriousAxeViolations } from "../support/axe";
import { type Page } from "@playwright/test";
import { expect, test } from "../support/test";
import { XMLParser, XMLValidator } from "fast-xml-parser";

// The article as it was delivered: date, company blurb, title, body (with three headings), notice.
const seed = fs
  .readFileSync("tests/fixtures/seed-article.txt", "utf8")
  .split("\n")
  .filter((line) => line.trim());
const [dateLine, blurb, title] = seed;
const notice = seed[seed.length - 1];
const body = seed.slice(3, -1);
const headings = [
  "A long-standing blueprint",
  "Industrial upgrading and strengthening supply chains",
  "Deepening openness and mutual benefit",
];
const articlePath = "/news/multiple-major-projects-signed-at-second-summit";

async function articleBlocks(page: Page) {
  return page
    .locator(".article__body > *")
    .evaluateAll((nodes) => nodes.map((node) => ({ tag: node.tagName.toLowerCase(), text: node.textContent ?? "" })));
}

test("the reposted article keeps every paragraph, heading, the date and the repost notice", async ({ page }) => {
  await page.goto(articlePath);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.locator("article time")).toHaveAttribute("datetime", "2025-12-29");
  await expect(page.locator("article time").first()).toHaveText(dateLine);

  // Paragraph by paragraph, in order, character for character (typographic apostrophes included).
  const blocks = await articleBlocks(page);
  expect(blocks.map((b) => b.text)).toEqual(body);
  for (const block of blocks) {
    expect(block.tag).toBe(headings.includes(block.text) ? "h2" : "p");
  }
  for (const heading of headings) await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();

  await expect(page.getByRole("complementary", { name: "Repost notice" })).toHaveText(notice);
  await expect(page.getByText(blurb).first()).toBeVisible();
  // The seed names no source, so the page names none.
  await expect(page.getByText(/Originally published by/)).toHaveCount(0);
});

test("home → news → article → related category → back", async ({ page }) => {
  await page.goto("/");
  await expect(
    page.getByRole("region", { name: "Latest industry news" }).getByRole("link", { name: title }),
  ).toBeVisible();
  await page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "News" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Industry news" })).toBeVisible();
  await page.getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(articlePath);
  await page
    .getByRole("region", { name: "Equipment for these industries" })
    .getByRole("link", { name: "Heat exchangers" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Heat exchangers" })).toBeVisible();
  // …and the category links back to the article.
  await expect(page.getByRole("region", { name: "Industry news" }).getByRole("link", { name: title })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);

  // A top-level category shows the news of its sub-categories too.
  await page.goto("/categories/instruments");
  await expect(page.getByRole("region", { name: "Industry news" }).getByRole("link", { name: title })).toBeVisible();
});

test("tags list their articles; an unknown tag is 404", async ({ page }) => {
  await page.goto(articlePath);
  const tags = page.getByRole("list", { name: "Tags" });
  await expect(tags.getByRole("link", { name: "Central Asia", exact: true })).toHaveAttribute(
    "href",
    "/news/tags/central-asia",
  );
  await tags.getByRole("link", { name: "natural gas" }).click();
  await expect(page).toHaveURL("/news/tags/natural-gas");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("News tagged “natural gas”");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  expect((await page.goto("/news/tags/no-such-tag"))?.status()).toBe(404);
  expect((await page.goto("/news/no-such-article"))?.status()).toBe(404);
});

test("NewsArticle JSON-LD has the headline, date and publisher, and no invented source", async ({ page }) => {
  await page.goto(articlePath);
  const blocks = (await page.locator('script[type="application/ld+json"]').allTextContents()).map((t) => JSON.parse(t));
  const article = blocks.find((b) => b["@type"] === "NewsArticle");
  expect(article.headline).toBe(title);
  expect(article.datePublished).toBe("2025-12-29");
  expect(article.publisher.name).toBe("IronAxis");
  expect(article.isBasedOn).toBeUndefined();
  expect(article.author).toBeUndefined();
  const crumbs = blocks.find((b) => b["@type"] === "BreadcrumbList");
  expect(crumbs.itemListElement.map((i: { name: string }) => i.name)).toEqual(["Home", "Industry news", title]);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
    "href",
    /\/news\/multiple-major-projects-signed-at-second-summit$/,
  );
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute("content", "article");
});

test("RSS, sitemap and robots.txt are valid and list the article", async ({ request }) => {
  const parser = new XMLParser({ ignoreAttributes: false });

  const rss = await request.get("/news/rss.xml");
  expect(rss.headers()["content-type"]).toContain("application/rss+xml");
  const rssText = await rss.text();
  expect(XMLValidator.validate(rssText)).toBe(true);
  const channel = parser.parse(rssText).rss.channel;
  const items = [channel.item].flat();
  const item = items.find((i: { title: string }) => i.title === title);
  expect(item.link).toMatch(/\/news\/multiple-major-projects-signed-at-second-summit$/);
  expect(new Date(item.pubDate).toISOString().slice(0, 10)).toBe("2025-12-29");

  const sitemap = await request.get("/sitemap.xml");
  const sitemapText = await sitemap.text();
  expect(XMLValidator.validate(sitemapText)).toBe(true);
  const urls = [parser.parse(sitemapText).urlset.url].flat() as { loc: string; lastmod?: string }[];
  const locs = urls.map((u) => new URL(u.loc).pathname);
  expect(locs).toContain("/");
  expect(locs).toContain(articlePath);
  expect(locs).toContain("/categories/instruments");
  expect(locs.filter((l) => l.startsWith("/products/")).length).toBeGreaterThan(80);
  expect(urls.find((u) => u.loc.endsWith(articlePath))?.lastmod).toMatch(/^\d{4}-\d{2}-\d{2}$/);

  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toMatch(/^Sitemap: https?:\/\/.+\/sitemap\.xml$/m);
});

test("axe finds no serious or critical violations on /news and the article", async ({ page }) => {
  for (const path of ["/news", articlePath, "/news/tags/energy"]) {
    await page.goto(path);
    await expectNoSeriousAxeViolations(page);
  }
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the article is readable", async ({ page }) => {
    await page.goto("/news");
    await page.getByRole("link", { name: title }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    expect((await articleBlocks(page)).map((b) => b.text)).toEqual(body);
    await expect(page.getByRole("complementary", { name: "Repost notice" })).toHaveText(notice);
  });
});
