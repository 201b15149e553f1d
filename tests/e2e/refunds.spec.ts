import { type Page } from "@playwright/test";
import { post } from "../support/accounts";
import { expectNoSeriousAxeViolations } from "../support/axe";
import { countRows, queryRow } from "../support/db";
import { uniqueEmail } from "../support/factories/buyers";
import { waitForMail } from "../support/mail";
import { addToCart, checkout, CHECKOUT_BUYER, reviewAndPlace } from "../support/orders";
import { pdfPages } from "../support/pdf-text";
import { salesPage } from "../support/quotes";
import { stripeEmulator, STRIPE_PORT } from "../support/stripe";
import { expect, test } from "../support/test";

const DIAPHRAGM_GAUGE = "GC-DSG100-HC-6B-FL"; // $285.00, single units

/** Places a card order of three diaphragm gauges ($855.00; $942.75 with 27 lb of freight to LA and 5% tax) and pays it on the emulator's page. */
async function paidCardOrder(page: Page, email: string) {
  await addToCart(page, DIAPHRAGM_GAUGE, "3");
  const form = await checkout(page, { email, po: "PO-RF-77" });
  await reviewAndPlace(form);
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${STRIPE_PORT}/pay/cs_test_`));
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Paid: thank you");
  const order = queryRow<{ id: number; reference: string; stripe_payment_intent_id: string }>(
    "SELECT id, reference, stripe_payment_intent_id FROM orders WHERE email = ?",
    email,
  )!;
  return { ...order, orderPage: page.url().split("?")[0] };
}

const creditNotes = (orderId: number) =>
  countRows("SELECT count(*) AS n FROM credit_notes WHERE order_id = ?", orderId);
const refundMails = (reference: string, amount: string) =>
  countRows("SELECT count(*) AS n FROM outbox_emails WHERE subject = ?", `Refund of ${amount} for order ${reference}`);

test("card order paid → part refunded through Stripe → credit note on both pages and by e-mail → the rest refunded", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const email = uniqueEmail("refund");
  const { id, reference, orderPage, stripe_payment_intent_id: paymentIntent } = await paidCardOrder(page, email);

  // Sales offers what was paid; more than that comes back at the field, as typed, and Stripe is not asked.
  const sales = await salesPage(browser);
  await sales.goto(`/admin/orders/${id}`);
  const receipt = sales.getByRole("region", { name: /^Receipt INV-\d{4}-\d{6}$/ });
  const invoiceNumber = (await receipt.getByRole("heading", { level: 2 }).textContent())!.replace("Receipt ", "");
  const refund = sales.getByRole("form", { name: "Refund to the card" });
  const amount = refund.getByLabel("Amount to refund (USD)");
  await expect(amount).toHaveValue("942.75");
  await amount.fill("1,000.00");
  await refund.getByLabel(/^Reason/).fill("One gauge arrived damaged");
  await refund.getByRole("button", { name: "Refund" }).click();
  await expect(amount).toHaveAccessibleDescription(
    /That is more than was paid and not yet refunded: refund at most \$942\.75/,
  );
  await expect(amount).toHaveValue("1,000.00");
  await expect(refund.getByLabel(/^Reason/)).toHaveValue("One gauge arrived damaged");
  expect(creditNotes(id)).toBe(0);
  await expectNoSeriousAxeViolations(sales);

  // A part refund: a credit note, the order still paid, the rest offered.
  await amount.fill("285.00");
  await refund.getByRole("button", { name: "Refund" }).click();
  const notes = receipt.getByRole("table", { name: "Credit notes" });
  await expect(notes).toContainText("One gauge arrived damaged");
  await expect(notes).toContainText("$285.00");
  await expect(sales.locator("h1 .status")).toHaveText("paid");
  await expect(amount).toHaveValue("657.75");
  await expect(sales.getByRole("region", { name: "Timeline" })).toContainText("$285.00 refunded to the card: CN-");
  const note = queryRow<{ number: string; stripe_refund_id: string }>(
    "SELECT number, stripe_refund_id FROM credit_notes WHERE order_id = ?",
    id,
  )!;
  expect(note.number).toMatch(/^CN-\d{4}-\d{6}$/);
  const pdfLink = notes.getByRole("link", { name: `${note.number} (PDF)` });
  const salesPdf = await sales.request.get((await pdfLink.getAttribute("href"))!);
  expect(salesPdf.headers()["content-type"]).toBe("application/pdf");

  // Stripe's webhooks for the refund, replayed: still one credit note, one e-mail.
  for (const type of ["refund.created", "charge.refunded", "refund.updated"]) {
    const replay = await stripeEmulator.redeliverRefund(note.stripe_refund_id, type, 2);
    expect(replay.statuses).toEqual([200, 200]);
  }
  expect(creditNotes(id)).toBe(1);

  // The buyer is e-mailed the credit note as a PDF.
  const mail = await waitForMail(
    (m) => m.to.includes(email) && m.subject === `Refund of $285.00 for order ${reference}`,
  );
  expect(mail.text).toContain("One gauge arrived damaged");
  expect(mail.attachments.map((file) => [file.filename, file.contentType])).toEqual([
    [`IronAxis-${note.number}.pdf`, "application/pdf"],
  ]);
  const text = (await pdfPages(Buffer.from(mail.attachments[0].content, "base64"))).join("\n");
  for (const expected of [
    `Credit note ${note.number}`,
    `credits ${invoiceNumber}`,
    "SELLER",
    "IronAxis, Inc.",
    "BUYER",
    CHECKOUT_BUYER.company,
    reference,
    "PO-RF-77",
    "One gauge arrived damaged",
    "Amount credited: $285.00",
  ])
    expect(text).toContain(expected);
  expect(refundMails(reference, "$285.00")).toBe(1);
  const receiptPdf = await sales.request.get(`/admin/orders/${id}/invoice.pdf`);
  const receiptText = (await pdfPages(await receiptPdf.body())).join("\n");
  // Down to the balance: the credit note takes $285.00 off what is owed, its refund adds it back to what was paid.
  expect(receiptText).toMatch(new RegExp(`Credit note ${note.number}, \\d{4}-\\d\\d-\\d\\d: −\\$285\\.00`));
  expect(receiptText).toContain("Refunded to the card: +$285.00");
  expect(receiptText).toContain("Balance due: $0.00");

  // The buyer's page lists the credit note with its PDF, and what was credited.
  await page.goto(orderPage);
  const buyerReceipt = page.getByRole("region", { name: `Receipt ${invoiceNumber}` });
  const buyerNotes = buyerReceipt.getByRole("table", { name: "Credit notes" });
  await expect(buyerNotes).toContainText(note.number);
  await expect(buyerNotes).toContainText("One gauge arrived damaged");
  await expect(buyerReceipt).toContainText("Credited");
  await expect(buyerReceipt).toContainText("−$285.00");
  const buyerPdf = await page.request.get(
    (await buyerNotes.getByRole("link", { name: `${note.number} (PDF)` }).getAttribute("href"))!,
  );
  expect(buyerPdf.headers()["content-type"]).toBe("application/pdf");
  expect(buyerPdf.headers()["content-disposition"]).toContain(`filename="IronAxis-${note.number}.pdf"`);
  await expectNoSeriousAxeViolations(page);

  // A forged refund of more than is left is refused at the amount field; nothing changes.
  const forged = await post(sales, `/admin/orders/${id}`, {
    intent: "refund",
    amount: "700.00",
    creditReason: "Forged",
    requestKey: "forged-refund-key-1",
  });
  expect(forged.status()).toBe(409);
  expect(await forged.text()).toContain("That is more than was paid and not yet refunded: refund at most $657.75");
  expect(creditNotes(id)).toBe(1);

  // The rest: the order is refunded, and nothing more can be.
  await sales.reload();
  await expect(amount).toHaveValue("657.75");
  await refund.getByLabel(/^Reason/).fill("Order returned");
  await refund.getByRole("button", { name: "Refund" }).click();
  await expect(sales.locator("h1 .status")).toHaveText("refunded");
  await expect(notes.getByRole("row")).toHaveCount(3);
  await expect(sales.getByRole("form", { name: "Refund to the card" })).toHaveCount(0);
  await waitForMail((m) => m.to.includes(email) && m.subject === `Refund of $657.75 for order ${reference}`);
  expect(creditNotes(id)).toBe(2);
  const again = await post(sales, `/admin/orders/${id}`, {
    intent: "refund",
    amount: "1.00",
    creditReason: "Once more",
    requestKey: "forged-refund-key-2",
  });
  expect(again.status()).toBe(409);
  expect(await again.text()).toContain("This payment has been refunded in full: there is nothing left to refund.");
  // Stripe agrees: nothing is left on the charge.
  await expect(stripeEmulator.dashboardRefund(paymentIntent, 100)).rejects.toThrow(/charge_already_refunded/);

  await page.reload();
  await expect(page.getByTestId("order-status")).toHaveText("Refunded in full");
});

test("a refund made in Stripe's dashboard gets its credit note from the webhook, once", async ({ page, browser }) => {
  const email = uniqueEmail("refund-dash");
  const { id, reference, stripe_payment_intent_id: paymentIntent } = await paidCardOrder(page, email);
  const refund = await stripeEmulator.dashboardRefund(paymentIntent, 10_000);
  await stripeEmulator.redeliverRefund(refund.id, "charge.refunded", 3);
  expect(creditNotes(id)).toBe(1);
  const sales = await salesPage(browser);
  await sales.goto(`/admin/orders/${id}`);
  await expect(sales.getByRole("table", { name: "Credit notes" })).toContainText("Refunded in Stripe’s dashboard");
  await expect(
    sales.getByRole("form", { name: "Refund to the card" }).getByLabel("Amount to refund (USD)"),
  ).toHaveValue("842.75");
  await waitForMail((m) => m.to.includes(email) && m.subject === `Refund of $100.00 for order ${reference}`);
  expect(refundMails(reference, "$100.00")).toBe(1);
});
