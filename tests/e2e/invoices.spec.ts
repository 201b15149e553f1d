import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Page } from "@playwright/test";
import { backOfficePage, buyerPage, createCompanyAs } from "../support/accounts";
import { SALES } from "../support/admin";
import { expectNoSeriousAxeViolations } from "../support/axe";
import { backdateInvoice, countRows, queryRow, setCompanyTerms } from "../support/db";
import { uniqueEmail } from "../support/factories/buyers";
import { waitForMail } from "../support/mail";
import { pdfPages } from "../support/pdf-text";
import { expect, gotoHydrates, test } from "../support/test";
import { orderReference, placeCompanyInvoiceOrder, reviewAndPlace } from "../support/orders";

const DIAPHRAGM_GAUGE = "GC-DSG100-HC-6B-FL"; // $285.00, minimum 1, single units

async function addGauges(page: Page, quantity: number) {
  const { slug } = queryRow<{ slug: string }>("SELECT slug FROM products WHERE part_number = ?", DIAPHRAGM_GAUGE)!;
  await page.goto(`/products/${slug}`);
  await page.getByLabel("Quantity").fill(String(quantity));
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added to cart." })).toBeVisible();
}

/**
 * What the server does each minute, run once now against the test site's database (`npm run jobs`).
 * Not execFileSync: a worker blocked for seconds misses its idle HTTP connections being closed,
 * and its next fetch to the mail catcher reuses a dead one.
 */
async function runScheduledJobs(baseURL: string) {
  await promisify(execFile)("npx", ["tsx", "db/run-jobs.ts"], {
    env: { ...process.env, DATABASE_PATH: process.env.E2E_DATABASE_PATH, SITE_URL: baseURL, NODE_ENV: "production" },
  });
}

const day = (offset: number) => {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
};

test("an invoice order on Net 30: the invoice PDF, an overdue reminder, a payment in two parts, paid, then part refunded by wire", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const company = `Invoice Works ${uniqueEmail("c").slice(2, 10)}`;
  const email = uniqueEmail("ap");
  const buyer = await buyerPage(browser, email);
  await createCompanyAs(buyer, company);
  setCompanyTerms(company, "net30", 10_000_00);

  // Four gauges, $1,140.00, with $45.00 of freight (36 lb to LA) and $57.00 of tax: $1,242.00, on the company's invoice terms.
  await addGauges(buyer, 4);
  await buyer.goto("/checkout");
  const form = buyer.getByRole("form", { name: "Delivery and payment" });
  await form.getByLabel("Your name", { exact: true }).fill("Avery Payables");
  await form.getByLabel("Shipping address").fill("12 Refinery Row, Baton Rouge, LA 70802, USA");
  await form.getByLabel("Billing address").fill("Accounts payable, PO Box 4410, Baton Rouge, LA 70821");
  await form.getByRole("radio", { name: /Pay by invoice/ }).check();
  await form.getByLabel(/PO number/).fill("PO-INV-4410");
  await reviewAndPlace(form);
  await expect(buyer).toHaveURL(/\/orders\/[A-Za-z0-9_-]{43}$/);
  const reference = await orderReference(buyer);

  // The buyer's page has the invoice: number, due date on Net 30, balance, and its PDF.
  const invoice = buyer.getByRole("region", { name: /^Invoice INV-\d{4}-\d{6}$/ });
  await expect(invoice).toContainText(`due ${day(30)} (Net 30)`);
  await expect(invoice.getByRole("definition").last()).toHaveText("$1,242.00");
  const number = (await invoice.getByRole("heading").textContent())!.replace("Invoice ", "");
  const download = await buyer.request.get(
    (await invoice.getByRole("link", { name: "Download the invoice (PDF)" }).getAttribute("href"))!,
  );
  expect(download.headers()["content-type"]).toBe("application/pdf");
  expect(download.headers()["content-disposition"]).toContain(`filename="IronAxis-${number}.pdf"`);
  const text = (await pdfPages(await download.body())).join("\n");
  for (const expected of [
    `Invoice ${number}`,
    `Issued ${day(0)}`,
    `due ${day(30)} (Net 30)`,
    "SELLER",
    "IronAxis, Inc.",
    "BILL TO",
    company,
    "Accounts payable, PO Box 4410",
    "Ship to: 12 Refinery Row, Baton Rouge, LA",
    reference,
    "PO-INV-4410",
    "Diaphragm",
    "$1,140.00",
    "Balance due: $1,242.00",
    "How to pay",
    "ABA routing",
    "Page 1 of 1",
  ])
    expect(text).toContain(expected);
  await expectNoSeriousAxeViolations(buyer);

  // The invoice went out by e-mail, its PDF attached.
  const issued = await waitForMail(
    (m) => m.to.includes(email) && m.subject === `Invoice ${number} for order ${reference}`,
  );
  expect(issued.attachments.map((file) => [file.filename, file.contentType])).toEqual([
    [`IronAxis-${number}.pdf`, "application/pdf"],
  ]);
  expect((await pdfPages(Buffer.from(issued.attachments[0].content, "base64")))[0]).toContain("Balance due: $1,242.00");

  // Thirty-eight days on, the invoice is eight days overdue: one reminder, however often the job runs.
  backdateInvoice(reference, 38);
  await runScheduledJobs(baseURL!);
  await runScheduledJobs(baseURL!);
  const reminder = await waitForMail(
    (m) => m.to.includes(email) && m.subject === `Reminder: invoice ${number} is 8 days overdue`,
  );
  expect(reminder.text).toContain("The balance is $1,242.00");
  expect(
    queryRow<{ n: number }>(
      "SELECT count(*) AS n FROM invoice_reminders WHERE invoice_id = (SELECT id FROM invoices WHERE number = ?)",
      number,
    )!.n,
  ).toBe(1);

  // Sales sees it aged, then records the payment in two parts.
  const sales = await backOfficePage(browser, SALES);
  await sales.goto("/admin/invoices");
  const row = sales.getByRole("row").filter({ hasText: number });
  await expect(row).toContainText("1–30 days overdue");
  await expect(row).toContainText("$1,242.00");
  await row.getByRole("link", { name: reference }).click();
  const payment = sales.getByRole("form", { name: "Record a payment" });
  await expect(payment.getByLabel("Amount received (USD)")).toHaveValue("1242.00");
  // More than the balance comes back at the field, with what was typed.
  await payment.getByLabel("Amount received (USD)").fill("1,500.00");
  await payment.getByLabel("Method").selectOption({ label: "Check" });
  await payment.getByLabel(/^Reference/).fill("CHK 1042");
  await payment.getByRole("button", { name: "Record payment" }).click();
  await expect(payment.getByLabel("Amount received (USD)")).toHaveAccessibleDescription(
    /That is more than the balance: record at most \$1,242\.00/,
  );
  await expect(payment.getByLabel("Amount received (USD)")).toHaveValue("1,500.00");
  // The keyboard is where the fix goes: the field refused has the focus.
  await expect(payment.getByLabel("Amount received (USD)")).toBeFocused();
  await expect(payment.getByLabel(/^Reference/)).toHaveValue("CHK 1042");
  await expectNoSeriousAxeViolations(sales);

  await payment.getByLabel("Amount received (USD)").fill("600");
  await payment.getByRole("button", { name: "Record payment" }).click();
  const account = sales.getByRole("region", { name: `Invoice ${number}` });
  await expect(account.getByRole("table", { name: "Payments received" })).toContainText("CHK 1042");
  await expect(account.getByRole("definition").last()).toHaveText("$642.00");
  await expect(sales.locator("h1 .status")).toHaveText("awaiting payment");
  await waitForMail((m) => m.to.includes(email) && m.subject === `Payment of $600.00 received for invoice ${number}`);

  await expect(payment.getByLabel("Amount received (USD)")).toHaveValue("642.00");
  await payment.getByLabel("Method").selectOption({ label: "ACH" });
  await payment.getByLabel(/^Reference/).fill("ACH 0099");
  await payment.getByRole("button", { name: "Record payment" }).click();
  await expect(sales.locator("h1 .status")).toHaveText("paid");
  await expect(account.getByRole("definition").last()).toHaveText("$0.00");
  await expect(sales.getByRole("heading", { name: "Record a payment" })).toHaveCount(0);
  await expect(sales.getByRole("region", { name: "Timeline" })).toContainText(
    `paid by ${SALES.name} ($642.00 received ${day(0)} by ACH (ACH 0099); balance $0.00: paid in full)`,
  );
  const paid = await waitForMail(
    (m) => m.to.includes(email) && m.subject === `Payment received for order ${reference}`,
  );
  const paidInvoice = (await pdfPages(Buffer.from(paid.attachments[0].content, "base64"))).join("\n");
  expect(paidInvoice).toContain("Balance due: $0.00");
  // Paid, it no longer asks to be paid.
  expect(paidInvoice).toContain("Nothing more is owed on this invoice.");
  expect(paidInvoice).not.toContain("How to pay");

  // The buyer's page: paid, both payments, nothing due.
  await buyer.reload();
  await expect(buyer.getByTestId("order-status")).toHaveText("Paid: thank you");
  await expect(invoice.getByRole("table", { name: "Payments received" }).getByRole("row")).toHaveCount(3);
  await expect(invoice.getByRole("definition").last()).toHaveText("$0.00");
  await sales.goto("/admin/invoices");
  await expect(sales.getByRole("row").filter({ hasText: number })).toHaveCount(0);
  await sales.goto("/admin/invoices?show=all");
  await expect(sales.getByRole("row").filter({ hasText: number })).toContainText("Paid");

  // A gauge comes back unused: sales wires its price back, records it, and the buyer gets a credit note.
  await sales.getByRole("row").filter({ hasText: number }).getByRole("link", { name: reference }).click();
  const refund = sales.getByRole("form", { name: "Record a refund sent" });
  await expect(refund.getByLabel("Amount refunded (USD)")).toHaveValue("1242.00");
  await expect(refund.getByLabel("Sent by")).toHaveValue("ach");
  await refund.getByLabel("Amount refunded (USD)").fill("1,300.00");
  await refund.getByLabel("Sent by").selectOption({ label: "Bank transfer (wire)" });
  await refund.getByLabel(/^Reference/).fill("FT 7781");
  await refund.getByLabel(/^Reason/).fill("One gauge returned unused");
  await refund.getByRole("button", { name: "Record the refund" }).click();
  await expect(refund.getByLabel("Amount refunded (USD)")).toHaveAccessibleDescription(
    /That is more than was paid and not yet refunded: refund at most \$1,242\.00/,
  );
  await expect(refund.getByLabel(/^Reference/)).toHaveValue("FT 7781");
  await expect(refund.getByLabel("Sent by")).toHaveValue("bank_transfer");
  await refund.getByLabel("Amount refunded (USD)").fill("285.00");
  await refund.getByRole("button", { name: "Record the refund" }).click();
  const sentBack = `by bank transfer (wire) on ${day(0)}, reference FT 7781`;
  await expect(account.getByRole("table", { name: "Credit notes" })).toContainText(
    `One gauge returned unused · refunded ${sentBack}`,
  );
  await expect(sales.locator("h1 .status")).toHaveText("paid");
  await expect(sales.getByRole("status").filter({ hasText: "Refund recorded" })).toHaveText(
    "Refund recorded; the buyer was sent the credit note.",
  );
  // Total − paid + refunded − credited: the balance.
  await expect(account.locator("dd", { hasText: "+$285.00" })).toBeVisible();
  await expect(refund.getByLabel("Amount refunded (USD)")).toHaveValue("957.00");
  await expect(sales.getByRole("region", { name: "Timeline" })).toContainText(`$285.00 refunded ${sentBack}`);
  const credited = await waitForMail(
    (m) => m.to.includes(email) && m.subject === `Refund of $285.00 for order ${reference}`,
  );
  expect(credited.text).toContain(`We have refunded $285.00 of your payment for order ${reference} ${sentBack}`);
  expect((await pdfPages(Buffer.from(credited.attachments[0].content, "base64"))).join(" ")).toContain(
    "by bank transfer (wire)",
  );
  await buyer.reload();
  await expect(invoice.getByRole("table", { name: "Credit notes" })).toContainText(`refunded ${sentBack}`);
  await expect(invoice.getByRole("definition").last()).toHaveText("$0.00");

  // Two tabs: one records the rest refunded, and the order is refunded; the other, still showing
  // the form, is told why nothing more can go back, though its form is gone.
  const otherTab = gotoHydrates(await sales.context().newPage());
  await otherTab.goto(sales.url());
  await refund.getByLabel(/^Reason/).fill("The order returned in full");
  await refund.getByRole("button", { name: "Record the refund" }).click();
  await expect(sales.locator("h1 .status")).toHaveText("refunded");
  await expect(refund).toHaveCount(0);
  const late = otherTab.getByRole("form", { name: "Record a refund sent" });
  await late.getByLabel(/^Reason/).fill("The order returned in full");
  await late.getByRole("button", { name: "Record the refund" }).click();
  await expect(otherTab.locator(".page-header [role=alert]")).toHaveText(
    "This order has been refunded in full: there is nothing left to refund.",
  );
  await expect(buyer.getByTestId("order-status")).toHaveText("Paid: thank you");
  await buyer.reload();
  await expect(buyer.getByTestId("order-status")).toHaveText("Refunded in full");

  // The month's sales tax report has the order's state; a month that is not one is said at its field.
  await sales.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Sales tax" }).click();
  await expect(sales.getByRole("heading", { level: 1 })).toHaveText(`Sales tax, ${day(0).slice(0, 7)}`);
  await expect(sales.getByRole("rowheader", { name: "LA", exact: true })).toBeVisible();
  await expectNoSeriousAxeViolations(sales);
  const csv = await sales.request.get(
    (await sales.getByRole("link", { name: /^Download \d{4}-\d\d as CSV$/ }).getAttribute("href"))!,
  );
  expect(csv.headers()["content-disposition"]).toBe(
    `attachment; filename="ironaxis-sales-tax-${day(0).slice(0, 7)}.csv"`,
  );
  const csvLines = (await csv.text())
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/);
  expect(csvLines[0]).toBe(
    "State,Invoices and receipts,Sales before tax,Exempt sales,Credit notes,Credited before tax,Net sales,Tax charged,Estimated tax lines,Tax credited,Net tax",
  );
  expect(csvLines.some((line) => line.startsWith("LA,"))).toBe(true);
  expect(csvLines.at(-1)).toMatch(/^Total,/);
  expect((await sales.request.get("/admin/reports/sales-tax.csv?month=13")).status()).toBe(400);
  // No month asked for is this month, as on the page.
  expect((await sales.request.get("/admin/reports/sales-tax.csv")).headers()["content-disposition"]).toBe(
    `attachment; filename="ironaxis-sales-tax-${day(0).slice(0, 7)}.csv"`,
  );
  // A month that is not one: said at the field with what was asked for, and no month's figures.
  await sales.goto("/admin/reports/sales-tax?month=2026-13");
  await expect(sales.getByLabel("Month")).toHaveAccessibleDescription(
    `“2026-13” is not a month: choose one, like ${day(0).slice(0, 7)}`,
  );
  await expect(sales.getByRole("heading", { level: 1 })).toHaveText("Sales tax");
  await expect(sales.getByRole("table")).toHaveCount(0);
});

test("without JavaScript, Back to a payment form just sent shows the balance left, not what was recorded", async ({
  browser,
}) => {
  const buyer = await buyerPage(browser, uniqueEmail("back"));
  const { reference, number } = await placeCompanyInvoiceOrder(buyer);
  const orderId = queryRow<{ id: number }>("SELECT id FROM orders WHERE reference = ?", reference)!.id;
  const signedIn = await backOfficePage(browser, SALES);
  const sales = await (
    await browser.newContext({ javaScriptEnabled: false, storageState: await signedIn.context().storageState() })
  ).newPage();
  await sales.goto(`/admin/orders/${orderId}`);
  const payment = sales.getByRole("form", { name: "Record a payment" });
  await payment.getByLabel("Amount received (USD)").fill("600");
  await payment.getByLabel("Method").selectOption({ label: "Check" });
  await payment.getByLabel(/^Reference/).fill("CHK 3310");
  await payment.getByRole("button", { name: "Record payment" }).click();
  await expect(sales).toHaveURL(/\?done=record-payment$/);
  // Back loads the page anew (it is never stored): the form is the new page's, as the payment left
  // it. Had the browser put "600" and "CHK 3310" back, sending it would record them a second time.
  await sales.goBack();
  await expect(payment.getByLabel("Amount received (USD)")).toHaveValue("642.00");
  await expect(payment.getByLabel(/^Reference/)).toHaveValue("");
  expect(
    countRows(
      "SELECT count(*) AS n FROM invoice_payments WHERE invoice_id = (SELECT id FROM invoices WHERE number = ?)",
      number,
    ),
  ).toBe(1);
});
