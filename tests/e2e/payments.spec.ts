import { expectNoSeriousAxeViolations } from "../support/axe";
import { type Browser, type Page } from "@playwright/test";
import { pdfPages } from "../support/pdf-text";
import { expect, hydrated, test } from "../support/test";
import { SALES } from "../support/admin";
import { createCompanyAs, signInByCode } from "../support/accounts";
import { countRows, queryRow, setCompanyTerms, setQuoteValidUntil } from "../support/db";
import { uniqueEmail } from "../support/factories/buyers";
import { addToCart, checkout, CHECKOUT_BUYER, orderReference, reviewAndPlace, slugOf } from "../support/orders";
import { MAIL_HTTP_PORT, waitForMail, type CaughtMail } from "../support/mail";
import {
  acceptButton,
  fillShippingAddress,
  openInInbox,
  salesPage,
  sendRevision,
  submitQuoteRequest,
} from "../support/quotes";
import {
  postOversizedWebhook,
  postWebhook,
  signPayload,
  stripeEmulator,
  STRIPE_PORT,
  type ApiCall,
} from "../support/stripe";

// The tests share one Stripe emulator and read its log of calls: run them in order.
test.describe.configure({ mode: "default" });

const GAUGE_PACKS = "GC-PG63-SS-16B"; // $42.00, minimum 10, packs of 10
const UTILITY_GAUGE = "IAX-PG50-BR-11B"; // $24.00, minimum 20, packs of 10
const DIAPHRAGM_GAUGE = "GC-DSG100-HC-6B-FL"; // $285.00, minimum 1, single units

const orderOf = (reference: string) =>
  queryRow<{
    id: number;
    status: string;
    paid_at: string | null;
    stripe_payment_intent_id: string | null;
    flagged_reason: string | null;
    total_cents: number;
  }>(
    "SELECT id, status, paid_at, stripe_payment_intent_id, flagged_reason, total_cents FROM orders WHERE reference = ?",
    reference,
  )!;
const paidEmails = (reference: string) =>
  countRows("SELECT count(*) AS n FROM outbox_emails WHERE subject = ?", `Payment received for order ${reference}`);
/** Places a card order for one item and stops on the emulator's checkout page; returns its session id. */
async function startCardOrder(page: Page, email: string) {
  await addToCart(page, DIAPHRAGM_GAUGE, "1");
  const form = await checkout(page, { email });
  await reviewAndPlace(form);
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${STRIPE_PORT}/pay/cs_test_`));
  const sessionId = page.url().split("/pay/")[1];
  const session = await stripeEmulator.session(sessionId);
  return { sessionId, reference: session.metadata.order_reference };
}

test("cart quantities respect minimum order and pack size, with the typed value kept", async ({ page }) => {
  await page.goto(`/products/${slugOf(GAUGE_PACKS)}`);
  await page.getByLabel("Quantity").fill("15");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status")).toContainText(
    "Sold in packs of 10: order a multiple of 10, for example 10 or 20",
  );
  await page.getByLabel("Quantity").fill("5");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status")).toContainText("The minimum order is 10");
  await page.getByLabel("Quantity").fill("20");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added to cart." })).toBeVisible();

  await page.goto("/cart");
  await expect(page.getByTestId("cart-total")).toHaveText("$840.00");
  const quantity = page.getByLabel(`Quantity of ${GAUGE_PACKS}`);
  await quantity.fill("25");
  await page.getByRole("button", { name: "Update" }).click();
  await expect(page.getByText("Sold in packs of 10: order a multiple of 10, for example 20 or 30")).toBeVisible();
  await expect(quantity).toHaveValue("25");
  await expect(quantity).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("cart-total")).toHaveText("$840.00");
  await quantity.fill("30");
  await page.getByRole("button", { name: "Update" }).click();
  await expect(page.getByTestId("cart-total")).toHaveText("$1,260.00");
  await page.getByRole("button", { name: `Remove ${GAUGE_PACKS}` }).click();
  await expect(page.getByText("Your cart is empty.")).toBeVisible();
});

test("a cart line stays within 100,000 however it is added, and a quantity is a plain whole number", async ({
  page,
}) => {
  await addToCart(page, DIAPHRAGM_GAUGE, "100000");
  await page.getByLabel("Quantity").fill("100000");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status")).toContainText(
    "At most 100,000 of one product per order line: there are already 100,000 in your cart",
  );
  // A number field takes "1e3"; the server reads only digits (and thousands separators).
  await page.getByLabel("Quantity").fill("1e3");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status")).toContainText("Enter a whole number, like 20 or 2,000");

  await page.goto("/cart");
  const quantity = page.getByLabel(`Quantity of ${DIAPHRAGM_GAUGE}`);
  await expect(quantity).toHaveValue("100000");
  await expect(page.getByTestId("cart-total")).toHaveText("$28,500,000.00");
  await quantity.evaluate((input: HTMLInputElement) => input.removeAttribute("max"));
  await quantity.fill("300000");
  await page.getByRole("button", { name: "Update" }).click();
  await expect(page.getByText("Quantity must be at most 100,000")).toBeVisible();
  await expect(quantity).toHaveValue("300000");
  await expect(page.getByTestId("cart-total")).toHaveText("$28,500,000.00");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the cart works with plain forms, and a refused quantity comes back as typed", async ({ page }) => {
    await page.goto(`/products/${slugOf(UTILITY_GAUGE)}`);
    await page.getByLabel("Quantity").fill("25");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page).toHaveURL(/\/cart$/);
    await expect(page.getByRole("heading", { name: /Not added/ })).toBeVisible();
    const retry = page.getByLabel(`Quantity of ${UTILITY_GAUGE}`);
    await expect(retry).toHaveValue("25");
    await expect(page.getByText("Sold in packs of 10: order a multiple of 10, for example 20 or 30")).toBeVisible();
    await retry.fill("30");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page.getByTestId("cart-total")).toHaveText("$720.00");
    await page.getByLabel(`Quantity of ${UTILITY_GAUGE}`).fill("40");
    await page.getByRole("button", { name: "Update" }).click();
    await expect(page.getByTestId("cart-total")).toHaveText("$960.00");
  });

  test("checkout by card: the form's redirect to Stripe is allowed, and the return confirms the payment", async ({
    page,
  }) => {
    const email = uniqueEmail("nojs");
    await page.goto(`/products/${slugOf(DIAPHRAGM_GAUGE)}`);
    await page.getByLabel("Quantity").fill("3");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page.getByTestId("cart-total")).toHaveText("$855.00");
    const csp = (await page.request.get("/checkout")).headers()["content-security-policy"];
    expect(csp).toContain(`form-action 'self' https://checkout.stripe.com http://127.0.0.1:${STRIPE_PORT};`);
    const form = await checkout(page, { email });
    await reviewAndPlace(form);
    await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${STRIPE_PORT}/pay/cs_test_`));
    await page.getByRole("button", { name: "Pay" }).click();
    await expect(page.getByTestId("order-status")).toHaveText("Paid: thank you");
    const reference = await orderReference(page);
    expect(paidEmails(reference)).toBe(1);
  });
});

test("list-price purchase: cart → checkout → Stripe → paid order page and one confirmation e-mail", async ({
  page,
  request,
}) => {
  const email = uniqueEmail("buyer");
  await addToCart(page, UTILITY_GAUGE, "20");
  await addToCart(page, DIAPHRAGM_GAUGE, "1");
  await page.goto("/cart");
  await expect(page.getByTestId("cart-total")).toHaveText("$765.00");
  await expectNoSeriousAxeViolations(page);
  const form = await checkout(page, { email, po: "PO-7781" });
  await expectNoSeriousAxeViolations(page);
  await reviewAndPlace(form);

  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${STRIPE_PORT}/pay/cs_test_`));
  // $765.00 of goods, $45.00 of freight (15 lb to LA) and 5% tax ($38.25).
  await expect(page.getByText("Total: 848.25 USD")).toBeVisible();
  await expect(
    page.getByText(`20 × Utility Pressure Gauge, 50 mm, 0-11 bar (160 psi), Brass Internals (${UTILITY_GAUGE})`),
  ).toBeVisible();
  await page.getByRole("button", { name: "Pay" }).click();

  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{43}\?session_id=cs_test_/);
  await expect(page.getByTestId("order-status")).toHaveText("Paid: thank you");
  await expect(page.getByTestId("order-total")).toHaveText("$848.25");
  const reference = await orderReference(page);
  await expectNoSeriousAxeViolations(page);

  const order = orderOf(reference);
  expect(order).toMatchObject({ status: "paid", total_cents: 84825 });
  expect(order.paid_at).not.toBeNull();
  expect(order.stripe_payment_intent_id).toMatch(/^pi_/);
  const orderPage = page.url().split("?")[0];
  const mail = await waitForMail(
    (m) => m.to.includes(email) && m.subject === `Payment received for order ${reference}`,
  );
  expect(mail.text).toContain(orderPage);
  // The receipt is issued with the payment: on the page, and attached to the e-mail.
  const receipt = page.getByRole("region", { name: /^Receipt INV-\d{4}-\d{6}$/ });
  await expect(receipt.getByRole("table", { name: "Payments received" })).toContainText(
    order.stripe_payment_intent_id!,
  );
  await expect(receipt.getByRole("definition").last()).toHaveText("$0.00");
  const receiptNumber = (await receipt.getByRole("heading").textContent())!.replace("Receipt ", "");
  expect(mail.attachments.map((file) => file.filename)).toEqual([`IronAxis-${receiptNumber}.pdf`]);
  expect((await pdfPages(Buffer.from(mail.attachments[0].content, "base64"))).join("\n")).toContain(
    `Receipt ${receiptNumber}`,
  );
  expect(paidEmails(reference)).toBe(1);
  expect(countRows("SELECT count(*) AS n FROM order_events WHERE order_id = ? AND status = 'paid'", order.id)).toBe(1);

  const headers = (await request.get(orderPage)).headers();
  // (the server sets it for every personal page and the route again: the header may repeat.)
  expect(headers["cache-control"]).toMatch(/^private, no-store(, private, no-store)?$/);
  expect(headers["x-robots-tag"]).toBe("noindex");
  expect(headers["x-page-cache"]).toBeUndefined();

  await page.goto("/cart");
  await expect(page.getByText("Your cart is empty.")).toBeVisible();
});

test("abandoned checkout: Cancel, then Pay now later opens a fresh session and pays", async ({ page }) => {
  const { sessionId: first, reference } = await startCardOrder(page, uniqueEmail("abandon"));
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{43}\?checkout=cancelled/);
  await expect(page.getByText("You left the payment page without paying.")).toBeVisible();
  await expect(page.getByTestId("order-status")).toHaveText("Awaiting your card payment");
  // Back from the emulator by a redirect, not page.goto: hydrated before "Pay now" is clicked.
  await hydrated(page);

  // Two clicks of the same "Pay now" (sent at once) open one new session.
  const attempts = await page.locator('input[name="attempts"]').inputValue();
  const [a, b] = await Promise.all(
    [1, 2].map(() =>
      page.request.post(page.url().split("?")[0], { form: { intent: "pay", attempts }, maxRedirects: 0 }),
    ),
  );
  expect(a.headers().location).toMatch(/\/pay\/cs_test_/);
  expect(b.headers().location).toBe(a.headers().location);
  await page.getByRole("button", { name: "Pay now" }).click();
  await expect(page).toHaveURL(a.headers().location);
  const second = page.url().split("/pay/")[1];
  expect(second).not.toBe(first);
  expect((await stripeEmulator.session(first)).status).toBe("expired");
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Paid: thank you");

  const order = orderOf(reference);
  expect(countRows("SELECT count(*) AS n FROM checkout_sessions WHERE order_id = ?", order.id)).toBe(2);
  expect(
    countRows("SELECT count(*) AS n FROM checkout_sessions WHERE order_id = ? AND status = 'expired'", order.id),
  ).toBe(1);
  expect(
    countRows("SELECT count(*) AS n FROM checkout_sessions WHERE order_id = ? AND status = 'complete'", order.id),
  ).toBe(1);
  expect(paidEmails(reference)).toBe(1);
});

test("pay by invoice on the company's terms: PO required, no Stripe call, order awaiting payment and an e-mail", async ({
  page,
}) => {
  // Invoice is for a signed-in buyer whose company sales put on net terms.
  const email = uniqueEmail("invoice");
  const company = `Invoice Works ${uniqueEmail("c").slice(2, 10)}`;
  await signInByCode(page, email);
  await createCompanyAs(page, company);
  setCompanyTerms(company, "net30", 10_000_00);
  await addToCart(page, DIAPHRAGM_GAUGE, "2");
  const form = await checkout(page, { email, method: "invoice" });
  await form.getByRole("button", { name: "Review order" }).click();
  await expect(
    page.getByRole("alert").getByRole("link", { name: /PO number: Enter your purchase order number/ }),
  ).toBeVisible();
  await expect(form.getByLabel("E-mail", { exact: true })).toHaveValue(email);
  await expect(form.getByLabel("Shipping address")).toHaveValue("12 Refinery Road, Baton Rouge, LA 70801, USA");
  await expect(form.getByRole("radio", { name: /Pay by invoice/ })).toBeChecked();

  await form.getByLabel(/PO number/).fill("PO-2026-114");
  await reviewAndPlace(form);
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId("order-status")).toHaveText("Awaiting payment of our invoice");
  await expect(page.getByTestId("payment-terms")).toHaveText("Payment terms: Net 30");
  await expect(page.getByRole("button", { name: "Pay now" })).toHaveCount(0);
  const reference = await orderReference(page);
  const order = orderOf(reference);
  expect(order).toMatchObject({ status: "awaiting_payment", total_cents: 64350 });
  expect(countRows("SELECT count(*) AS n FROM checkout_sessions WHERE order_id = ?", order.id)).toBe(0);
  const mail = await waitForMail((m) => m.to.includes(email) && m.subject.includes(reference));
  expect(mail.subject).toMatch(new RegExp(`^Invoice INV-\\d{4}-\\d{6} for order ${reference}$`));
  expect(mail.text).toMatch(/\(Net 30: due \d{4}-\d\d-\d\d\)/);
  expect(mail.text).toContain(page.url());
});

test("each event delivered 3 times and out of order: one paid transition, one e-mail", async ({ page }) => {
  const email = uniqueEmail("replay");
  const { sessionId, reference } = await startCardOrder(page, email);
  const deliveries = [
    ["checkout.session.completed", undefined],
    ["checkout.session.async_payment_succeeded", undefined],
    ["checkout.session.expired", { status: "expired" }],
    ["checkout.session.completed", { payment_status: "unpaid" }],
    ["checkout.session.async_payment_failed", { payment_status: "unpaid" }],
  ] as const;
  const eventIds: string[] = [];
  for (const [type, overrides] of deliveries) {
    const { eventId, statuses } = await stripeEmulator.deliver(sessionId, type, 3, overrides);
    expect(statuses).toEqual([200, 200, 200]);
    eventIds.push(eventId);
  }
  const order = orderOf(reference);
  expect(order.status).toBe("paid");
  expect(countRows("SELECT count(*) AS n FROM order_events WHERE order_id = ? AND status = 'paid'", order.id)).toBe(1);
  expect(countRows("SELECT count(*) AS n FROM order_events WHERE order_id = ? AND actor = 'stripe'", order.id)).toBe(1);
  expect(
    countRows(
      `SELECT count(*) AS n FROM stripe_events WHERE id IN (${eventIds.map(() => "?").join(",")})`,
      ...eventIds,
    ),
  ).toBe(5);
  expect(paidEmails(reference)).toBe(1);
  await waitForMail((m) => m.to.includes(email));
  // Once nothing for the buyer is waiting in the outbox, the catcher has every e-mail there will be.
  await expect
    .poll(() => countRows(`SELECT count(*) AS n FROM outbox_emails WHERE "to" = ? AND status = 'pending'`, email))
    .toBe(0);
  expect(countRows(`SELECT count(*) AS n FROM outbox_emails WHERE "to" = ?`, email)).toBe(1);
  const caught = (await (await fetch(`http://127.0.0.1:${MAIL_HTTP_PORT}/messages`)).json()) as CaughtMail[];
  expect(caught.filter((m) => m.to.includes(email))).toHaveLength(1);
  await page.goto(page.url()); // the emulator's page
  await expect(page.getByText("This checkout session is no longer active")).toBeVisible();
});

test("forged webhooks are refused with 400 and write nothing", async ({ page, baseURL }) => {
  const { sessionId, reference } = await startCardOrder(page, uniqueEmail("forged"));
  const session = await stripeEmulator.session(sessionId);
  const event = {
    id: `evt_forged_${Date.now()}`,
    object: "event",
    type: "checkout.session.completed",
    data: { object: { ...session, status: "complete", payment_status: "paid", payment_intent: "pi_forged" } },
  };
  const payload = JSON.stringify(event);
  const tampered = payload.replace('"pi_forged"', '"pi_forgex"');
  const now = Math.floor(Date.now() / 1000);
  const attempts = {
    "tampered body": await postWebhook(baseURL!, tampered, signPayload(payload)),
    "wrong secret": await postWebhook(baseURL!, payload, signPayload(payload, { secret: "whsec_not_ours" })),
    "timestamp 301 s old": await postWebhook(baseURL!, payload, signPayload(payload, { timestamp: now - 301 })),
    "missing header": await postWebhook(baseURL!, payload),
    "garbage header": await postWebhook(baseURL!, payload, "t=1,v1=00"),
  };
  for (const [name, answer] of Object.entries(attempts)) expect(answer.status, name).toBe(400);
  expect(countRows("SELECT count(*) AS n FROM stripe_events WHERE id = ?", event.id)).toBe(0);
  expect(orderOf(reference).status).toBe("pending_payment");
  expect(paidEmails(reference)).toBe(0);

  expect(await postOversizedWebhook(baseURL!, 300 * 1024)).toBe(413);

  // The same event, signed with our secret just now, is accepted: the refusals were the signature's.
  expect((await postWebhook(baseURL!, payload, signPayload(payload))).status).toBe(200);
  expect(orderOf(reference).status).toBe("paid");
});

test("an amount that differs from the order flags it: not paid, no e-mail; the buyer is told we are checking, and sales accepts it with a note", async ({
  page,
  browser,
}) => {
  const { sessionId, reference } = await startCardOrder(page, uniqueEmail("mismatch"));
  await stripeEmulator.setAmount(sessionId, 100);
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("We are checking your payment; we will be in touch");
  await expect(page.locator(".status-badge")).toHaveText("checking payment");
  const order = orderOf(reference);
  expect(order.status).toBe("flagged");
  expect(order.flagged_reason).toContain("Stripe reported $1.00 for an order of $318.25");
  expect(order.paid_at).toBeNull();
  expect(paidEmails(reference)).toBe(0);
  await expect(page.getByRole("button", { name: "Pay now" })).toHaveCount(0);

  // Sales reads the flag in dollars and resolves it; the note is required and kept on error.
  const sales = await salesPage(browser);
  await sales.goto(`/admin/orders/${order.id}`);
  await expect(sales.getByRole("alert")).toContainText("Stripe reported $1.00 for an order of $318.25");
  await sales.getByRole("button", { name: "Accept payment as received" }).click();
  await expect(sales.getByText("Say what was done, for the record")).toBeVisible();
  await sales.getByLabel("Note for the record").fill("Agreed a one-off price with the buyer by phone");
  await sales.getByRole("button", { name: "Accept payment as received" }).click();
  await expect(sales.locator("h1 .status")).toHaveText("paid");
  await expect(sales.getByRole("region", { name: "Timeline" })).toContainText(
    "Payment accepted as received: Agreed a one-off price with the buyer by phone",
  );
  expect(orderOf(reference).flagged_reason).toBeNull();
  expect(paidEmails(reference)).toBe(1);
});

test("a payment refunded after a mismatch stays refunded when the buyer opens the return link again", async ({
  page,
  browser,
}) => {
  const { sessionId, reference } = await startCardOrder(page, uniqueEmail("mismatch-refund"));
  await stripeEmulator.setAmount(sessionId, 100);
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("We are checking your payment; we will be in touch");
  const returnLink = page.url();
  expect(returnLink).toContain(`?session_id=${sessionId}`);

  const sales = await salesPage(browser);
  await sales.goto(`/admin/orders/${orderOf(reference).id}`);
  await sales.getByLabel("Note for the record").fill("Wrong amount: refunded, the buyer will order again");
  await sales.getByRole("button", { name: "Refund through Stripe: cancel the order" }).click();
  await expect(sales.locator("h1 .status")).toHaveText("cancelled");

  // The return link again (a bookmark, the back button): Stripe still calls that session paid,
  // but it was applied once already; the refunded payment is not flagged again.
  await page.goto(returnLink);
  await expect(page.getByTestId("order-status")).toHaveText("Cancelled");
  expect(orderOf(reference)).toMatchObject({ status: "cancelled", flagged_reason: null });
});

test("Stripe answering 500: the buyer sees an error, retries, and gets one order and one session", async ({ page }) => {
  const email = uniqueEmail("retry");
  await addToCart(page, DIAPHRAGM_GAUGE, "1");
  const form = await checkout(page, { email });
  await stripeEmulator.failNext(1, email);
  await reviewAndPlace(form);
  const alert = page.getByRole("alert");
  await expect(alert).toContainText(
    "Our card payment provider did not answer. Your order is saved and nothing was charged",
  );
  await expect(alert).toContainText(/Order O-\d{4}-\d{5} is saved/);
  await expect(form.getByLabel("E-mail", { exact: true })).toHaveValue(email);

  await form.getByRole("button", { name: "Try again" }).click();
  await expect(page).toHaveURL(/\/pay\/cs_test_/);
  expect(countRows("SELECT count(*) AS n FROM orders WHERE email = ?", email)).toBe(1);
  const { id } = queryRow<{ id: number }>("SELECT id FROM orders WHERE email = ?", email)!;
  expect(countRows("SELECT count(*) AS n FROM checkout_sessions WHERE order_id = ?", id)).toBe(1);
  const keys = (await stripeEmulator.calls()).filter((c) => c.idempotencyKey?.startsWith(`order-${id}-`));
  expect(keys.map((c) => [c.idempotencyKey, c.status])).toEqual([
    // The order is taxed, so each attempt first gives Stripe Tax the ship-to address (a Customer).
    [`order-${id}-customer-1`, 500],
    [`order-${id}-customer-2`, 200],
    [`order-${id}-checkout-2`, 200],
  ]);
});

test("the same checkout form sent twice at once makes one order and one Stripe session", async ({ page }) => {
  const email = uniqueEmail("double");
  await addToCart(page, DIAPHRAGM_GAUGE, "1");
  await checkout(page, { email });
  const submissionKey = await page.locator('input[name="submissionKey"]').inputValue();
  // Placed at the total reviewed: $285.00, $19.00 of freight (9 lb to LA) and $14.25 of tax.
  const form = {
    ...CHECKOUT_BUYER,
    email,
    paymentMethod: "card",
    submissionKey,
    intent: "place",
    reviewedTotalCents: 318_25,
  };
  const [a, b] = await Promise.all([
    page.request.post("/checkout", { form, maxRedirects: 0 }),
    page.request.post("/checkout", { form, maxRedirects: 0 }),
  ]);
  expect([a.status(), b.status()]).toEqual([303, 303]);
  expect(a.headers().location).toMatch(/\/pay\/cs_test_/);
  expect(b.headers().location).toBe(a.headers().location);
  expect(countRows("SELECT count(*) AS n FROM orders WHERE email = ?", email)).toBe(1);
  const { id } = queryRow<{ id: number }>("SELECT id FROM orders WHERE email = ?", email)!;
  expect(countRows("SELECT count(*) AS n FROM checkout_sessions WHERE order_id = ?", id)).toBe(1);
});

test("accept and pay a quote: abandon, pay later from the quote page; asking for changes cancels the unpaid order and its session", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("quote-pay");
  const { url, reference } = await submitQuoteRequest(page, { Company: "Quote Pay Inc", "E-mail": email });
  const sales = await salesPage(browser);
  await (await openInInbox(sales, reference)).getByRole("link", { name: reference }).click();
  await sendRevision(sales, { unitPrice: "1,000.00", weeks: "5" });
  await expect(sales.getByText(/^v1 · /)).toBeVisible();

  // Accept v1 and go to Checkout for exactly its amount and Stripe Tax's 5% of Louisiana; then walk away.
  await page.goto(url);
  await fillShippingAddress(page, "card");
  await acceptButton(page, 1, "card").click();
  await expect(page).toHaveURL(new RegExp(`/pay/cs_test_`));
  const firstSession = page.url().split("/pay/")[1];
  expect((await stripeEmulator.session(firstSession)).amount_total).toBe(2 * 1000_00 + 100_00);
  await page.getByRole("button", { name: "Cancel" }).click();

  // The money link is not lost: the quote page offers "Pay now" and opens a fresh session.
  await page.goto(url);
  await expect(page.getByRole("region", { name: /Your order O-/ })).toContainText("pending payment");
  await page.getByRole("button", { name: "Pay now" }).click();
  await expect(page).toHaveURL(new RegExp(`/pay/cs_test_`));
  const secondSession = page.url().split("/pay/")[1];
  expect(secondSession).not.toBe(firstSession);
  expect((await stripeEmulator.session(firstSession)).status).toBe("expired");
  const v1Order = (await stripeEmulator.session(secondSession)).metadata.order_reference;

  // Still unpaid, the buyer asks for a change, which cancels v1's order and expires its session
  // (nothing can be paid while the quote changes); sales sends v2.
  await page.goto(url);
  await page.getByLabel("Ask for changes").fill("Please quote 5 weeks delivery to Houston.");
  await page.getByRole("button", { name: "Ask for changes" }).click();
  await expect(page.getByText("Changes requested: sales is revising the quote")).toBeVisible();
  await expect(page.getByRole("button", { name: "Pay now" })).toHaveCount(0);
  expect((await stripeEmulator.session(secondSession)).status).toBe("expired");
  expect(orderOf(v1Order).status).toBe("cancelled");
  await sales.reload();
  await sendRevision(sales, { unitPrice: "950.00", weeks: "5" });
  await expect(sales.getByText(/^v2 · /)).toBeVisible();

  // v2 accepted and paid: the order is paid once, with one e-mail.
  await page.goto(url);
  await expect(page.locator(".quote-offer .changes")).toContainText("unit price: $1,000.00 → $950.00");
  await fillShippingAddress(page, "card");
  await acceptButton(page, 2, "card").click();
  await expect(page).toHaveURL(new RegExp(`/pay/cs_test_`));
  const v2Session = page.url().split("/pay/")[1];
  const v2Order = (await stripeEmulator.session(v2Session)).metadata.order_reference;
  expect(v2Order).not.toBe(v1Order);
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Paid: thank you");
  expect(orderOf(v2Order)).toMatchObject({ status: "paid", total_cents: 2 * 950_00 + 95_00 }); // and 5% tax
  expect(paidEmails(v2Order)).toBe(1);
  await page.goto(url);
  await expect(page.getByRole("region", { name: /Your order O-/ })).toContainText("paid");
  await expect(page.getByRole("button", { name: "Pay now" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Ask for changes" })).toHaveCount(0);

  // Sales sees it among paid orders, with its Stripe ids.
  await sales.goto("/admin/orders?status=paid");
  await sales.getByRole("link", { name: v2Order }).click();
  await expect(sales.getByText(v2Session, { exact: true })).toBeVisible();
  await expect(sales.getByText(/Payment intent pi_/)).toBeVisible();
});

/** A quote accepted for card payment whose Stripe page the buyer left; returns the order and its links. */
async function acceptedQuoteLeftUnpaid(page: Page, browser: Browser, email: string, company: string) {
  const { url, reference } = await submitQuoteRequest(page, { Company: company, "E-mail": email });
  const sales = await salesPage(browser);
  await (await openInInbox(sales, reference)).getByRole("link", { name: reference }).click();
  await sendRevision(sales, { unitPrice: "800.00", weeks: "4" });
  await expect(sales.getByText(/^v1 · /)).toBeVisible();
  await page.goto(url);
  await fillShippingAddress(page, "card");
  await acceptButton(page, 1, "card").click();
  await expect(page).toHaveURL(/\/pay\/cs_test_/);
  const sessionId = page.url().split("/pay/")[1];
  const orderReference = (await stripeEmulator.session(sessionId)).metadata.order_reference;
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("button", { name: "Pay now" })).toBeVisible();
  return { url, reference, sales, sessionId, orderReference, orderUrl: page.url().split("?")[0] };
}

test("sales cancels an unpaid quote order with a reason: the buyer sees it and is told by e-mail with their link; a late payment is flagged for refund", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const email = uniqueEmail("cancelled");
  const { url, sales, sessionId, orderReference, orderUrl } = await acceptedQuoteLeftUnpaid(
    page,
    browser,
    email,
    "Cancel Test Works",
  );
  const order = orderOf(orderReference);
  await sales.goto(`/admin/orders/${order.id}`);
  await expect(sales.getByText("Card payment possible until the end of")).toBeVisible();

  // The reason is required; what was typed stays.
  await sales.getByRole("button", { name: "Cancel the order" }).click();
  await expect(sales.getByText("Give the reason: it is sent to the buyer")).toBeVisible();
  await expect(sales.locator("h1 .status")).toHaveText("pending payment");
  await sales.getByLabel("Reason for cancelling (sent to the buyer)").fill("Ordered by phone under PO 5512 instead");
  await sales.getByRole("button", { name: "Cancel the order" }).click();
  await expect(sales.locator("h1 .status")).toHaveText("cancelled");
  await expect(sales.getByRole("region", { name: "Timeline" })).toContainText(
    `cancelled by ${SALES.name} (Ordered by phone under PO 5512 instead)`,
  );
  await expect(sales.getByRole("button", { name: "Cancel the order" })).toHaveCount(0);

  const mail = await waitForMail((m) => m.to.includes(email) && m.subject === `Order ${orderReference} cancelled`);
  expect(mail.text).toContain("Ordered by phone under PO 5512 instead");
  expect(mail.text).toContain(orderUrl);
  expect(mail.html).toContain(`href="${orderUrl}"`);

  await page.goto(orderUrl);
  await expect(page.getByTestId("order-status")).toHaveText("Cancelled");
  await expect(page.getByText("Ordered by phone under PO 5512 instead")).toBeVisible();
  await expect(page.getByRole("button", { name: "Pay now" })).toHaveCount(0);
  // The quote is back with sales, who may revise or decline it.
  await page.goto(url);
  await expect(page.locator(".status-badge").first()).toHaveText("in review");
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText(
    `Order ${orderReference} cancelled: Ordered by phone under PO 5512 instead`,
  );

  // The Stripe page was expired; a completion that arrives anyway is flagged for refund, not paid.
  expect((await stripeEmulator.session(sessionId)).status).toBe("expired");
  expect(
    (
      await stripeEmulator.deliver(sessionId, "checkout.session.completed", 1, {
        status: "complete",
        payment_status: "paid",
        payment_intent: "pi_late_1",
      })
    ).statuses,
  ).toEqual([200]);
  expect(orderOf(orderReference)).toMatchObject({ status: "flagged", paid_at: null });
  expect(orderOf(orderReference).flagged_reason).toContain("Paid after the order was cancelled: $1,680.00");
  expect(paidEmails(orderReference)).toBe(0);

  // Sales refunds it through Stripe from the order page: the flag is resolved, the whole payment goes back.
  await sales.reload();
  await sales.getByLabel("Note for the record").fill("Paid after cancelling: refunded");
  await sales.getByRole("button", { name: "Refund through Stripe: cancel the order" }).click();
  await expect(sales.getByRole("button", { name: "Refund through Stripe: cancel the order" })).toHaveCount(0);
  await expect(sales.getByRole("region", { name: "Timeline" })).toContainText("Refunded in Stripe and cancelled: re_");
  expect(orderOf(orderReference)).toMatchObject({ status: "cancelled", flagged_reason: null });
  // Stripe holds nothing more of that payment to refund.
  await expect(stripeEmulator.dashboardRefund("pi_late_1")).rejects.toThrow(/charge_already_refunded/);
});

test("a card order whose quote's validity has ended cannot start checkout", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const { url, reference, orderReference, orderUrl } = await acceptedQuoteLeftUnpaid(
    page,
    browser,
    uniqueEmail("lapsed"),
    "Lapse Test Co",
  );
  await expect(page.getByText(/pay by the end of \d{4}-\d\d-\d\d \(UTC\)/)).toBeVisible();
  // This order's own sessions: other tests may be paying theirs meanwhile.
  const { id } = orderOf(orderReference);
  const sessionsCreated = (calls: ApiCall[]) =>
    calls.filter(
      (call) =>
        call.method === "POST" &&
        call.path === "/v1/checkout/sessions" &&
        call.idempotencyKey?.startsWith(`order-${id}-checkout-`),
    ).length;
  const sessionsBefore = sessionsCreated(await stripeEmulator.calls());

  // Time passes: the quote's last valid day is yesterday.
  setQuoteValidUntil(reference, new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));

  // Whether or not the timer has cancelled it yet, it cannot be paid, and the buyer is told why.
  const lapsed = /validity has ended|not paid by then/;
  await page.goto(orderUrl);
  await expect(page.getByText(lapsed).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Pay now" })).toHaveCount(0);
  await page.goto(url);
  await expect(page.getByRole("button", { name: "Pay now" })).toHaveCount(0);
  const origin = { Origin: new URL(url).origin };
  expect(
    (
      await page.request.post(orderUrl, { form: { intent: "pay", attempts: "1" }, headers: origin, maxRedirects: 0 })
    ).status(),
  ).toBe(409);
  expect((await page.request.post(url, { form: { intent: "pay" }, headers: origin, maxRedirects: 0 })).status()).toBe(
    409,
  );
  expect(sessionsCreated(await stripeEmulator.calls())).toBe(sessionsBefore);
  expect(orderOf(orderReference).paid_at).toBeNull();
});
