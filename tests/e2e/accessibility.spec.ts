import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { openFirstProduct } from "../support/catalog";

const pages = [
  { name: "home", path: "/" },
  { name: "category", path: "/categories/instruments" },
  { name: "sub-category with filters", path: "/categories/pressure-gauges?price=listed" },
  { name: "search", path: "/search?q=pump" },
  { name: "compare", path: "/compare?ids=1,2,3" },
  { name: "quote list", path: "/quote" },
];

for (const { name, path } of pages) {
  test(`axe finds no serious or critical violations on the ${name} page`, async ({ page }) => {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
}

test("axe finds no serious or critical violations on a product page", async ({ page }) => {
  await page.goto("/categories/battery-storage");
  await openFirstProduct(page);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});
