import { expectNoSeriousAxeViolations } from "../support/axe";
import { queryRow } from "../support/db";
import { uniqueEmail } from "../support/factories/buyers";
import { waitForMail } from "../support/mail";
import { pdfPages } from "../support/pdf-text";
import { acceptButton, openInInbox, salesPage, sendRevision, submitQuoteRequest } from "../support/quotes";
import { stripeEmulator, STRIPE_PORT } from "../support/stripe";
import { expect, test } from "../support/test";

const SHIP_TO = "400 Main Street, Houston, TX 77002";
const UPS_NUMBER = "1Z999AA10123456784";

test("card order with tax → paid through Stripe Tax → part shipped with tracking → the rest shipped → part refunded → credit note", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("tax");
  const { url, reference: request } = await submitQuoteRequest(page, {
    Company: "Gulf Tax Works",
    "E-mail": email,
    "Delivery location (optional)": SHIP_TO,
  });
  const sales = await salesPage(browser);
  await (await openInInbox(sales, request)).getByRole("link", { name: request }).click();
  await sendRevision(sales, { unitPrice: "1,000.00", weeks: "4" });
  await expect(sales.getByText(/^v1 · /)).toBeVisible();

  // Two units at $1,000.00 shipped to Texas: Stripe Tax adds 6.25%, worked out from the address Stripe is given.
  await page.goto(url);
  await acceptButton(page, 1, "card").click();
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${STRIPE_PORT}/pay/cs_test_`));
  const sessionId = page.url().split("/pay/")[1];
  const session = await stripeEmulator.session(sessionId);
  expect(session.automatic_tax).toEqual({ enabled: true, status: "complete" });
  expect(session.customer).toMatch(/^cus_/);
  expect(session.total_details.amount_tax).toBe(125_00);
  expect(session.amount_total).toBe(2_125_00);
  await expect(page.getByText("Tax: 125.00")).toBeVisible();
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Paid: thank you");
  const orderPage = page.url().split("?")[0];
  const order = queryRow<{ id: number; reference: string; total_cents: number; tax_status: string }>(
    "SELECT id, reference, total_cents, tax_status FROM orders WHERE email = ?",
    email,
  )!;
  expect(order).toMatchObject({ total_cents: 2_125_00, tax_status: "charged" });
  await expect(page.getByRole("row", { name: /Sales tax \(TX 6\.25%\)/ })).toContainText("$125.00");
  await expect(page.getByTestId("order-total")).toHaveText("$2,125.00");

  // The receipt's total is what Stripe charged, its tax line named, and the e-mail says the same.
  const receipt = queryRow<{ number: string; total_cents: number }>(
    "SELECT number, total_cents FROM invoices WHERE order_id = ?",
    order.id,
  )!;
  expect(receipt.total_cents).toBe(session.amount_total);
  const paidMail = await waitForMail(
    (m) => m.to.includes(email) && m.subject === `Payment received for order ${order.reference}`,
  );
  expect(paidMail.text).toContain("Sales tax (TX 6.25%): $125.00");
  expect(paidMail.text).toContain("Total: $2,125.00");
  const receiptText = (await pdfPages(Buffer.from(paidMail.attachments[0].content, "base64"))).join("\n");
  for (const expected of [
    `Receipt ${receipt.number}`,
    "Subtotal: $2,000.00",
    "Sales tax (TX 6.25%): $125.00",
    "Total: $2,125.00 (USD)",
    "Balance due: $0.00",
  ])
    expect(receiptText).toContain(expected);

  // Sales sees the tax Stripe charged, and ships one unit with tracking, then the other.
  await sales.goto(`/admin/orders/${order.id}`);
  await expect(sales.getByRole("row", { name: /Sales tax \(TX 6\.25%\) \(charged by card\)/ })).toContainText(
    "$125.00",
  );
  await expect(sales.getByRole("form", { name: "Confirm the tax line" })).toHaveCount(0);
  const partNumber = queryRow<{ part_number: string }>(
    "SELECT part_number FROM order_lines WHERE order_id = ? AND kind = 'item'",
    order.id,
  )!.part_number;
  const shipping = sales.getByRole("region", { name: /Shipping/ });
  const quantity = shipping.getByLabel(`Quantity to ship of ${partNumber}`);
  await expect(quantity).toHaveValue("2");
  await quantity.fill("1");
  await shipping.getByLabel("Carrier", { exact: true }).selectOption("ups");
  await shipping.getByLabel("Tracking number").fill(UPS_NUMBER);
  await shipping.getByRole("button", { name: "Ship", exact: true }).click();
  await expect(shipping.getByRole("heading", { level: 2 })).toHaveText("Shipping (partly shipped)");
  await waitForMail(
    (m) => m.to.includes(email) && m.subject === `Shipment 1 of order ${order.reference} is on its way`,
  );
  await page.goto(orderPage);
  await expect(
    page.getByRole("region", { name: "Shipments" }).getByRole("link", { name: `UPS ${UPS_NUMBER}` }),
  ).toBeVisible();
  await expect(page.getByTestId("still-to-ship")).toContainText("1 × ");

  await expect(quantity).toHaveValue("1");
  await shipping.getByLabel("Carrier", { exact: true }).selectOption("other");
  await shipping.getByLabel("Tracking number").fill("PRO 55120");
  await shipping.getByLabel(/Tracking link/).fill("https://freight.example/track/55120");
  await shipping.getByRole("button", { name: "Ship", exact: true }).click();
  await expect(shipping.getByRole("heading", { level: 2 })).toHaveText("Shipping (shipped)");

  // A part refund of what Stripe charged, the tax included: a credit note against the receipt.
  const refund = sales.getByRole("form", { name: "Refund to the card" });
  const amount = refund.getByLabel("Amount to refund (USD)");
  await expect(amount).toHaveValue("2125.00");
  await amount.fill("531.25");
  await refund.getByLabel(/^Reason/).fill("One unit returned, its tax with it");
  await refund.getByRole("button", { name: "Refund" }).click();
  const notes = sales
    .getByRole("region", { name: `Receipt ${receipt.number}` })
    .getByRole("table", { name: "Credit notes" });
  await expect(notes).toContainText("$531.25");
  await expect(sales.locator("h1 .status")).toHaveText("paid");
  await expect(amount).toHaveValue("1593.75");
  await expectNoSeriousAxeViolations(sales);

  const note = queryRow<{ number: string }>("SELECT number FROM credit_notes WHERE order_id = ?", order.id)!;
  const refundMail = await waitForMail(
    (m) => m.to.includes(email) && m.subject === `Refund of $531.25 for order ${order.reference}`,
  );
  expect(refundMail.text).toContain("Sales tax (TX 6.25%): $125.00");
  const noteText = (await pdfPages(Buffer.from(refundMail.attachments[0].content, "base64"))).join("\n");
  for (const expected of [
    `Credit note ${note.number}`,
    `credits ${receipt.number}`,
    order.reference,
    "One unit returned, its tax with it",
    "Amount credited: $531.25",
  ])
    expect(noteText).toContain(expected);
  const receiptAfter = (
    await pdfPages(await (await sales.request.get(`/admin/orders/${order.id}/invoice.pdf`)).body())
  ).join("\n");
  for (const expected of [
    "Sales tax (TX 6.25%): $125.00",
    "Total: $2,125.00 (USD)",
    `Credit note ${note.number}`,
    "Refunded to the card: +$531.25",
    "Balance due: $0.00",
  ])
    expect(receiptAfter).toContain(expected);

  await page.goto(orderPage);
  await expect(page.getByRole("row", { name: /Sales tax \(TX 6\.25%\)/ })).toContainText("$125.00");
  await expect(page.getByRole("table", { name: "Credit notes" })).toContainText(note.number);
  // The unit's tax went back with it: its share of the $125.00, said beside the credit note.
  await expect(page.getByRole("columnheader", { name: "Of which tax" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Credit notes" }).getByRole("row").nth(1)).toContainText("$31.25");
  await expectNoSeriousAxeViolations(page);
});

test("an invoice order carries the estimated tax line; sales confirms it, recorded with who, and the invoice is unchanged", async ({
  page,
  browser,
}) => {
  const email = uniqueEmail("tax-invoice");
  const { url, reference: request } = await submitQuoteRequest(page, {
    Company: "Twin Cities Tax Works",
    "E-mail": email,
    "Delivery location (optional)": "80 Mill Road\nMinneapolis, MN 55401",
  });
  const sales = await salesPage(browser);
  await (await openInInbox(sales, request)).getByRole("link", { name: request }).click();
  await sendRevision(sales, { unitPrice: "1,000.00", weeks: "4" });
  await expect(sales.getByText(/^v1 · /)).toBeVisible();

  await page.goto(url);
  await page.getByLabel("Your purchase order (PO) number").fill("PO-MN-6875");
  await acceptButton(page, 1, "invoice").click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{43}$/);
  // 6.875% of $2,000.00, estimated from the ship-to state until sales confirms it.
  await expect(page.getByRole("row", { name: /Sales tax \(MN 6\.875%\) \(estimated\)/ })).toContainText("$137.50");
  await expect(page.getByTestId("order-total")).toHaveText("$2,137.50");
  const order = queryRow<{ id: number }>("SELECT id FROM orders WHERE email = ?", email)!;

  await sales.goto(`/admin/orders/${order.id}`);
  const confirm = sales.getByRole("form", { name: "Confirm the tax line" });
  await confirm.getByRole("button", { name: "Confirm the tax line" }).click();
  await expect(sales.getByRole("row", { name: /Sales tax \(MN 6\.875%\) \(confirmed\)/ })).toContainText("$137.50");
  await expect(confirm).toHaveCount(0);
  await expect(sales.getByRole("region", { name: "Timeline" })).toContainText(
    "Tax line confirmed: Sales tax (MN 6.875%) $137.50",
  );
  await expectNoSeriousAxeViolations(sales);

  const invoice = (
    await pdfPages(await (await sales.request.get(`/admin/orders/${order.id}/invoice.pdf`)).body())
  ).join("\n");
  for (const expected of ["Subtotal: $2,000.00", "Sales tax (MN 6.875%): $137.50", "Total: $2,137.50 (USD)"])
    expect(invoice).toContain(expected);
  await page.reload();
  await expect(page.getByRole("row", { name: /Sales tax \(MN 6\.875%\) \(confirmed\)/ })).toContainText("$137.50");
});
