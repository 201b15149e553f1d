import { type Locator, type Page } from "@playwright/test";
import { expect, test } from "../support/test";
import { ADMIN, SALES, signIn } from "../support/admin";

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const HOSTILE = [
  "## What happened",
  "",
  "Plain paragraph with **bold** text.",
  "",
  "<script>window.__xss = 'script'</script>",
  "",
  '<img src="x" onerror="window.__xss = \'img\'">',
  "",
  "[x](javascript:alert(1)) and [safe](https://example.com/report)",
].join("\n");

async function expectSanitised(page: Page, body: Locator) {
  await expect(body.getByRole("heading", { name: "What happened" })).toBeVisible();
  await expect(body.locator("strong")).toHaveText("bold");
  await expect(body.locator("script")).toHaveCount(0);
  const attributes = await body
    .locator("*")
    .evaluateAll((nodes) => nodes.flatMap((node) => [...node.attributes].map((a) => `${a.name}=${a.value}`)));
  expect(attributes.filter((a) => /^on/i.test(a))).toEqual([]);
  expect(attributes.filter((a) => /javascript:/i.test(a))).toEqual([]);
  await expect(body.getByRole("link", { name: "safe" })).toHaveAttribute("href", "https://example.com/report");
  expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
}

async function fillArticle(page: Page, fields: { title: string; body: string; status: "draft" | "published" }) {
  await page.goto("/admin/news/new");
  await page.getByLabel("Title").fill(fields.title);
  // Dated before the seed article, so the home page's latest news stays as the other specs expect.
  await page.getByLabel("Publication date").fill("2025-06-02");
  await page.getByLabel("Status").selectOption(fields.status);
  await page
    .getByLabel("Summary")
    .fill("Refinery turnaround season: what buyers of valves and gauges should plan for.");
  await page.getByLabel("Body (Markdown)").fill(fields.body);
  await page.getByLabel("Tags").fill("Refining, Maintenance");
}

test("an article written in the editor is previewed and published sanitised", async ({ page }) => {
  await signIn(page, SALES);
  const title = `Turnaround season ${unique()}`;
  await fillArticle(page, { title, body: HOSTILE, status: "published" });
  await page.getByRole("checkbox", { name: "Industrial valves" }).check();

  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview).toBeVisible();
  await expectSanitised(page, preview.locator(".article__body"));
  // The preview keeps the form as typed and saved nothing.
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await expect(page.getByRole("checkbox", { name: "Industrial valves" })).toBeChecked();

  await page.getByRole("button", { name: "Save article" }).click();
  await expect(page.getByRole("status")).toContainText("Saved.");
  await page.getByRole("link", { name: "See it on the site" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expectSanitised(page, page.locator(".article__body"));
  await expect(page.getByRole("link", { name: "Industrial valves" })).toBeVisible();
  // A tag reads as written, at the address of its slug.
  const tags = page.getByRole("list", { name: "Tags" });
  await expect(tags.getByRole("link", { name: "Refining", exact: true })).toHaveAttribute(
    "href",
    "/news/tags/refining",
  );
  await expect(tags.getByRole("link", { name: "Maintenance", exact: true })).toBeVisible();

  await page.goto("/news");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
});

test("a draft is not public until it is published", async ({ page }) => {
  await signIn(page, ADMIN);
  const title = `Draft notes ${unique()}`;
  await fillArticle(page, { title, body: "Work in progress.", status: "draft" });
  await page.getByRole("button", { name: "Save article" }).click();
  await expect(page.getByRole("status")).toContainText("It is a draft");
  const slug = title.toLowerCase().replaceAll(" ", "-");

  await page.goto("/news");
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);
  expect((await page.request.get(`/news/${slug}`)).status()).toBe(404);

  await page.goto("/admin/news?status=draft");
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByLabel("Status")).toHaveValue("draft");
});

test("repost fields: the source URL must be http or https, and what was typed stays", async ({ page }) => {
  await signIn(page, ADMIN);
  const title = `Repost ${unique()}`;
  await fillArticle(page, { title, body: "Body.", status: "draft" });
  await page.getByLabel("This is a repost").check();
  await page.getByLabel("Source name").fill("Trade Weekly");
  await page.getByLabel("Source URL").fill("javascript:alert(1)");
  await page.getByLabel("Repost notice").fill("Reposted for information.");
  await page.getByRole("button", { name: "Save article" }).click();
  await expect(page.locator("#sourceUrl-error")).toHaveText("The source URL must start with http:// or https://");
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await expect(page.getByLabel("Source name")).toHaveValue("Trade Weekly");
  await expect(page.getByLabel("This is a repost")).toBeChecked();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the preview is rendered by the server, sanitised, and the form keeps what was typed", async ({ page }) => {
    await signIn(page, ADMIN);
    const title = `No-JS preview ${unique()}`;
    await fillArticle(page, { title, body: HOSTILE, status: "draft" });
    await page.getByRole("button", { name: "Preview" }).click();
    const preview = page.getByRole("region", { name: "Preview" });
    await expect(preview.getByRole("heading", { name: title })).toBeVisible();
    await expectSanitised(page, preview.locator(".article__body"));
    await expect(page.getByLabel("Body (Markdown)")).toHaveValue(HOSTILE);
    await expect(page.getByLabel("Tags")).toHaveValue("Refining, Maintenance");
  });
});
