import type { Page } from "@playwright/test";
import { accept, buyerPage, createCompanyAs, invitationToken, invite, post } from "../support/accounts";
import { expectNoSeriousAxeViolations } from "../support/axe";
import { countRows, queryRow } from "../support/db";
import { uniqueEmail } from "../support/factories/buyers";
import { expect, test } from "../support/test";

type Product = { id: number; slug: string; name: string; part_number: string };

/** Two list-priced products sold one at a time. */
const products = () => {
  const pick = (offset: number) =>
    queryRow<Product>(
      `SELECT id, slug, name, part_number FROM products
       WHERE status = 'active' AND min_order_qty = 1 AND pack_size = 1 AND price_cents BETWEEN 1000 AND 100000
       ORDER BY id LIMIT 1 OFFSET ?`,
      offset,
    )!;
  return [pick(0), pick(1)] as const;
};

const listForm = (page: Page) => page.getByRole("form", { name: "Add to a saved list" });
const listId = (companyName: string, name: string) =>
  queryRow<{ id: number }>(
    "SELECT l.id FROM saved_lists l JOIN companies c ON c.id = l.company_id WHERE c.name = ? AND l.name = ?",
    companyName,
    name,
  )!.id;

test("a buyer makes Line 3 spares from product pages; a colleague sends it to the quote list and to the cart in one step", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const [first, second] = products();
  const company = `List Works ${uniqueEmail("c").slice(2, 10)}`;
  const ownerEmail = uniqueEmail("lists-owner");
  const colleagueEmail = uniqueEmail("lists-buyer");

  // The anonymous page (the one the page cache keeps) has no list form.
  const anonymous = await buyerPage(browser);
  await anonymous.goto(`/products/${first.slug}`);
  await expect(anonymous.getByRole("heading", { level: 1, name: first.name })).toBeVisible();
  await expect(listForm(anonymous)).toHaveCount(0);

  const owner = await buyerPage(browser, ownerEmail);
  await createCompanyAs(owner, company);
  await owner.goto(`/products/${first.slug}`);
  let form = listForm(owner);
  await form.getByLabel("New list name").fill("Line 3 spares");
  await form.getByLabel("How many").fill("4");
  await form.getByRole("button", { name: "Add to list" }).click();
  await expect(form.getByRole("status")).toHaveText("Added to Line 3 spares. View list");
  // With JavaScript the buyer stays on the product.
  await expect(owner).toHaveURL(new RegExp(`/products/${first.slug}$`));

  // The second product: the list is offered by name; a bad quantity comes back at its field, as typed.
  await owner.goto(`/products/${second.slug}`);
  form = listForm(owner);
  await expect(form.getByLabel("List", { exact: true })).toHaveValue(String(listId(company, "Line 3 spares")));
  await form.getByLabel("How many").fill("0");
  await form.getByRole("button", { name: "Add to list" }).click();
  await expect(form.getByLabel("How many")).toHaveAccessibleDescription("Quantity must be at least 1");
  await expect(form.getByLabel("How many")).toHaveValue("0");
  await form.getByLabel("How many").fill("2");
  await form.getByRole("button", { name: "Add to list" }).click();
  await expect(form.getByRole("status")).toHaveText("Added to Line 3 spares. View list");

  // An empty name, and a name the company has already, are refused at the field.
  await owner.goto("/account/lists");
  const newList = owner.getByRole("form", { name: "New list" });
  await newList.getByLabel("List name").fill("   ");
  await newList.getByRole("button", { name: "Create list" }).click();
  await expect(newList.getByLabel("List name")).toHaveAccessibleDescription(/Name the list, like Line 3 spares/);
  await newList.getByLabel("List name").fill("line 3 SPARES");
  await newList.getByRole("button", { name: "Create list" }).click();
  await expect(newList.getByLabel("List name")).toHaveAccessibleDescription(
    /Your company has a list named line 3 SPARES already/,
  );
  await expect(newList.getByLabel("List name")).toHaveValue("line 3 SPARES");

  // A colleague sees the company's list and sends it to the quote list in one step.
  await invite(owner, colleagueEmail, "Buyer");
  const colleague = await buyerPage(browser, colleagueEmail);
  await accept(colleague, await invitationToken(colleagueEmail, company), company);
  await colleague.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Lists" }).click();
  const row = colleague
    .getByRole("table", { name: "Saved lists" })
    .getByRole("row")
    .filter({ hasText: "Line 3 spares" });
  await expect(row).toContainText(ownerEmail);
  await expect(row.getByRole("cell").nth(1)).toHaveText("2");
  await row.getByRole("link", { name: "Line 3 spares" }).click();
  await expect(colleague.getByRole("heading", { level: 1, name: "Line 3 spares" })).toBeVisible();
  await expect(colleague.getByRole("link", { name: first.name })).toBeVisible();
  await expect(colleague.getByText(second.part_number, { exact: true })).toBeVisible();
  // The colleague did not make it and is no company admin: no rename or delete.
  await expect(colleague.getByRole("button", { name: "Delete list" })).toHaveCount(0);
  await expectNoSeriousAxeViolations(colleague);

  await colleague.getByRole("button", { name: "Add all to quote list" }).click();
  await expect(colleague.getByRole("status")).toContainText("Added 2 lines of Line 3 spares to your quote list.");
  await colleague.getByRole("link", { name: "View quote list" }).click();
  await expect(colleague).toHaveURL(/\/quote$/);
  const quoteLine = (product: Product) => colleague.locator(".quote-line").filter({ hasText: product.name });
  // Each line's controls say which item they are for.
  await expect(quoteLine(first).getByLabel(`Quantity of ${first.part_number}`, { exact: true })).toHaveValue("4");
  await expect(quoteLine(second).getByLabel(`Quantity of ${second.part_number}`, { exact: true })).toHaveValue("2");
  await expect(
    quoteLine(first).getByRole("button", { name: `Remove ${first.part_number}`, exact: true }),
  ).toBeVisible();
  await expect(colleague.locator(".quote-line")).toHaveCount(2);

  await colleague.goto(`/account/lists/${listId(company, "Line 3 spares")}`);
  await colleague.getByRole("button", { name: "Add all to cart" }).click();
  await expect(colleague.getByRole("status")).toContainText("Added 2 lines of Line 3 spares to your cart.");
  await colleague.getByRole("link", { name: "View cart" }).click();
  await expect(colleague).toHaveURL(/\/cart$/);
  // The list page has the same quantity fields: wait for the cart's total first.
  await expect(colleague.getByTestId("cart-total")).toBeVisible();
  await expect(colleague.getByLabel(`Quantity of ${first.part_number}`)).toHaveValue("4");
  await expect(colleague.getByLabel(`Quantity of ${second.part_number}`)).toHaveValue("2");

  // The cart kept as a list of its own: a name in use comes back at its field, as typed.
  const saveCart = (page: Page) => page.getByRole("form", { name: "Save cart as list" });
  await saveCart(colleague).getByLabel("List name").fill("Line 3 Spares");
  await saveCart(colleague).getByRole("button", { name: "Save as list" }).click();
  await expect(saveCart(colleague).getByLabel("List name")).toHaveAccessibleDescription(
    /Your company has a list named Line 3 Spares already/,
  );
  await expect(saveCart(colleague).getByLabel("List name")).toHaveValue("Line 3 Spares");
  await saveCart(colleague).getByLabel("List name").fill("Line 3 cart");
  await saveCart(colleague).getByRole("button", { name: "Save as list" }).click();
  await expect(colleague.getByRole("heading", { level: 1, name: "Line 3 cart" })).toBeVisible();
  await expect(colleague.getByRole("status")).toContainText("Your cart is saved as this list");
  await expect(colleague.getByLabel(`Quantity of ${first.part_number}`)).toHaveValue("4");
  await expect(colleague.getByLabel(`Quantity of ${second.part_number}`)).toHaveValue("2");

  // The list's maker renames it; with a ticked box, deletes it.
  await owner.goto(`/account/lists/${listId(company, "Line 3 spares")}`);
  await owner.getByRole("form", { name: "Rename" }).getByLabel("List name").fill("Line 3 spare parts");
  await owner.getByRole("button", { name: "Save name" }).click();
  await expect(owner.getByRole("heading", { level: 1, name: "Line 3 spare parts" })).toBeVisible();
  await owner.getByRole("button", { name: "Delete list" }).click();
  await expect(owner.getByText("Tick the box to confirm")).toBeVisible();
  await owner.getByLabel(/Yes, delete Line 3 spare parts and its 2 lines/).check();
  await owner.getByRole("button", { name: "Delete list" }).click();
  await expect(owner.getByRole("status")).toHaveText("List deleted.");
  await expect(owner.getByRole("table", { name: "Saved lists" }).getByRole("link")).toHaveText(["Line 3 cart"]);
});

test("a buyer of another company gets 404 for the list's page and for a forged form with its id", async ({
  browser,
}) => {
  const [product] = products();
  const company = `List Owner ${uniqueEmail("c").slice(2, 10)}`;
  const owner = await buyerPage(browser, uniqueEmail("list-owner"));
  await createCompanyAs(owner, company);
  expect((await post(owner, "/account/lists", { intent: "create-list", name: "Pump spares" })).status()).toBe(302);
  const id = listId(company, "Pump spares");

  const stranger = await buyerPage(browser, uniqueEmail("stranger"));
  await createCompanyAs(stranger, `Elsewhere ${uniqueEmail("c").slice(2, 10)}`);
  const page = await stranger.request.get(`/account/lists/${id}`, { maxRedirects: 0 });
  expect(page.status()).toBe(404);
  expect(await page.text()).not.toContain("Pump spares");
  for (const [path, form] of [
    ["/account/lists", { intent: "add-to-list", listId: id, productId: product.id, quantity: 1 }],
    [`/account/lists/${id}`, { intent: "send-list", target: "cart" }],
    [`/account/lists/${id}`, { intent: "rename-list", name: "Mine now" }],
    [`/account/lists/${id}`, { intent: "delete-list", confirm: "on" }],
  ] as const) {
    const answer = await post(stranger, path, form);
    expect(answer.status(), `${form.intent}`).toBe(404);
    expect(await answer.text()).not.toContain("Pump spares");
  }
  expect(countRows("SELECT count(*) AS n FROM saved_list_lines WHERE list_id = ?", id)).toBe(0);
  expect(queryRow<{ name: string }>("SELECT name FROM saved_lists WHERE id = ?", id)?.name).toBe("Pump spares");
});

test("without JavaScript a buyer makes a list and adds to it from a product page", async ({ browser }) => {
  const [product] = products();
  const buyer = await buyerPage(browser, uniqueEmail("plain-lists"), { javaScriptEnabled: false });
  await buyer.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Lists" }).click();
  await buyer.getByRole("form", { name: "New list" }).getByLabel("List name").fill("Workshop");
  await buyer.getByRole("button", { name: "Create list" }).click();
  await expect(buyer.getByRole("heading", { level: 1, name: "Workshop" })).toBeVisible();
  await expect(buyer.getByRole("status")).toContainText("List created.");

  await buyer.goto(`/products/${product.slug}`);
  let form = listForm(buyer);
  await form.getByLabel("List", { exact: true }).selectOption({ label: "Workshop" });
  await form.getByLabel("How many").fill("lots");
  await form.getByRole("button", { name: "Add to list" }).click();
  // Refused: the form comes back on the lists page, as typed, its message at the field.
  form = buyer.getByRole("form", { name: `Not added: ${product.name}` });
  await expect(form.getByLabel("How many")).toHaveValue("lots");
  await expect(form.getByLabel("How many")).toHaveAccessibleDescription("Enter a whole number, like 20 or 2,000");
  await form.getByLabel("How many").fill("3");
  await form.getByRole("button", { name: "Add to list" }).click();
  await expect(buyer).toHaveURL(new RegExp(`/products/${product.slug}\\?added-to-list=\\d+$`));
  await expect(listForm(buyer).getByRole("status")).toHaveText("Added to Workshop. View list");

  // Again: a product on the list already adds to its quantity.
  await listForm(buyer).getByLabel("How many").fill("2");
  await listForm(buyer).getByRole("button", { name: "Add to list" }).click();
  await listForm(buyer).getByRole("link", { name: "View list" }).click();
  await expect(buyer.getByLabel(`Quantity of ${product.part_number}`)).toHaveValue("5");
});
