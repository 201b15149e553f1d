import type { Page } from "@playwright/test";
import { backOfficePage, buyerPage } from "../support/accounts";
import { SALES } from "../support/admin";
import { expectNoSeriousAxeViolations } from "../support/axe";
import { countRows, queryRow } from "../support/db";
import { uniqueEmail } from "../support/factories/buyers";
import { waitForMail } from "../support/mail";
import { pdfPages } from "../support/pdf-text";
import { stripeEmulator, STRIPE_PORT } from "../support/stripe";
import { placeCompanyInvoiceOrder } from "../support/orders";
import { expect, test } from "../support/test";

/** From the order page through the emulator's hosted checkout, paying `expected` (like "1242.00"). */
async function payBalanceByCard(page: Page, number: string, expected: string) {
  const pay = page.getByRole("form", { name: "Pay the balance by card" });
  await pay.getByRole("button", { name: "Pay the balance by card" }).click();
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${STRIPE_PORT}/pay/cs_test_`));
  await expect(page.getByText(`Total: ${expected} USD`)).toBeVisible();
  await expect(page.getByText(`1 × Invoice ${number}`)).toBeVisible();
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{43}\?session_id=cs_test_/);
}

const cardPayments = (number: string) =>
  countRows(
    "SELECT count(*) AS n FROM invoice_payments WHERE method = 'card' AND invoice_id = (SELECT id FROM invoices WHERE number = ?)",
    number,
  );

test("an invoice paid by card: the PDF links the order page, the buyer pays the balance through Stripe, the order is paid once", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("ap");
  const buyer = await buyerPage(browser, email);
  const { reference, number, orderPage, invoice } = await placeCompanyInvoiceOrder(buyer);

  // The invoice PDF says where to pay by card: the order page, whose link does not lapse.
  const download = await buyer.request.get(
    (await invoice.getByRole("link", { name: "Download the invoice (PDF)" }).getAttribute("href"))!,
  );
  const text = (await pdfPages(await download.body())).join("\n");
  expect(text).toContain("By card");
  expect(text).toContain("Page 1 of 1");
  expect(text.replace(/\s+/g, "")).toContain(orderPage);
  await expect(buyer.getByRole("form", { name: "Pay the balance by card" })).toContainText("$1,242.00");
  await expectNoSeriousAxeViolations(buyer);

  await payBalanceByCard(buyer, number, "1242.00");
  await expect(buyer.getByTestId("order-status")).toHaveText("Paid: thank you");
  await expect(buyer.getByRole("form", { name: "Pay the balance by card" })).toHaveCount(0);
  const payments = invoice.getByRole("table", { name: "Payments received" });
  await expect(payments).toContainText("Card");
  await expect(payments).toContainText(/pi_/);
  await expect(invoice.getByRole("definition").last()).toHaveText("$0.00");

  const paid = await waitForMail(
    (m) => m.to.includes(email) && m.subject === `Payment received for order ${reference}`,
  );
  expect((await pdfPages(Buffer.from(paid.attachments[0].content, "base64"))).join("\n")).toContain(
    "Balance due: $0.00",
  );
  // The webhook and the buyer's return both reported it: one payment, one paid transition, one e-mail.
  await buyer.reload();
  expect(cardPayments(number)).toBe(1);
  expect(
    countRows(
      "SELECT count(*) AS n FROM order_events WHERE status = 'paid' AND order_id = (SELECT id FROM orders WHERE reference = ?)",
      reference,
    ),
  ).toBe(1);
  expect(
    countRows("SELECT count(*) AS n FROM outbox_emails WHERE subject = ?", `Payment received for order ${reference}`),
  ).toBe(1);
});

test("sales records part of an invoice, then the buyer pays the rest by card", async ({ browser }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("ap");
  const buyer = await buyerPage(browser, email);
  const { reference, number, invoice } = await placeCompanyInvoiceOrder(buyer);

  const sales = await backOfficePage(browser, SALES);
  const orderId = queryRow<{ id: number }>("SELECT id FROM orders WHERE reference = ?", reference)!.id;
  await sales.goto(`/admin/orders/${orderId}`);
  const payment = sales.getByRole("form", { name: "Record a payment" });
  await payment.getByLabel("Amount received (USD)").fill("600");
  await payment.getByLabel("Method").selectOption({ label: "Check" });
  await payment.getByLabel(/^Reference/).fill("CHK 2210");
  await payment.getByRole("button", { name: "Record payment" }).click();
  await expect(
    sales.getByRole("region", { name: `Invoice ${number}` }).getByRole("table", { name: "Payments received" }),
  ).toContainText("CHK 2210");

  await buyer.reload();
  await expect(buyer.getByRole("form", { name: "Pay the balance by card" })).toContainText("$642.00");
  await payBalanceByCard(buyer, number, "642.00");
  await expect(buyer.getByTestId("order-status")).toHaveText("Paid: thank you");
  await expect(invoice.getByRole("table", { name: "Payments received" }).getByRole("row")).toHaveCount(3);
  await expect(invoice.getByRole("definition").last()).toHaveText("$0.00");
  await waitForMail((m) => m.to.includes(email) && m.subject === `Payment received for order ${reference}`);

  await sales.reload();
  await expect(sales.locator("h1 .status")).toHaveText("paid");
  await expect(sales.getByRole("region", { name: "Timeline" })).toContainText("$642.00 received");
  expect(cardPayments(number)).toBe(1);
});

test("an invoice paid by card twice: sales chooses the payment a refund goes back to, each refunded on its own", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const buyer = await buyerPage(browser, uniqueEmail("ap"));
  const { reference, number } = await placeCompanyInvoiceOrder(buyer);

  // Stripe took $500.00 of the $1,242.00 (the session's amount set lower on the emulator): paid in
  // part, so the buyer pays the rest by card too.
  await buyer.getByRole("button", { name: "Pay the balance by card" }).click();
  await expect(buyer).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${STRIPE_PORT}/pay/cs_test_`));
  await stripeEmulator.setAmount(new URL(buyer.url()).pathname.split("/").pop()!, 500_00);
  await buyer.getByRole("button", { name: "Pay" }).click();
  await expect(buyer.getByRole("form", { name: "Pay the balance by card" })).toContainText("$742.00");
  await payBalanceByCard(buyer, number, "742.00");
  await expect(buyer.getByTestId("order-status")).toHaveText("Paid: thank you");
  expect(cardPayments(number)).toBe(2);
  const intentOf = (amount: number) =>
    queryRow<{ intent: string }>(
      "SELECT stripe_payment_intent_id AS intent FROM invoice_payments WHERE method = 'card' AND amount_cents = ? AND invoice_id = (SELECT id FROM invoices WHERE number = ?)",
      amount,
      number,
    )!.intent;
  const [first, second] = [intentOf(500_00), intentOf(742_00)];

  // Sales is offered both payments, the last chosen with all that is left of it.
  const sales = await backOfficePage(browser, SALES);
  const orderId = queryRow<{ id: number }>("SELECT id FROM orders WHERE reference = ?", reference)!.id;
  await sales.goto(`/admin/orders/${orderId}`);
  const refund = sales.getByRole("form", { name: "Refund to the card" });
  const payment = refund.getByLabel("Card payment to refund");
  const amount = refund.getByLabel("Amount to refund (USD)");
  await expect(payment.getByRole("option")).toHaveText([
    /^\$500\.00 paid \d{4}-\d\d-\d\d: \$500\.00 left to refund$/,
    /^\$742\.00 paid \d{4}-\d\d-\d\d: \$742\.00 left to refund$/,
  ]);
  await expect(payment).toHaveValue(second);
  await expect(amount).toHaveValue("742.00");
  await expectNoSeriousAxeViolations(sales);

  // More than the first payment holds, though the cards paid more: refused at the amount, the
  // choice and what was typed kept, Stripe not asked.
  await payment.selectOption(first);
  await amount.fill("600.00");
  await refund.getByLabel(/^Reason/).fill("Two gauges returned");
  await refund.getByRole("button", { name: "Refund" }).click();
  await expect(amount).toHaveAccessibleDescription(/refund at most \$500\.00/);
  await expect(payment).toHaveValue(first);
  await expect(amount).toHaveValue("600.00");
  const refunds = () =>
    countRows("SELECT count(*) AS n FROM credit_notes WHERE order_id = ? AND stripe_refund_id IS NOT NULL", orderId);
  expect(refunds()).toBe(0);

  // All of the first: its credit note names its payment, and the second is then offered alone.
  await amount.fill("500.00");
  await refund.getByRole("button", { name: "Refund" }).click();
  await expect(sales.getByRole("region", { name: "Timeline" })).toContainText("$500.00 refunded to the card: CN-");
  await expect(refund.getByLabel("Card payment to refund")).toHaveCount(0);
  await expect(amount).toHaveValue("742.00");
  expect(
    queryRow<{ intent: string }>(
      "SELECT stripe_payment_intent_id AS intent FROM credit_notes WHERE order_id = ? AND amount_cents = 50000",
      orderId,
    )!.intent,
  ).toBe(first);

  // The rest of the second: the order is refunded, and nothing more is offered.
  await refund.getByLabel(/^Reason/).fill("Order returned");
  await refund.getByRole("button", { name: "Refund" }).click();
  await expect(sales.locator("h1 .status")).toHaveText("refunded");
  await expect(sales.getByRole("form", { name: "Refund to the card" })).toHaveCount(0);
  expect(refunds()).toBe(2);
});
