import type { Page } from "@playwright/test";
import { buyerPage, createCompanyAs } from "../support/accounts";
import { ADMIN, signIn } from "../support/admin";
import { uniqueEmail } from "../support/factories/buyers";
import { addToCart } from "../support/orders";
import {
  acceptButton,
  fillShippingAddress,
  openInInbox,
  salesPage,
  sendRevision,
  submitQuoteRequest,
} from "../support/quotes";
import { expect, test } from "../support/test";

const DIAPHRAGM_GAUGE = "GC-DSG100-HC-6B-FL"; // $285.00, minimum 1, single units

/** The page is no wider than the screen: nothing makes it scroll sideways (else, what sticks out). */
async function expectNoSidewaysScroll(page: Page) {
  const { scrolls, shows, out } = await page.evaluate(() => {
    const shows = document.documentElement.clientWidth;
    // What sticks out past the screen, but for what a box scrolling on its own clips.
    const clipped = (element: Element) => {
      for (let up = element.parentElement; up && up !== document.body; up = up.parentElement)
        if (getComputedStyle(up).overflowX !== "visible") return true;
      return false;
    };
    const out = [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > shows + 1 && !clipped(element))
      .slice(0, 3)
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join(".")}`);
    return { scrolls: document.documentElement.scrollWidth, shows, out };
  });
  expect(scrolls, `${page.url()} is ${scrolls}px wide on a ${shows}px screen: ${out.join(", ")}`).toBeLessThanOrEqual(
    shows,
  );
}

/** Links that stand alone in navigation (header, categories, breadcrumbs, footer) are 44 px high for a thumb. */
async function expectThumbSizedNavigation(page: Page) {
  const small = await page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        ".site-header__lists a, .category-nav a, .breadcrumbs a, .subcategories a, .site-footer li a, .account__nav a",
      ),
    ]
      .map((link) => ({ link: link.textContent?.trim(), height: link.getBoundingClientRect().height }))
      .filter(({ height }) => height > 0 && height < 44),
  );
  expect(small, `${page.url()}: navigation links under 44 px`).toEqual([]);
}

test("on a 320-pixel phone a quote, its paid order and a category fit the screen: wide tables scroll in their own box, navigation links are thumb-sized", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 320, height: 720 });
  const { url, reference } = await submitQuoteRequest(page);
  const sales = await salesPage(browser);
  await (await openInInbox(sales, reference)).getByRole("link", { name: reference }).click();
  await sendRevision(sales, { unitPrice: "1250.00", weeks: "3" });
  await expect(sales.getByText(/^v1 · /)).toBeVisible();

  await page.goto(url);
  const quoted = page.getByRole("group", { name: "Quoted lines" });
  await expect(quoted).toBeVisible();
  await expectNoSidewaysScroll(page);
  // The table's box is reached by keyboard, so it can be scrolled without a pointer.
  await quoted.focus();
  await expect(quoted).toBeFocused();

  await fillShippingAddress(page, "card");
  await acceptButton(page, 1, "card").click();
  await expect(page).toHaveURL(/\/pay\/cs_test_/);
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Paid: thank you");
  await expect(page.getByRole("group", { name: "Payments received" })).toBeVisible();
  await expectNoSidewaysScroll(page);

  // The quote list's request form (a file picker), a category with long spec values.
  for (const path of ["/quote", "/categories/instruments"]) {
    await page.goto(path);
    await expectNoSidewaysScroll(page);
    await expectThumbSizedNavigation(page);
  }

  // A company admin's people table, and the account page's filters.
  const admin = await buyerPage(browser, uniqueEmail("phone-admin"));
  await admin.setViewportSize({ width: 320, height: 720 });
  await createCompanyAs(admin, `Phone Works ${uniqueEmail("c").slice(2, 10)}`);
  await expect(admin.getByRole("group", { name: "People" })).toBeVisible();
  await expectNoSidewaysScroll(admin);
  await admin.goto("/account");
  await expectNoSidewaysScroll(admin);
  await expectThumbSizedNavigation(admin);
});

test("the keyboard focus stays with the buyer: in the cart's quantity after an update, on the problem after a refused form, on the new page's heading after a link", async ({
  page,
}) => {
  await addToCart(page, DIAPHRAGM_GAUGE, "1");
  await page.goto("/cart");
  const quantity = page.getByLabel(`Quantity of ${DIAPHRAGM_GAUGE}`);
  await quantity.fill("3");
  await quantity.press("Enter");
  await expect(page.getByText("$855.00").first()).toBeVisible();
  await expect(quantity).toHaveValue("3");
  await expect(quantity).toBeFocused();

  // The line removed from its own row: the focus goes to the page's heading, not the page itself.
  await page.getByRole("button", { name: `Remove ${DIAPHRAGM_GAUGE}` }).press("Enter");
  await expect(page.getByText("Your cart is empty")).toBeVisible();
  await expect(page.locator("main h1")).toBeFocused();

  // A link to another page: the focus starts at the new page's heading, as a page load would.
  await page.goto("/categories/pressure-gauges");
  await page.getByRole("main").locator('a[href^="/products/"]').first().focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("main h1")).toBeFocused();

  // The sort list steps by arrow key without a page per step; Enter applies the choice.
  await page.goto("/categories/pressure-gauges");
  const sort = page.getByLabel("Sort by");
  await sort.focus();
  await sort.press("ArrowDown");
  await expect(sort).not.toHaveValue("relevance");
  const stepped = await sort.inputValue();
  await expect(page).not.toHaveURL(/sort=/);
  await sort.press("Enter");
  await expect(page).toHaveURL(new RegExp(`sort=${stepped}`));
  // Where an arrow opens the list instead of stepping (macOS), the value stays as it was, and a
  // choice made in the open list applies at once. Headless Chromium opens no list: the arrow is a
  // key event without its default action, the choice a change event.
  const chosen = await sort.evaluate(async (select: HTMLSelectElement) => {
    select.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    select.selectedIndex = select.selectedIndex === 2 ? 3 : 2;
    select.dispatchEvent(new Event("change", { bubbles: true }));
    return select.value;
  });
  await expect(page).toHaveURL(new RegExp(`sort=${chosen}`));

  // A one-field form refused: its field takes the focus, and says why (its description).
  await page.goto("/quote");
  const pad = page.getByLabel(/One part number per line/);
  await pad.fill("NO-SUCH-PART 2");
  await page.getByRole("button", { name: "Add to list" }).first().click();
  await expect(pad).toBeFocused();
  await expect(pad).toHaveAttribute("aria-describedby", "quick-add-problems");
  await expect(page.locator("#quick-add-problems")).toContainText("NO-SUCH-PART 2");

  await signIn(page, ADMIN);
  await page.goto("/admin/products/1");
  await page.getByLabel("Price (USD)").fill("-5abc");
  await page.getByRole("button", { name: "Save changes" }).click();
  const problem = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(problem).toBeVisible();
  await expect(problem).toBeFocused();
  await expect(page.getByLabel("Price (USD)")).toHaveValue("-5abc");
  // Refused the same way again: a new answer, and the focus comes back to it.
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(problem).toBeFocused();
});
