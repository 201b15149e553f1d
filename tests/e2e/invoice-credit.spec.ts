import { backOfficePage, buyerPage } from "../support/accounts";
import { SALES } from "../support/admin";
import { queryRow } from "../support/db";
import { uniqueEmail } from "../support/factories/buyers";
import { waitForMail } from "../support/mail";
import { placeCompanyInvoiceOrder } from "../support/orders";
import { expect, test } from "../support/test";

test("sales corrects an open invoice with a credit note: refused at the field when wrong, then the balance goes down and the buyer is told", async ({
  browser,
}) => {
  const email = uniqueEmail("credit");
  const buyer = await buyerPage(browser, email);
  const { reference, invoice } = await placeCompanyInvoiceOrder(buyer);
  const orderId = queryRow<{ id: number }>("SELECT id FROM orders WHERE reference = ?", reference)!.id;

  const sales = await backOfficePage(browser, SALES);
  await sales.goto(`/admin/orders/${orderId}`);
  const credit = sales.getByRole("form", { name: "Credit the invoice" });
  // All of an unpaid invoice is a cancellation; no reason is no credit note. What was typed stays.
  await credit.getByLabel("Amount to credit (USD)").fill("1242.00");
  await credit.getByLabel(/^Reason/).fill("Written off");
  await credit.getByRole("button", { name: "Issue the credit note" }).click();
  await expect(credit.getByText(/cancel the order: its cancellation issues the credit note/)).toBeVisible();
  await expect(credit.getByLabel("Amount to credit (USD)")).toHaveValue("1242.00");
  await credit.getByLabel("Amount to credit (USD)").fill("45");
  await credit.getByLabel(/^Reason/).fill("");
  await credit.getByRole("button", { name: "Issue the credit note" }).click();
  await expect(credit.getByText("Give the reason: it is on the credit note")).toBeVisible();
  await expect(credit.getByLabel("Amount to credit (USD)")).toHaveValue("45");

  await credit.getByLabel(/^Reason/).fill("Freight waived");
  // Freight carries no tax here: sales says so, rather than the share in proportion. More tax than
  // the amount comes back at its field.
  const tax = credit.getByLabel("Of which sales tax (USD, optional)");
  await expect(tax).toHaveAccessibleDescription(/the invoice still comes to \$1,242\.00, \$57\.00 of it tax/);
  await tax.fill("50");
  await credit.getByRole("button", { name: "Issue the credit note" }).click();
  await expect(tax).toHaveAccessibleDescription(/The tax is part of the amount: at most the amount/);
  await expect(tax).toHaveValue("50");
  await expect(credit.getByLabel(/^Reason/)).toHaveValue("Freight waived");
  await tax.fill("0");
  await credit.getByRole("button", { name: "Issue the credit note" }).click();
  const notes = sales.getByRole("table", { name: "Credit notes" });
  await expect(notes).toContainText("Freight waived");
  await expect(notes).toContainText("$45.00");
  await expect(sales.getByRole("region", { name: "Timeline" })).toContainText("$45.00 credited");
  await expect(sales.getByRole("form", { name: "Credit the invoice" })).toContainText("Still owed: $1,197.00");
  expect(queryRow<{ tax: number }>("SELECT tax_cents AS tax FROM credit_notes WHERE order_id = ?", orderId)).toEqual({
    tax: 0,
  });

  const mail = await waitForMail(
    (m) => m.to.includes(email) && /^Credit note CN-\d{4}-\d{6} for order /.test(m.subject),
  );
  expect(mail.text).toContain("the invoice now owes $1,197.00");
  await buyer.reload();
  await expect(invoice.getByRole("table", { name: "Credit notes" })).toContainText("Freight waived");
  await expect(invoice.getByRole("definition").last()).toHaveText("$1,197.00");
});
