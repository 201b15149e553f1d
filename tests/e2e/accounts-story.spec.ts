/**
 * A company's whole story in one test: a guest's request, the same buyer signing in and finding
 * it, their company and a colleague, sales' terms and prices, an order over the colleague's limit,
 * its approval, and an invoice on Net 30 at the company's price.
 */
import {
  accept,
  backOfficePage,
  buyerPage,
  createCompanyAs,
  invitationToken,
  invite,
  signInByCode,
} from "../support/accounts";
import { SALES } from "../support/admin";
import { queryRow } from "../support/db";
import { uniqueEmail } from "../support/factories/buyers";
import { waitForMail } from "../support/mail";
import { submitQuoteRequest } from "../support/quotes";
import { expect, test } from "../support/test";
import { orderReference, reviewAndPlace } from "../support/orders";

const GAUGE = "GC-DSG100-HC-6B-FL"; // $285.00 list, single units

test("guest request → sign in and claim it → company and colleague → terms and prices → over-limit order approved → invoice on Net 30 at the company price", async ({
  browser,
}) => {
  test.setTimeout(180_000); // three people, two sign-ins, a dozen pages each
  const company = `Story Works ${uniqueEmail("c").slice(2, 10)}`;
  const ownerEmail = uniqueEmail("story-owner");
  const colleagueEmail = uniqueEmail("story-colleague");

  // A guest asks for a quote, then signs in with the same e-mail: the request is there to claim.
  const owner = await buyerPage(browser);
  const guest = await submitQuoteRequest(owner, { "E-mail": ownerEmail });
  await signInByCode(owner, ownerEmail);
  await owner
    .getByRole("region", { name: `Sent from ${ownerEmail} before you signed in` })
    .getByRole("button", { name: "Add it to your account" })
    .click();
  await expect(owner.getByRole("status")).toHaveText("Added 1 quote request to your account.");

  // Their company, with the request in it, and a colleague who may spend $100 at a time.
  await createCompanyAs(owner, company);
  await owner.goto("/account");
  await expect(
    owner.getByRole("region", { name: "Quote requests" }).getByRole("link", { name: guest.reference }),
  ).toBeVisible();
  await invite(owner, colleagueEmail, "Buyer", "100");
  const colleague = await buyerPage(browser, colleagueEmail);
  await accept(colleague, await invitationToken(colleagueEmail, company), company);

  // Sales: Net 30 up to $10,000, and $250.00 for the gauge.
  const { id } = queryRow<{ id: number }>("SELECT id FROM companies WHERE name = ?", company)!;
  const sales = await backOfficePage(browser, SALES);
  await sales.goto(`/admin/companies/${id}`);
  const terms = sales.getByRole("form", { name: "Payment terms" });
  await terms.getByLabel("Terms").selectOption({ label: "Invoice, Net 30" });
  await terms.getByLabel("Credit limit (USD)").fill("10,000");
  await terms.getByRole("button", { name: "Save terms" }).click();
  await expect(terms.getByRole("status")).toHaveText("Terms saved.");
  await sales.getByRole("link", { name: "Price list" }).click();
  await sales.getByLabel("Part number").fill(GAUGE);
  await sales.getByLabel("Company price (USD)").fill("250");
  await sales.getByRole("button", { name: "Save price" }).click();
  await expect(sales.getByRole("status")).toHaveText("Price saved: the company’s buyers see it now.");

  // The colleague sees their price, and orders two by invoice: $500.00 ($566.25 with 18 lb of freight to TX and tax), over their limit.
  const { slug } = queryRow<{ slug: string }>("SELECT slug FROM products WHERE part_number = ?", GAUGE)!;
  await colleague.goto(`/products/${slug}`);
  await expect(colleague.locator(".buy-box .price")).toHaveText("Your price $250.00 list $285.00");
  await colleague.getByLabel("Quantity").fill("2");
  await colleague.getByRole("button", { name: "Add to cart" }).click();
  await expect(colleague.getByRole("status").filter({ hasText: "Added to cart." })).toBeVisible();
  await colleague.goto("/checkout");
  const form = colleague.getByRole("form", { name: "Delivery and payment" });
  await expect(form.getByLabel("Company", { exact: true })).toHaveValue(company);
  await form.getByLabel("Your name", { exact: true }).fill("Casey Colleague");
  await form.getByLabel("Shipping address").fill("12 Refinery Row, Baytown, TX 77520, USA");
  const invoice = form.getByRole("radio", { name: /Pay by invoice/ });
  await expect(invoice).toHaveAccessibleDescription("Invoice, Net 30 — $10,000.00 of credit available");
  await invoice.check();
  await form.getByLabel(/PO number/).fill("PO-STORY-7");
  await reviewAndPlace(form);
  await expect(colleague).toHaveURL(/\/orders\/[A-Za-z0-9_-]{43}$/);
  await expect(colleague.getByTestId("order-status")).toHaveText(/^Waiting for an approver at your company/);
  const orderPage = colleague.url();
  const reference = await orderReference(colleague);

  // The company admin approves it; the invoice goes out on Net 30 at the company's price.
  await waitForMail((m) => m.to.includes(ownerEmail) && m.subject.includes(`order ${reference}`));
  await owner.goto("/account/approvals");
  await owner.getByRole("button", { name: `Approve ${reference}` }).click();
  await expect(owner.getByRole("status")).toHaveText("Approved: the buyer is told, and the order goes on.");
  const invoiceMail = await waitForMail(
    (m) =>
      m.to.includes(colleagueEmail) && new RegExp(`^Invoice INV-\\d{4}-\\d{6} for order ${reference}$`).test(m.subject),
  );
  expect(invoiceMail.text).toContain("Net 30");
  expect(invoiceMail.text).toContain("$566.25");
  await colleague.goto(orderPage);
  await expect(colleague.getByTestId("order-status")).toHaveText("Awaiting payment of our invoice");
  await expect(colleague.getByTestId("payment-terms")).toHaveText("Payment terms: Net 30");
  await expect(colleague.getByTestId("order-total")).toHaveText("$566.25");
  expect(
    queryRow(
      `SELECT o.status, o.payment_terms, o.total_cents, l.unit_price_cents FROM orders o
       JOIN order_lines l ON l.order_id = o.id WHERE o.reference = ?`,
      reference,
    ),
  ).toEqual({ status: "awaiting_payment", payment_terms: "net30", total_cents: 566_25, unit_price_cents: 25000 });
});
