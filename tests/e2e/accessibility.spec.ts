import { expectNoSeriousAxeViolations } from "../support/axe";
import { test } from "@playwright/test";
import { ADMIN, signIn } from "../support/admin";
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
    await expectNoSeriousAxeViolations(page);
  });
}

test("axe finds no serious or critical violations on a product page", async ({ page }) => {
  await page.goto("/categories/battery-storage");
  await openFirstProduct(page);
  await expectNoSeriousAxeViolations(page);
});

test("axe finds no serious or critical violations in the back office", async ({ page }) => {
  test.setTimeout(90_000);
  const check = async (path: string) => {
    await page.goto(path);
    await expectNoSeriousAxeViolations(page);
  };
  await check("/admin/login");
  await signIn(page, ADMIN);
  for (const path of ["/admin", "/admin/quotes", "/admin/orders", "/admin/users"]) await check(path);
});
