import { expect, test } from "../support/test";
import { SALES, signIn } from "../support/admin";
import { queryRow } from "../support/db";
import { orderBuyer, uniqueEmail } from "../support/factories/buyers";
import { STRIPE_PORT, stripeEmulator } from "../support/stripe";
import { orderReference, reviewAndPlace } from "../support/orders";

// A product of its own, in the sub-category the public catalog specs do not count. It is written
// once (created with its breaks) and never edited, so admin-catalog's export-then-import check
// finds it unchanged whenever it runs.
const CATEGORY = "hydraulic-presses";
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`.toUpperCase();

test("list-price breaks: set in the back office, shown on the product page and in search, charged in the cart and by card", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const part = `BRK-${unique()}`;
  const name = `Bench press 10 t ${part}`;
  await signIn(page, SALES);
  await page.goto("/admin/products/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Part number").fill(part);
  await page.getByLabel("Manufacturer").fill("Ironside Hydraulics");
  await page.getByLabel("Category").selectOption(CATEGORY);
  await page.getByLabel("Price (USD)").fill("100.00");
  await page.getByLabel("Lead time (days)").fill("7");
  const breaks = page.getByLabel("Quantity price breaks");

  // Refused at the field, with what was typed kept.
  await breaks.fill("10+ 95.00; 50+ 99.00");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.locator("#priceBreaks-error")).toHaveText(
    "Each break's unit price must be lower than the one before it",
  );
  await expect(breaks).toHaveValue("10+ 95.00; 50+ 99.00");
  await expect(breaks).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);

  await breaks.fill("10+ 95.00; 50+ 89.50");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByRole("status")).toHaveText("Product created.");
  await expect(breaks).toHaveValue("10+ 95.00; 50+ 89.50");
  const href = (await page.getByRole("link", { name: "View on the site" }).getAttribute("href"))!;

  // The product page: a table under the price, and the breaks in its structured data.
  await page.goto(href);
  const table = page.getByRole("table", { name: "Quantity pricing" });
  await expect(table.getByRole("row")).toHaveText(["QuantityUnit price", "1–9$100.00", "10–49$95.00", "50+$89.50"]);
  const ld = (await page.locator('script[type="application/ld+json"]').allTextContents())
    .map((text) => JSON.parse(text))
    .find((data) => data["@type"] === "Product");
  expect(ld.offers.price).toBe("100.00");
  expect(
    ld.offers.priceSpecification.map((spec: { price: string; eligibleQuantity: { minValue: number } }) => [
      spec.price,
      spec.eligibleQuantity.minValue,
    ]),
  ).toEqual([
    ["100.00", 1],
    ["95.00", 10],
    ["89.50", 50],
  ]);

  // A listing (search results; a part number alone would open its page): one short line under the price.
  await page.goto(`/search?q=${encodeURIComponent(`bench press ${part}`)}`);
  const row = page.getByRole("listitem").filter({ has: page.getByRole("link", { name }) });
  await expect(row.getByText("10+ $95.00 · 50+ $89.50")).toBeVisible();

  // The cart prices 10 at the first break, says what 50 would cost, and reprices at 50.
  await page.goto(href);
  await page.getByLabel("Quantity").fill("10");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added to cart." })).toBeVisible();
  await page.goto("/cart");
  await expect(page.getByText("$95.00 each")).toBeVisible();
  await expect(page.getByText("Order 50 for $89.50 each")).toBeVisible();
  await expect(page.getByTestId("cart-total")).toHaveText("$950.00");
  await page.getByLabel(`Quantity of ${part}`).fill("50");
  await page.getByRole("button", { name: "Update" }).click();
  await expect(page.getByTestId("cart-total")).toHaveText("$4,475.00");
  await expect(page.getByText("$89.50 each")).toBeVisible();
  await expect(page.getByText(/Order \d+ for/)).toHaveCount(0);

  // Checkout by card charges exactly that, with freight (50 units of no stated weight count 10 lb each: 500 lb to LA,
  // $240.00) and 5% Louisiana tax ($223.75).
  const buyer = orderBuyer({ shippingAddress: "12 Refinery Road, Baton Rouge, LA 70801, USA" });
  await page.goto("/checkout");
  const form = page.getByRole("form", { name: "Delivery and payment" });
  await form.getByLabel("Company", { exact: true }).fill(buyer.company);
  await form.getByLabel("Your name", { exact: true }).fill(buyer.contactName);
  await form.getByLabel("E-mail", { exact: true }).fill(uniqueEmail("breaks"));
  await form.getByLabel("Shipping address").fill(buyer.shippingAddress);
  await form.getByRole("radio", { name: /Pay by card/ }).check();
  await reviewAndPlace(form);
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${STRIPE_PORT}/pay/cs_test_`));
  const session = await stripeEmulator.session(page.url().split("/pay/")[1]);
  expect(session.amount_total).toBe(4_938_75);
  await expect(page.getByText(`50 × ${name} (${part})`)).toBeVisible();
  await page.getByRole("button", { name: "Pay" }).click();

  await expect(page.getByTestId("order-status")).toHaveText("Paid: thank you");
  await expect(page.getByTestId("order-total")).toHaveText("$4,938.75");
  const reference = await orderReference(page);
  const order = queryRow<{ id: number; total_cents: number }>(
    "SELECT id, total_cents FROM orders WHERE reference = ?",
    reference,
  )!;
  expect(order.total_cents).toBe(4_938_75);
  const line = queryRow<{ quantity: number; unit_price_cents: number }>(
    "SELECT quantity, unit_price_cents FROM order_lines WHERE order_id = ?",
    order.id,
  );
  expect(line).toEqual({ quantity: 50, unit_price_cents: 89_50 });
});
