import type { Locator, Page, Route } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "../support/axe";
import { expect, test } from "../support/test";

const countOf = async (locator: Locator) => Number((await locator.textContent())!.match(/\((\d+)\)/)![1]);
const products = (count: number) => (count === 1 ? "1 product" : `${count} products`);
const resultsHeading = (page: Page) => page.getByRole("heading", { name: /^\d+ products?$/ });
const filtersForm = (page: Page) => page.getByRole("form", { name: "Filters" });
/** The query string's parameter names, in order. */
const paramNames = (page: Page) => [...new URL(page.url()).searchParams.keys()];

/** Holds the next client navigation's data request to `path` until `release` is called. */
async function holdNextLoad(page: Page, path: string) {
  let held: (route: Route) => void;
  const arrived = new Promise<Route>((resolve) => (held = resolve));
  await page.route(
    (url) => url.pathname === `${path}.data`,
    (route) => held(route),
    { times: 1 },
  );
  return {
    arrived,
    release: async () => (await arrived).continue(),
  };
}

test.describe("with JavaScript", () => {
  test("the filter boxes follow the URL through Back, Forward and Clear all", async ({ page }) => {
    await page.goto("/categories/instruments");
    const heading = resultsHeading(page);
    const all = await heading.textContent();
    const form = filtersForm(page);
    const maker = form
      .getByRole("group", { name: /^Manufacturer/ })
      .getByRole("checkbox")
      .first();
    const inStock = form.getByRole("checkbox", { name: /In stock/ });

    // Each box's count says what the list will hold once it is ticked.
    const byMaker = products(
      await countOf(
        form
          .getByRole("group", { name: /^Manufacturer/ })
          .locator("label")
          .first(),
      ),
    );
    await maker.check();
    await expect(page).toHaveURL(/\?mfr=[^&]+$/);
    await expect(heading).toHaveText(byMaker);
    expect(byMaker).not.toBe(all);
    const byMakerInStock = products(await countOf(form.locator("label", { hasText: "In stock" })));
    await inStock.check();
    await expect(page).toHaveURL(/\?stock=in&mfr=[^&]+$/);
    await expect(heading).toHaveText(byMakerInStock);

    await page.goBack();
    await expect(page).toHaveURL(/\?mfr=[^&]+$/);
    await expect(heading).toHaveText(byMaker);
    await expect(maker).toBeChecked();
    await expect(inStock).not.toBeChecked();

    await page.goBack();
    await expect(page).toHaveURL(/\/categories\/instruments$/);
    await expect(heading).toHaveText(all!);
    await expect(maker).not.toBeChecked();
    await expect(inStock).not.toBeChecked();

    await page.goForward();
    await page.goForward();
    await expect(page).toHaveURL(/\?stock=in&mfr=[^&]+$/);
    await expect(heading).toHaveText(byMakerInStock);
    await expect(maker).toBeChecked();
    await expect(inStock).toBeChecked();

    await page.getByRole("link", { name: "Clear all filters" }).first().click();
    await expect(page).toHaveURL(/\/categories\/instruments$/);
    await expect(heading).toHaveText(all!);
    await expect(maker).not.toBeChecked();
    await expect(inStock).not.toBeChecked();

    // The next choice starts from the cleared filters, not the ones before.
    await form.getByRole("radio", { name: /Price on request/ }).check();
    await expect(page).toHaveURL(/\/categories\/instruments\?price=quote$/);
    await expect(maker).not.toBeChecked();
    await expect(inStock).not.toBeChecked();
  });

  test("a range applies when the buyer leaves the field, showing that it is working", async ({ page }) => {
    await page.goto("/categories/pressure-gauges");
    const heading = resultsHeading(page);
    const before = await heading.textContent();
    const minimum = page.getByLabel("Max. pressure minimum");
    const load = await holdNextLoad(page, "/categories/pressure-gauges");

    await minimum.fill("100");
    await minimum.press("Tab");
    await load.arrived;
    await expect(page.getByRole("status").filter({ hasText: "Updating results…" })).toBeVisible();
    await expect(filtersForm(page).getByRole("button", { name: "Applying…" })).toBeVisible();
    await expect(heading).toHaveText(before!);

    await load.release();
    await expect(page).toHaveURL(/\/categories\/pressure-gauges\?max_pressure_min=100$/);
    await expect(heading).not.toHaveText(before!);
    await expect(page.getByRole("status").filter({ hasText: "Updating results…" })).toHaveCount(0);
    await expect(minimum).toHaveValue("100");
  });

  test("a minimum above the maximum is explained at the field, and the typed values stay", async ({ page }) => {
    await page.goto("/categories/pressure-gauges");
    const heading = resultsHeading(page);
    const before = await heading.textContent();
    await page.getByLabel("Max. pressure minimum").fill("500");
    await page.getByLabel("Max. pressure maximum").fill("10");
    await page.getByLabel("Max. pressure maximum").press("Tab");
    await expect(page).toHaveURL(/max_pressure_min=500&max_pressure_max=10$/);
    const message = page.getByText("The minimum is higher than the maximum");
    await expect(message).toBeVisible();
    await expect(page.getByLabel("Max. pressure minimum")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Max. pressure minimum")).toHaveValue("500");
    await expect(page.getByLabel("Max. pressure maximum")).toHaveValue("10");
    // The impossible range is not applied: the list is the whole category, not "0 products".
    await expect(heading).toHaveText(before!);

    await page.getByLabel("Max. pressure maximum").fill("1000");
    await page.getByLabel("Max. pressure maximum").press("Enter");
    await expect(page).toHaveURL(/max_pressure_min=500&max_pressure_max=1000$/);
    await expect(message).toHaveCount(0);
  });

  test("filter URLs carry only what was chosen", async ({ page }) => {
    await page.goto("/search?q=gauge");
    const form = filtersForm(page);
    await form.getByRole("checkbox", { name: /In stock/ }).check();
    await expect(page).toHaveURL(/\/search\?q=gauge&stock=in$/);
    await form.getByLabel("Sort by").selectOption("name");
    await expect(page).toHaveURL(/\/search\?q=gauge&sort=name&stock=in$/);
    // The URL reads so before the click too: see this load start, then read the URL once it is done.
    const load = await holdNextLoad(page, "/search");
    await form.getByRole("button", { name: "Apply filters" }).click();
    await load.arrived;
    await expect(form.getByRole("button", { name: "Applying…" })).toBeVisible();
    await load.release();
    await expect(form.getByRole("button", { name: "Apply filters" })).toBeVisible();
    await expect(page).toHaveURL(/\/search\?q=gauge&sort=name&stock=in$/);
    expect(paramNames(page)).toEqual(["q", "sort", "stock"]);

    // A link with empty fields lands on the clean URL.
    await page.goto("/categories/instruments?stock=&price=&lead=&sort=relevance&power_min=&mfr=");
    await expect(page).toHaveURL(/\/categories\/instruments$/);
  });

  test("a page past the last one shows the last page, never a count beside “No products match”", async ({ page }) => {
    await page.goto("/categories/pressure-gauges?page=7");
    await expect(page).toHaveURL(/\/categories\/pressure-gauges$/);
    await expect(page.locator(".product-row").first()).toBeVisible();
    await expect(page.getByText("No products match")).toHaveCount(0);

    await page.goto("/search?q=steel&page=40");
    const pages = page.getByText(/^Page \d+ of \d+$/);
    await expect(pages).toBeVisible();
    const [, current, last] = (await pages.textContent())!.match(/^Page (\d+) of (\d+)$/)!;
    expect(current).toBe(last);
    await expect(page).toHaveURL(new RegExp(`/search\\?q=steel&page=${last}$`));
    await expect(page.locator(".product-row").first()).toBeVisible();
    await expect(page.getByText("No products match")).toHaveCount(0);
  });

  test("a spec's less common values are behind “more”, and a value chosen there shows ticked with the first", async ({
    page,
  }) => {
    await page.goto("/categories/instruments");
    const technology = filtersForm(page).getByRole("group", { name: /^Technology/ });
    const more = technology.locator("details.facets__more");
    await expect(technology.locator(":scope > label")).toHaveCount(12);
    const hidden = Number((await more.locator("summary").textContent())!.match(/^(\d+) more$/)![1]);
    expect(hidden).toBeGreaterThan(0);
    await expect(more.locator("label").first()).toBeHidden();
    await more.locator("summary").click();
    const rare = more.locator("label").last();
    const value = (await rare.getByRole("checkbox").getAttribute("value"))!;
    await rare.getByRole("checkbox").focus();
    await page.keyboard.press("Space");
    await expect(page).toHaveURL(
      `/categories/instruments?technology=${encodeURIComponent(value).replaceAll("%20", "+")}`,
    );
    // Chosen, it is listed with the first twelve, ticked, where the buyer can untick it.
    const chosen = technology.locator(":scope > label", { hasText: value });
    await expect(chosen.getByRole("checkbox")).toBeChecked();
    await expect(technology.locator(":scope > label")).toHaveCount(13);
    // Drawn anew in the other list, it keeps the focus, both ways.
    await expect(chosen.getByRole("checkbox")).toBeFocused();
    await page.keyboard.press("Space");
    await expect(page).toHaveURL("/categories/instruments");
    await expect(more.locator(`input[value="${value}"]`)).toBeFocused();
  });

  test("certifications combine as “has all of”, and their counts say what each would leave", async ({ page }) => {
    await page.goto("/categories/flow-meters");
    const form = filtersForm(page);
    const certifications = form.getByRole("group", { name: /^Certifications/ });
    await expect(certifications.locator("legend")).toContainText("has all of");
    await expect(form.getByRole("group", { name: /^Manufacturer/ }).locator("legend")).toContainText("any of");
    const atex = certifications.locator("label", { hasText: /^\s*ATEX/ });
    const iecex = certifications.locator("label", { hasText: /^\s*IECEx/ });
    const atexAlone = await countOf(atex);

    await atex.getByRole("checkbox").check();
    await expect(page).toHaveURL(/\?certifications=ATEX$/);
    await expect(resultsHeading(page)).toHaveText(products(atexAlone));
    // Within the ATEX meters: how many are IECEx too.
    await expect(atex).toContainText(`(${atexAlone})`);
    const both = await countOf(iecex);
    expect(both).toBeGreaterThan(0);
    expect(both).toBeLessThan(atexAlone);

    await iecex.getByRole("checkbox").check();
    await expect(page).toHaveURL(/\?certifications=ATEX&certifications=IECEx$/);
    await expect(resultsHeading(page)).toHaveText(products(both));
    await expect(page.locator(".product-row")).toHaveCount(both);
    for (const link of await page.locator(".product-row h3 a").all()) {
      await expect(link).toBeVisible();
    }
    await page.locator(".product-row h3 a").first().click();
    const specs = page.getByRole("table", { name: /Specifications of/ });
    await expect(specs).toContainText("ATEX");
    await expect(specs).toContainText("IECEx");
  });

  test.describe("on a phone", () => {
    test.use({ viewport: { width: 390, height: 844 } });

    test("Enter on a minimum above the maximum keeps the drawer open, with focus at the range and its message", async ({
      page,
    }) => {
      await page.goto("/categories/pressure-gauges");
      await page.locator("summary", { hasText: "Filters" }).click();
      const [min, max] = [page.getByLabel("Max. pressure minimum"), page.getByLabel("Max. pressure maximum")];
      await min.fill("500");
      await max.fill("10");
      await expect(page).toHaveURL(/\?max_pressure_min=500$/); // applied as the buyer left the field
      const entries = await page.evaluate(() => history.length);
      await max.press("Enter");
      await expect(page).toHaveURL(/\?max_pressure_min=500&max_pressure_max=10$/);
      await expect(filtersForm(page)).toBeVisible();
      await expect(min).toBeFocused();
      await expect(min).toHaveAttribute("aria-describedby", "range-max_pressure-error");
      await expect(page.getByText("The minimum is higher than the maximum")).toBeInViewport();
      // One page sent: leaving the maximum for the minimum does not send it again.
      expect(await page.evaluate(() => history.length)).toBe(entries + 1);
    });

    test("results come first; the filters open in a drawer and apply", async ({ page }) => {
      test.setTimeout(90_000); // axe takes seconds per page on a busy machine
      await page.goto("/categories/instruments");
      const firstRow = page.locator(".product-row").first();
      await expect(firstRow).toBeInViewport();
      expect((await firstRow.boundingBox())!.y).toBeLessThan(844);
      const form = filtersForm(page);
      await expect(form).toBeHidden();

      const drawer = page.locator("summary", { hasText: "Filters" });
      await expect(drawer).toHaveText("Filters");
      await drawer.click();
      await expect(form).toBeVisible();
      await form.getByRole("checkbox", { name: /In stock/ }).check();
      await expect(page).toHaveURL(/\?stock=in$/);
      await expect(drawer).toHaveText("Filters (1 active)");
      await form.getByRole("button", { name: "Apply filters" }).click();
      await expect(form).toBeHidden();
      await expect(page.locator("#results")).toBeFocused();
      await expect(page.locator(".product-row .stock").first()).toHaveText(/In stock/);
      await expectNoSeriousAxeViolations(page);
      await drawer.click();
      await expectNoSeriousAxeViolations(page);
    });
  });

  test("keyboard: a short way to “Add to quote”, and focus stays on the button it pressed", async ({ page }) => {
    await page.goto("/categories/pressure-gauges");
    let presses = 0;
    for (; presses < 60; presses++) {
      const focused = page.locator(":focus");
      if ((await focused.count()) && (await focused.getAttribute("aria-label"))?.startsWith("Add to quote")) break;
      if ((await focused.count()) && (await focused.textContent()) === "Skip to results") {
        await page.keyboard.press("Enter");
        await expect(page.locator("#results")).toBeFocused();
      } else {
        await page.keyboard.press("Tab");
      }
    }
    // Skip to content, Skip to results, Enter, the first product, its quantity, Add to quote.
    expect(presses).toBeLessThanOrEqual(6);

    const button = page.getByRole("button", { name: /^Add to quote: / }).first();
    await expect(button).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status").filter({ hasText: "Added." })).toBeVisible();
    await expect(button).toBeFocused();
    await expect(button).toHaveText("Add to quote");
  });

  test("on a product page focus stays on “Add to cart” and the status says what happened", async ({ page }) => {
    await page.goto("/categories/pressure-gauges?price=listed");
    await page.locator(".product-row h3 a").first().click();
    await expect(page).toHaveURL(/\/products\//);
    const button = page.getByRole("button", { name: "Add to cart" });
    await button.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status").filter({ hasText: "Added to cart." })).toBeVisible();
    await expect(button).toBeFocused();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("filters apply, clear, explain an impossible range and keep the URL clean", async ({ page }) => {
    await page.goto("/categories/pressure-gauges");
    const heading = resultsHeading(page);
    const all = await heading.textContent();
    const form = filtersForm(page);
    // Every gauge has a list price: "Price on request" would leave none, and is not offered.
    await expect(form.getByRole("radio", { name: /List price, buy online/ })).toBeVisible();
    await expect(form.getByRole("radio", { name: /Price on request/ })).toHaveCount(0);
    await form.getByRole("checkbox", { name: /In stock/ }).check();
    await form.getByRole("button", { name: "Apply filters" }).click();
    // The form sends every field; the server answers with the clean URL.
    await expect(page).toHaveURL(/\/categories\/pressure-gauges\?stock=in$/);
    await expect(heading).not.toHaveText(all!);
    await expect(form.getByRole("checkbox", { name: /In stock/ })).toBeChecked();

    await page.getByRole("link", { name: "Clear all filters" }).first().click();
    await expect(page).toHaveURL(/\/categories\/pressure-gauges$/);
    await expect(heading).toHaveText(all!);
    await expect(form.getByRole("checkbox", { name: /In stock/ })).not.toBeChecked();

    await page.getByLabel("Max. pressure minimum").fill("500");
    await page.getByLabel("Max. pressure maximum").fill("10");
    await form.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/\?max_pressure_min=500&max_pressure_max=10$/);
    await expect(page.getByText("The minimum is higher than the maximum")).toBeVisible();
    await expect(page.getByLabel("Max. pressure minimum")).toHaveValue("500");
    // The page starts at the range to mend, its message beside it.
    await expect(page.getByLabel("Max. pressure minimum")).toBeFocused();
    await expect(heading).toHaveText(all!);

    // A link or a typed URL can carry what a number field cannot: it is named, not dropped.
    await page.goto("/categories/pressure-gauges?max_pressure_min=2&max_pressure_max=ten");
    await expect(page.getByText("“ten” is not a number: type one, like 10 or 2.5.")).toBeVisible();
    // The page starts at the bound to mend, the only one marked.
    await expect(page.getByLabel("Max. pressure maximum")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Max. pressure maximum")).toBeFocused();
    await expect(page.getByLabel("Max. pressure minimum")).not.toHaveAttribute("aria-invalid");
    await expect(page.getByLabel("Max. pressure minimum")).toHaveValue("2");
    await expect(heading).toHaveText(all!);
  });

  test("on a phone the drawer opens without JavaScript, and opens by itself on a problem", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/categories/pressure-gauges");
    const form = filtersForm(page);
    await expect(form).toBeHidden();
    await page.locator("summary", { hasText: "Filters" }).click();
    await form.getByRole("checkbox", { name: /In stock/ }).check();
    await form.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/\?stock=in$/);
    await expect(page.locator("summary", { hasText: "Filters" })).toHaveText("Filters (1 active)");

    await page.goto("/categories/pressure-gauges?max_pressure_min=500&max_pressure_max=10");
    await expect(page.getByText("The minimum is higher than the maximum")).toBeVisible();
  });
});
