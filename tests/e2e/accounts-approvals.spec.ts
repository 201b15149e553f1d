import type { Page } from "@playwright/test";
import { accept, buyerPage, createCompanyAs, invitationToken, invite } from "../support/accounts";
import { expectNoSeriousAxeViolations } from "../support/axe";
import { queryRow } from "../support/db";
import { uniqueEmail } from "../support/factories/buyers";
import { waitForMail } from "../support/mail";
import { expect, gotoHydrates, test } from "../support/test";
import { orderReference, reviewAndPlace } from "../support/orders";

/** A list-price product sold one at a time, between $100 and $5,000. */
const product = () =>
  queryRow<{ slug: string; name: string; price_cents: number }>(
    `SELECT slug, name, price_cents FROM products
     WHERE status = 'active' AND min_order_qty = 1 AND pack_size = 1 AND price_cents BETWEEN 10000 AND 500000
     ORDER BY id LIMIT 1`,
  )!;

async function orderByCard(page: Page, email: string, company: string) {
  const { slug } = product();
  await page.goto(`/products/${slug}`);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added to cart." })).toBeVisible();
  await page.goto("/checkout");
  const form = page.getByRole("form", { name: "Delivery and payment" });
  await form.getByLabel("Company", { exact: true }).fill(company);
  await form.getByLabel("Your name", { exact: true }).fill("Maria Lopez");
  await form.getByLabel("E-mail", { exact: true }).fill(email);
  await form.getByLabel("Shipping address").fill("4100 Ship Channel Rd, Houston, TX 77015, USA");
  await form.getByRole("radio", { name: /Pay by card/ }).check();
  await reviewAndPlace(form);
}

test("an order over the buyer's spending limit waits for an approver, who approves it without JavaScript; then the buyer pays", async ({
  browser,
}) => {
  const company = `Approval Works ${uniqueEmail("c").slice(2, 10)}`;
  const adminEmail = uniqueEmail("approver-admin");
  const buyerEmail = uniqueEmail("limited-buyer");
  const admin = await buyerPage(browser, adminEmail, { javaScriptEnabled: false });
  await createCompanyAs(admin, company);
  await invite(admin, buyerEmail, "Buyer", "50");
  const buyer = await buyerPage(browser, buyerEmail);
  await accept(buyer, await invitationToken(buyerEmail, company), company);

  // Over the $50 limit: no payment page, the order page says it waits.
  await orderByCard(buyer, buyerEmail, company);
  await expect(buyer).toHaveURL(/\/orders\/[A-Za-z0-9_-]{43}$/);
  await expect(buyer.getByTestId("order-status")).toHaveText(/^Waiting for an approver at your company/);
  await expect(buyer.getByRole("button", { name: /Pay/ })).toHaveCount(0);
  const orderPage = buyer.url();
  const reference = await orderReference(buyer);
  expect(queryRow<{ status: string }>("SELECT status FROM orders WHERE reference = ?", reference)!.status).toBe(
    "awaiting_approval",
  );
  // The buyer sees it among the company's approvals, with nothing to decide.
  await buyer.goto("/account/approvals");
  await expect(buyer.getByRole("heading", { name: new RegExp(`Order ${reference}`) })).toBeVisible();
  await expect(buyer.getByRole("button", { name: /Approve/ })).toHaveCount(0);
  await expectNoSeriousAxeViolations(buyer);

  // The approver is told by e-mail and finds it from the account's navigation.
  const request = await waitForMail((m) => m.to.includes(adminEmail) && m.subject.includes(`order ${reference}`));
  expect(request.subject).toMatch(/^Approval needed: order O-\d{4}-\d{5} from Maria Lopez/);
  expect(request.text).toContain("over their spending limit of $50.00");
  await admin.goto("/account");
  await admin.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Approvals (1 waiting)" }).click();
  const decision = admin.getByRole("form", { name: `Approve or decline order ${reference}` });
  await expect(decision).toBeVisible();

  // Declining needs a reason: the form comes back with the message at the field.
  await decision.getByRole("button", { name: "Decline" }).click();
  const note = admin.getByRole("form", { name: `Approve or decline order ${reference}` }).getByLabel(/Note to/);
  await expect(note).toHaveAccessibleDescription(/Say why you decline it/);

  // The same list open in another tab, left there while the order is approved.
  const stale = gotoHydrates(await admin.context().newPage());
  await stale.goto("/account/approvals");
  await note.fill("Approved for the line 3 outage");
  await admin.getByRole("button", { name: `Approve ${reference}` }).click();
  await expect(admin.getByRole("status")).toHaveText("Approved: the buyer is told, and the order goes on.");
  // From the old tab, the order's row is gone once answered: its refusal shows above the list.
  await stale.getByRole("button", { name: `Approve ${reference}` }).click();
  await expect(stale.getByRole("alert")).toHaveText(
    `Order ${reference} is not waiting for approval any more: someone decided it already.`,
  );
  await stale.close();
  await expect(admin.getByText("No order is waiting for approval.")).toBeVisible();
  await expect(admin.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Approvals" })).toHaveText(
    "Approvals",
  );

  // The buyer is told, and may pay now.
  const approved = await waitForMail((m) => m.to.includes(buyerEmail) && m.subject.includes("approved"));
  expect(approved.subject).toBe(`Order ${reference} approved: pay by card`);
  expect(approved.text).toContain("Approved for the line 3 outage");
  expect(approved.text).toContain(orderPage);
  await buyer.goto(orderPage);
  await expect(buyer.getByTestId("order-status")).toHaveText("Awaiting your card payment");
  await expect(buyer.getByRole("button", { name: /Pay/ })).toBeVisible();
});
