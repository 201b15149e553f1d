import crypto from "node:crypto";
import type { Page } from "@playwright/test";
import { backOfficePage, buyerPage, createCompanyAs, post } from "../support/accounts";
import { SALES } from "../support/admin";
import { expectNoSeriousAxeViolations } from "../support/axe";
import { countRows, queryRow } from "../support/db";
import { orderBuyer, uniqueEmail } from "../support/factories/buyers";
import { waitForMail } from "../support/mail";
import { expect, test } from "../support/test";
import { orderReference, reviewAndPlace } from "../support/orders";

const DIAPHRAGM_GAUGE = "GC-DSG100-HC-6B-FL"; // $285.00, minimum 1, single units
const NO_TERMS = "Invoice is for company accounts with payment terms: pay by card.";

async function addGauges(page: Page, quantity: number) {
  const { slug } = queryRow<{ slug: string }>("SELECT slug FROM products WHERE part_number = ?", DIAPHRAGM_GAUGE)!;
  await page.goto(`/products/${slug}`);
  await page.getByLabel("Quantity").fill(String(quantity));
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added to cart." })).toBeVisible();
}

/** The checkout form, with the buyer's name and address typed in. */
async function checkoutForm(page: Page) {
  await page.goto("/checkout");
  const form = page.getByRole("form", { name: "Delivery and payment" });
  await form.getByLabel("Your name", { exact: true }).fill("Terry Terms");
  await form.getByLabel("Shipping address").fill("7 Wharf Road, Mobile, AL 36602, USA");
  return form;
}

/** The checkout form as a forged post sends it: invoice, whatever the page offered. */
const forgedInvoice = (email: string) => ({
  ...orderBuyer({ email, shippingAddress: "7 Wharf Road, Mobile, AL 36602, USA", poNumber: "PO-FORGED" }),
  paymentMethod: "invoice",
  submissionKey: crypto.randomBytes(32).toString("base64url"),
});

const ordersOf = (email: string) => countRows("SELECT count(*) AS n FROM orders WHERE email = ?", email);

test("sales puts a company on Net 30 with a $1,000 limit; its buyer pays by invoice within the credit, and is refused over it", async ({
  browser,
}) => {
  const company = `Terms Works ${uniqueEmail("c").slice(2, 10)}`;
  const email = uniqueEmail("terms-buyer");
  const buyer = await buyerPage(browser, email);
  await createCompanyAs(buyer, company);
  const companyId = queryRow<{ id: number }>("SELECT id FROM companies WHERE name = ?", company)!.id;

  // Sales sets the terms on the company's page; a limit that is not an amount comes back at the field.
  const sales = await backOfficePage(browser, SALES);
  await sales.goto(`/admin/companies/${companyId}`);
  const terms = sales.getByRole("form", { name: "Payment terms" });
  await expect(terms.getByLabel("Terms")).toHaveValue("card");
  await terms.getByLabel("Terms").selectOption({ label: "Invoice, Net 30" });
  await terms.getByLabel("Credit limit (USD)").fill("a thousand");
  await terms.getByRole("button", { name: "Save terms" }).click();
  await expect(terms.getByLabel("Credit limit (USD)")).toHaveAccessibleDescription(
    /Enter the credit limit in dollars, like 25,000/,
  );
  await expect(terms.getByLabel("Credit limit (USD)")).toHaveValue("a thousand");
  await expect(terms.getByLabel("Terms")).toHaveValue("net30");
  expect(queryRow("SELECT payment_terms FROM companies WHERE id = ?", companyId)).toEqual({ payment_terms: "card" });
  await terms.getByLabel("Credit limit (USD)").fill("$1,000");
  await terms.getByRole("button", { name: "Save terms" }).click();
  await expect(terms.getByRole("status")).toHaveText("Terms saved.");
  await expect(terms.getByTestId("available-credit")).toHaveText("$1,000.00");
  await expectNoSeriousAxeViolations(sales);

  // Three gauges, $855.00 ($944.20 with 27 lb of freight to AL and 4% tax): invoice is offered with the terms, and the order waits for its invoice's payment.
  await addGauges(buyer, 3);
  let form = await checkoutForm(buyer);
  const invoice = form.getByRole("radio", { name: /Pay by invoice/ });
  await expect(invoice).toHaveAccessibleDescription("Invoice, Net 30 — $1,000.00 of credit available");
  await invoice.check();
  await form.getByLabel(/PO number/).fill("PO-TERMS-1");
  await reviewAndPlace(form);
  await expect(buyer).toHaveURL(/\/orders\/[A-Za-z0-9_-]{43}$/);
  await expect(buyer.getByTestId("order-status")).toHaveText("Awaiting payment of our invoice");
  await expect(buyer.getByTestId("payment-terms")).toHaveText("Payment terms: Net 30");
  const reference = await orderReference(buyer);
  expect(queryRow("SELECT status, payment_terms, total_cents FROM orders WHERE reference = ?", reference)).toEqual({
    status: "awaiting_payment",
    payment_terms: "net30",
    total_cents: 944_20,
  });
  const mail = await waitForMail((m) => m.to.includes(email) && m.subject.includes(reference));
  expect(mail.text).toMatch(/\(Net 30: due \d{4}-\d\d-\d\d\)/);

  // One more gauge is over the $55.80 left: invoice is not offered, and a forged choice is refused
  // at the field with what was typed kept and nothing written.
  await addGauges(buyer, 1);
  form = await checkoutForm(buyer);
  await expect(form.getByRole("radio", { name: /Pay by invoice/ })).toHaveCount(0);
  const over = "This order is over your company’s available credit of $55.80: pay by card or ask sales.";
  await expect(form.getByText(over)).toBeVisible();
  await form.getByLabel(/PO number/).fill("PO-TERMS-2");
  await form.getByRole("radio", { name: /Pay by card/ }).evaluate((radio: HTMLInputElement) => {
    radio.value = "invoice";
    radio.checked = true;
  });
  // The review already counts freight and tax against the credit, and refuses.
  await form.getByRole("button", { name: "Review order" }).click();
  await expect(buyer.getByRole("alert").getByRole("link", { name: `Payment: ${over}` })).toBeVisible();
  await expect(form.getByLabel(/PO number/)).toHaveValue("PO-TERMS-2");
  expect(ordersOf(email)).toBe(1);

  await sales.reload();
  await expect(terms.getByTestId("open-invoices")).toHaveText("$944.20");
  await expect(terms.getByTestId("available-credit")).toHaveText("$55.80");

  // A limit lowered below what is owed says by how much; the order's back-office page says its terms.
  await terms.getByLabel("Credit limit (USD)").fill("500");
  await terms.getByRole("button", { name: "Save terms" }).click();
  await expect(terms.getByTestId("available-credit")).toHaveText("$0.00 (owes $444.20 over the limit)");
  const { id: orderId } = queryRow<{ id: number }>("SELECT id FROM orders WHERE reference = ?", reference)!;
  await sales.goto(`/admin/orders/${orderId}`);
  await expect(sales.getByText(/^Payment: invoice, Net 30 · PO PO-TERMS-1/)).toBeVisible();
});

test("a guest and a card-only company's buyer are not offered invoice, and a forged invoice post is refused", async ({
  browser,
}) => {
  const guestEmail = uniqueEmail("terms-guest");
  const guest = await buyerPage(browser);
  await addGauges(guest, 1);
  let form = await checkoutForm(guest);
  await expect(form.getByRole("radio", { name: /Pay by card/ })).toBeChecked();
  await expect(form.getByRole("radio", { name: /Pay by invoice/ })).toHaveCount(0);
  await expect(form.getByLabel("PO number (optional)")).toBeVisible();
  const refusedGuest = await post(guest, "/checkout", forgedInvoice(guestEmail));
  expect(refusedGuest.status()).toBe(400);
  expect(await refusedGuest.text()).toContain(NO_TERMS);
  expect(ordersOf(guestEmail)).toBe(0);

  const email = uniqueEmail("card-only");
  const buyer = await buyerPage(browser, email);
  await createCompanyAs(buyer, `Card Only Co ${uniqueEmail("c").slice(2, 10)}`);
  await addGauges(buyer, 1);
  form = await checkoutForm(buyer);
  await expect(form.getByRole("radio", { name: /Pay by invoice/ })).toHaveCount(0);
  await expect(form.getByText(/credit available/)).toHaveCount(0);
  const refused = await post(buyer, "/checkout", forgedInvoice(email));
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toContain(NO_TERMS);
  expect(ordersOf(email)).toBe(0);
});
