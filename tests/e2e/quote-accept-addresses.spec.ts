import type { Browser } from "@playwright/test";
import { buyerPage, createCompanyAs, nextSignInMail, post } from "../support/accounts";
import { approveTaxCertificate } from "../support/db";
import { uniqueEmail } from "../support/factories/buyers";
import { acceptButton, acceptForm, openInInbox, salesPage, sendRevision, submitQuoteRequest } from "../support/quotes";
import { expect, test } from "../support/test";

const PLANT_2 = "Gulf Works, Plant 2 receiving\n7000 Navigation Blvd, Dock 4\nHouston, TX 77011";
const PAYABLES = "Gulf Works, Accounts payable\nPO Box 4410\nHouston, TX 77210";

/**
 * A new company whose admin has saved `addresses` (label, kind, address) and asked for a quote
 * naming no delivery location, which sales has sent as v1.
 */
async function companyQuoted(browser: Browser, name: string, addresses: [string, "shipping" | "billing", string][]) {
  const company = `${name} ${uniqueEmail("c").slice(2, 10)}`;
  const email = uniqueEmail("admin");
  const buyer = await buyerPage(browser, email);
  await createCompanyAs(buyer, company);
  for (const [label, kind, address] of addresses) {
    const added = await post(buyer, "/account/addresses", { intent: "add-address", label, kind, address });
    expect(added.status()).toBe(302);
  }
  const { url, reference } = await submitQuoteRequest(buyer, { Company: company, "E-mail": email });
  const sales = await salesPage(browser);
  await (await openInInbox(sales, reference)).getByRole("link", { name: reference }).click();
  await sendRevision(sales, { unitPrice: "700.00", weeks: "2" });
  await expect(sales.getByText(/^v1 · /)).toBeVisible();
  return { buyer, company, url };
}

test("a signed-in buyer's accept forms start from the company's default addresses, anyone else with the link is sent to sign in; the order ships and bills there", async ({
  browser,
}) => {
  // Three browsers, a sign-in by code, a quote and a payment: give it room beside other tests.
  test.setTimeout(120_000);
  const { buyer, company, url } = await companyQuoted(browser, "Prefill Works", [
    ["Plant 2 receiving", "shipping", PLANT_2],
    ["Payables", "billing", PAYABLES],
  ]);

  // Whoever else holds the link is sent to sign in: a company's quote opens for its people only.
  const guest = await buyerPage(browser);
  await guest.goto(url);
  await expect(guest).toHaveURL(/\/sign-in\?redirectTo=%2Fquotes%2F/);
  await expect(guest.getByText(company)).toHaveCount(0);

  await buyer.goto(url);
  // A card-only company's quote is paid by card.
  await expect(acceptForm(buyer, "card").getByLabel("Shipping address")).toHaveValue(PLANT_2);
  await expect(acceptForm(buyer, "card").getByLabel("Billing address")).toHaveValue(PAYABLES);
  await acceptButton(buyer, 1, "card").click();
  await expect(buyer).toHaveURL(/\/pay\/cs_test_/);
  await buyer.getByRole("button", { name: "Pay" }).click();
  await expect(buyer.getByTestId("order-status")).toHaveText("Paid: thank you");
  await expect(buyer.getByText(PLANT_2, { exact: true })).toBeVisible();
  await expect(buyer.getByText(`Invoice to: ${PAYABLES}`, { exact: true })).toBeVisible();
});

test("a company's buyer sent to sign in by a quote's link comes back to the quote through the e-mailed link", async ({
  browser,
}) => {
  const company = `Return Works ${uniqueEmail("c").slice(2, 10)}`;
  const email = uniqueEmail("return-admin");
  const buyer = await buyerPage(browser, email);
  await createCompanyAs(buyer, company);
  const { url, reference } = await submitQuoteRequest(buyer, { Company: company, "E-mail": email });

  // The same person in another browser, not signed in there.
  const elsewhere = await buyerPage(browser);
  await elsewhere.goto(url);
  await expect(elsewhere).toHaveURL(/\/sign-in\?redirectTo=%2Fquotes%2F/);
  const { link } = await nextSignInMail(email, async () => {
    await elsewhere.getByLabel("E-mail", { exact: true }).fill(email);
    await elsewhere.getByRole("button", { name: "Send me a code" }).click();
  });
  expect(link).toContain("?redirectTo=%2Fquotes%2F");
  await elsewhere.goto(link);
  await elsewhere.getByRole("button", { name: "Sign in" }).click();
  await expect(elsewhere).toHaveURL(url);
  await expect(elsewhere.getByRole("heading", { level: 1, name: reference })).toBeVisible();
});

test("a company exempt in the state its quote ships to is offered the total with no tax to add", async ({
  browser,
}) => {
  const { buyer, company, url } = await companyQuoted(browser, "Exempt Quote Works", [
    ["Plant 2 receiving", "shipping", PLANT_2],
  ]);

  // Without a certificate, Texas tax comes on top of the quote's total.
  await buyer.goto(url);
  await expect(acceptButton(buyer, 1, "card")).toHaveText(/ plus sales tax by card$/);

  approveTaxCertificate(company, "TX", "TX-77-30551");
  await buyer.reload();
  await expect(
    buyer.getByText("Shipped to TX, the order is tax-exempt on your company’s certificate TX-77-30551."),
  ).toBeVisible();
  await expect(acceptButton(buyer, 1, "card")).toHaveText(/^Accept version 1 and pay \$[\d,.]+ by card$/);
});
