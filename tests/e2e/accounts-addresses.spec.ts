import type { Page } from "@playwright/test";
import { accept, backOfficePage, buyerPage, createCompanyAs, invitationToken, invite, post } from "../support/accounts";
import { SALES } from "../support/admin";
import { expectNoSeriousAxeViolations } from "../support/axe";
import { countRows, queryRow, setCompanyTerms } from "../support/db";
import { uniqueEmail } from "../support/factories/buyers";
import { expect, test } from "../support/test";
import { reviewAndPlace } from "../support/orders";

const PLANT_2 = "Gulf Works, Plant 2 receiving\n7000 Navigation Blvd, Dock 4\nHouston, TX 77011";

const addressOf = (companyName: string, label: string) =>
  queryRow<{ id: number; address: string }>(
    `SELECT a.id, a.address FROM company_addresses a JOIN companies c ON c.id = a.company_id
     WHERE c.name = ? AND a.label = ?`,
    companyName,
    label,
  )!;

/** A list-price product sold one at a time, between $100 and $5,000. */
const product = () =>
  queryRow<{ slug: string }>(
    `SELECT slug FROM products
     WHERE status = 'active' AND min_order_qty = 1 AND pack_size = 1 AND price_cents BETWEEN 10000 AND 500000
     ORDER BY id LIMIT 1`,
  )!;

async function addAddress(page: Page, label: string, address: string) {
  const form = page.getByRole("form", { name: "Add an address" });
  await form.getByLabel("Address name").fill(label);
  await form.getByLabel("Used for").selectOption({ label: "Shipping" });
  await form.getByLabel("Address", { exact: true }).fill(address);
  await form.getByRole("button", { name: "Add address" }).click();
}

test("a company admin keeps the address book; a buyer checks out to the default address, and another company's address is refused", async ({
  browser,
}) => {
  // Four browsers, three sign-ins by code and two axe scans: about 35 s alone, more beside other tests.
  test.setTimeout(120_000);
  const company = `Address Works ${uniqueEmail("c").slice(2, 10)}`;
  const adminEmail = uniqueEmail("address-admin");
  const buyerEmail = uniqueEmail("address-buyer");
  const admin = await buyerPage(browser, adminEmail);
  await createCompanyAs(admin, company);

  // With JavaScript: the first shipping address becomes the default.
  await admin.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Addresses" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Addresses" })).toBeVisible();
  await addAddress(admin, "Dock A", "Gulf Works, Dock A\n7000 Navigation Blvd\nHouston, TX 77011");
  await expect(admin.getByRole("status")).toHaveText("Address added.");
  await expect(admin.getByRole("heading", { level: 3, name: "Dock A (default)" })).toBeVisible();

  // Without JavaScript, in the same session: a too short address comes back at its field, as typed.
  const plain = await (
    await browser.newContext({ javaScriptEnabled: false, storageState: await admin.context().storageState() })
  ).newPage();
  await plain.goto("/account/addresses");
  await addAddress(plain, "Plant 2 receiving", "Dock 4");
  const typed = plain.getByRole("form", { name: "Add an address" });
  await expect(typed.getByLabel("Address", { exact: true })).toHaveAccessibleDescription(
    /Enter the full address: street, city, ZIP code/,
  );
  await expect(typed.getByLabel("Address", { exact: true })).toHaveValue("Dock 4");
  await expect(typed.getByLabel("Address name")).toHaveValue("Plant 2 receiving");
  await typed.getByLabel("Address", { exact: true }).fill(PLANT_2);
  await typed.getByRole("button", { name: "Add address" }).click();
  await expect(plain.getByRole("status")).toHaveText("Address added.");
  await expect(plain.getByRole("heading", { level: 3, name: "Plant 2 receiving", exact: true })).toBeVisible();
  await plain.getByRole("button", { name: "Make default: Plant 2 receiving" }).click();
  await expect(plain.getByRole("status")).toHaveText("Default changed: checkout offers it first.");
  await expect(plain.getByRole("heading", { level: 3, name: "Plant 2 receiving (default)" })).toBeVisible();
  await expect(plain.getByRole("heading", { level: 3, name: "Dock A", exact: true })).toBeVisible();
  await admin.reload();
  await expect(admin.getByRole("heading", { level: 3, name: "Plant 2 receiving (default)" })).toBeVisible();
  await expectNoSeriousAxeViolations(admin);
  const plant2 = addressOf(company, "Plant 2 receiving");
  expect(plant2.address).toBe(PLANT_2);

  // Sales reads the book on the company's back-office page.
  const sales = await backOfficePage(browser, SALES);
  await sales.goto(
    `/admin/companies/${queryRow<{ id: number }>("SELECT id FROM companies WHERE name = ?", company)!.id}`,
  );
  const book = sales.getByRole("list", { name: "Addresses (2)" });
  await expect(book.getByRole("listitem")).toHaveText([
    /^Plant 2 receiving \(shipping, default\)\s*Gulf Works, Plant 2 receiving\s*7000 Navigation Blvd, Dock 4/,
    /^Dock A \(shipping\)\s*Gulf Works, Dock A/,
  ]);

  // A buyer of the company reads the book and gets no form to change it.
  await invite(admin, buyerEmail, "Buyer");
  const buyer = await buyerPage(browser, buyerEmail);
  await accept(buyer, await invitationToken(buyerEmail, company), company);
  await buyer.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Addresses" }).click();
  await expect(buyer.getByRole("heading", { level: 3, name: "Plant 2 receiving (default)" })).toBeVisible();
  await expect(buyer.getByText("7000 Navigation Blvd, Dock 4")).toBeVisible();
  await expect(buyer.getByRole("heading", { level: 3, name: "Dock A", exact: true })).toBeVisible();
  await expect(buyer.getByRole("button", { name: /Add address|Make .* default|Remove|Save/ })).toHaveCount(0);
  await expect(buyer.locator("main").getByRole("textbox")).toHaveCount(0);
  await expectNoSeriousAxeViolations(buyer);

  // Another company's address, made through its own admin's form.
  const otherCompany = `Elsewhere ${uniqueEmail("c").slice(2, 10)}`;
  const other = await buyerPage(browser, uniqueEmail("other-admin"));
  await createCompanyAs(other, otherCompany);
  const sent = await post(other, "/account/addresses", {
    intent: "add-address",
    label: "Their dock",
    kind: "shipping",
    address: "Elsewhere Inc.\n1 Far Away Rd\nTulsa, OK 74103",
  });
  expect(sent.status()).toBe(302);
  const theirs = addressOf(otherCompany, "Their dock");

  // Checkout starts with the buyer's company, e-mail and the default address chosen; the company
  // pays by invoice on terms.
  setCompanyTerms(company, "net30", 1_000_000_00);
  await buyer.goto(`/products/${product().slug}`);
  await buyer.getByRole("button", { name: "Add to cart" }).click();
  await expect(buyer.getByRole("status").filter({ hasText: "Added to cart." })).toBeVisible();
  const fillCheckout = async () => {
    await buyer.goto("/checkout");
    const form = buyer.getByRole("form", { name: "Delivery and payment" });
    await expect(form.getByLabel("Company", { exact: true })).toHaveValue(company);
    await expect(form.getByLabel("E-mail", { exact: true })).toHaveValue(buyerEmail);
    await expect(form.getByLabel("Ship to a saved address")).toHaveValue(String(plant2.id));
    await form.getByLabel("Your name", { exact: true }).fill("Maria Lopez");
    await form.getByLabel(/PO number/).fill("PO-7781");
    await form.getByRole("radio", { name: /Pay by invoice/ }).check();
    return form;
  };

  // A forged choice (another company's address) is refused at the field, and no order is made.
  let form = await fillCheckout();
  await form
    .getByLabel("Ship to a saved address")
    .evaluate((select: HTMLSelectElement, id) => (select.options[select.selectedIndex].value = id), String(theirs.id));
  await form.getByRole("button", { name: "Review order" }).click();
  await expect(form.getByLabel("Ship to a saved address")).toHaveAccessibleDescription(
    /Choose one of your company’s addresses/,
  );
  await expect(form.getByLabel(/PO number/)).toHaveValue("PO-7781");
  expect(countRows("SELECT count(*) AS n FROM orders WHERE email = ?", buyerEmail)).toBe(0);

  // The default address, as chosen: the order is sent there.
  form = await fillCheckout();
  await reviewAndPlace(form);
  await expect(buyer).toHaveURL(/\/orders\/[A-Za-z0-9_-]{43}$/);
  const order = queryRow<{ shipping_address: string; company: string; payment_method: string }>(
    "SELECT shipping_address, company, payment_method FROM orders WHERE email = ?",
    buyerEmail,
  )!;
  expect(order).toEqual({ shipping_address: PLANT_2, company, payment_method: "invoice" });
});
