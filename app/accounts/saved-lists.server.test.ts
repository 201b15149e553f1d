import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { products } from "~db/schema";
import { db } from "~/lib/db.server";
import { getCart } from "~/orders/cart.server";
import { getQuoteList } from "~/quotes/quote-list.server";
import { setProductStatus } from "~/catalog/product.server";
import { addColleague, makeCompany, makeCustomer, makeProduct } from "../../tests/support/factories";
import { setProductPrice } from "./sales-price-list.server";
import { MAX_SAVED_LIST_QUANTITY, MAX_SAVED_LISTS } from "./saved-list-intents";
import { SavedListForm, SavedListsForm } from "./saved-list-schema";
import {
  addToList,
  changeLine,
  createList,
  deleteList,
  listChoices,
  removeLine,
  renameList,
  saveAsList,
  savedList,
  sendList,
  visibleLists,
} from "./saved-lists.server";

type Person = { id: number; companyId: number | null; companyRole: "buyer" | "approver" | "company_admin" | null };

function made(person: { id: number }, name: string) {
  const result = createList(person, name);
  if (!result.ok) throw new Error(result.message);
  return result.listId;
}

function added(person: { id: number }, listId: number, productId: number, quantity: number) {
  const result = addToList(person, { listId, productId, quantity });
  if (!result.ok) throw new Error(result.message);
  return result;
}

/** Two list-priced products sold one at a time, made for the test. */
const twoProducts = () => [makeProduct({ name: "Gauge A" }), makeProduct({ name: "Gauge B", priceCents: 2500 })];

function company() {
  const { admin, companyId } = makeCompany(`Lists ${Math.random().toString(36).slice(2, 8)}`);
  const asPerson = (someone: { id: number; companyRole: Person["companyRole"] }): Person => ({
    id: someone.id,
    companyId,
    companyRole: someone.companyRole,
  });
  return {
    companyId,
    admin: asPerson({ id: admin.id, companyRole: "company_admin" }),
    buyer: asPerson(addColleague(admin, "buyer")),
    approver: asPerson(addColleague(admin, "approver")),
  };
}

describe("saved lists", () => {
  it("belong to the company: every member sees them with their line counts and who made them", () => {
    const { admin, buyer, approver } = company();
    const [a, b] = twoProducts();
    const spares = made(buyer, "Line 3 spares");
    made(admin, "Annual shutdown");
    added(buyer, spares, a, 2);
    added(approver, spares, b, 1);
    for (const member of [admin, buyer, approver])
      expect(visibleLists(member).map(({ name, lines }) => [name, lines])).toEqual([
        ["Annual shutdown", 0],
        ["Line 3 spares", 2],
      ]);
    expect(visibleLists(admin).find((list) => list.id === spares)?.customerId).toBe(buyer.id);
    expect(listChoices(approver).map((list) => list.name)).toEqual(["Annual shutdown", "Line 3 spares"]);
  });

  it("outside a company are the buyer's own; another company's list is not found for anything", () => {
    const ours = company();
    const loner = makeCustomer("loner");
    const lonerPerson: Person = { id: loner.id, companyId: null, companyRole: null };
    const other = company();
    const [a] = twoProducts();
    const list = made(ours.buyer, "Line 3 spares");
    const own = made(loner, "My spares");
    expect(visibleLists(lonerPerson).map((row) => row.name)).toEqual(["My spares"]);
    expect(visibleLists(ours.buyer).map((row) => row.name)).toEqual(["Line 3 spares"]);
    for (const stranger of [other.admin, other.buyer, lonerPerson]) {
      expect(savedList(stranger, list)).toBeUndefined();
      expect(addToList(stranger, { listId: list, productId: a, quantity: 1 })).toMatchObject({
        ok: false,
        status: 404,
      });
      expect(renameList(stranger, list, "Mine now")).toMatchObject({ status: 404 });
      expect(deleteList(stranger, list)).toMatchObject({ status: 404 });
      expect(sendList(stranger, list, "cart", undefined)).toMatchObject({ ok: false, status: 404 });
    }
    expect(savedList(ours.admin, own)).toBeUndefined();
    expect(savedList(ours.admin, list)?.list.name).toBe("Line 3 spares");
  });

  it("are renamed and deleted by their maker or a company admin only", () => {
    const { admin, buyer, approver } = company();
    const list = made(buyer, "Line 3 spares");
    expect(renameList(approver, list, "Taken over")).toMatchObject({ ok: false, status: 403 });
    expect(deleteList(approver, list)).toMatchObject({ ok: false, status: 403 });
    expect(savedList(approver, list)?.list.mayManage).toBe(false);
    expect(savedList(admin, list)?.list.mayManage).toBe(true);
    expect(renameList(buyer, list, "Line 3 SPARES")).toEqual({ ok: true });
    expect(renameList(admin, list, "Line 3 and 4 spares")).toEqual({ ok: true });
    expect(deleteList(admin, list)).toEqual({ ok: true, name: "Line 3 and 4 spares" });
    expect(visibleLists(buyer)).toEqual([]);
  });

  it("refuse a second list of the same name, whatever the case, at the name's field, and more than the most lists", () => {
    const { admin, buyer } = company();
    made(buyer, "Line 3 spares");
    expect(createList(admin, "LINE 3 SPARES")).toMatchObject({ ok: false, status: 409, field: "name" });
    const other = made(admin, "Other");
    expect(renameList(admin, other, "line 3 spares")).toMatchObject({ ok: false, field: "name" });
    const [a] = twoProducts();
    expect(addToList(buyer, { productId: a, newListName: "Line 3 Spares", quantity: 1 })).toMatchObject({
      ok: false,
      field: "newListName",
    });
    for (let n = 2; n < MAX_SAVED_LISTS; n++) made(buyer, `List ${n}`);
    expect(createList(buyer, "One too many")).toMatchObject({ ok: false, status: 409 });
  });

  it("add to a product's quantity when it is on the list already, within the most one line holds", () => {
    const { buyer } = company();
    const [a] = twoProducts();
    const first = addToList(buyer, { productId: a, newListName: "Line 3 spares", quantity: 2 });
    if (!first.ok) throw new Error(first.message);
    added(buyer, first.listId, a, 3);
    const lines = () => savedList(buyer, first.listId)!.lines;
    expect(lines().map((line) => [line.id, line.quantity])).toEqual([[a, 5]]);
    expect(
      addToList(buyer, { listId: first.listId, productId: a, quantity: MAX_SAVED_LIST_QUANTITY - 4 }),
    ).toMatchObject({ ok: false, field: "quantity", message: expect.stringContaining("already 5 on this list") });
    expect(lines()[0].quantity).toBe(5);
  });

  it("change and remove a line of a list the buyer sees, and nothing elsewhere", () => {
    const ours = company();
    const other = company();
    const [a] = twoProducts();
    const list = made(ours.buyer, "Line 3 spares");
    added(ours.buyer, list, a, 1);
    const [line] = savedList(ours.buyer, list)!.lines;
    expect(changeLine(other.buyer, list, line.lineId, { quantity: 9, note: "" })).toMatchObject({ status: 404 });
    const theirs = made(other.buyer, "Their list");
    expect(changeLine(other.buyer, theirs, line.lineId, { quantity: 9, note: "" })).toMatchObject({ status: 404 });
    expect(changeLine(ours.approver, list, line.lineId, { quantity: 12, note: "Pump 4" })).toEqual({ ok: true });
    expect(savedList(ours.admin, list)!.lines[0]).toMatchObject({ quantity: 12, note: "Pump 4" });
    expect(removeLine(other.buyer, theirs, line.lineId)).toMatchObject({ status: 404 });
    expect(removeLine(ours.admin, list, line.lineId)).toEqual({ ok: true });
    expect(removeLine(ours.admin, list, line.lineId)).toMatchObject({ status: 404 });
  });

  it("show the buyer's own price, today's stock and part number", () => {
    const { companyId, buyer } = company();
    const [a] = twoProducts();
    const { partNumber } = db.select().from(products).where(eq(products.id, a)).get()!;
    setProductPrice(companyId, partNumber, 800);
    const list = made(buyer, "Priced");
    added(buyer, list, a, 1);
    expect(savedList(buyer, list)!.lines[0]).toMatchObject({ partNumber, priceCents: 1000, yourPriceCents: 800 });
  });

  it("go to the cart or the quote list in one step, saying what was left out", () => {
    const { buyer, approver } = company();
    const [a, b] = twoProducts();
    const quoteOnly = makeProduct({ name: "Gauge on request", priceCents: null });
    const gone = makeProduct({ name: "Old gauge" });
    const list = made(buyer, "Line 3 spares");
    added(buyer, list, a, 2);
    added(buyer, list, b, 3);
    added(buyer, list, quoteOnly, 1);
    added(buyer, list, gone, 1);
    setProductStatus(gone, "archived");

    const toQuote = sendList(approver, list, "quote", undefined);
    if (!toQuote.ok) throw new Error(toQuote.message);
    expect(toQuote).toMatchObject({
      added: 3,
      of: 4,
      changes: [expect.stringMatching(/^Old gauge .* no longer in the catalog/)],
    });
    expect(getQuoteList(toQuote.token).lines.map((line) => [line.product?.id, line.quantity])).toEqual([
      [a, 2],
      [b, 3],
      [quoteOnly, 1],
    ]);

    const toCart = sendList(approver, list, "cart", undefined);
    if (!toCart.ok) throw new Error(toCart.message);
    expect(toCart.added).toBe(2);
    expect(toCart.changes).toEqual([
      expect.stringMatching(/^Gauge on request .* not sold online now/),
      expect.stringMatching(/^Old gauge .* no longer in the catalog/),
    ]);
    expect(getCart(toCart.token).lines.map((line) => [line.product.id, line.quantity])).toEqual([
      [a, 2],
      [b, 3],
    ]);
    // The list stays as it was.
    expect(savedList(buyer, list)!.lines).toHaveLength(4);
  });
});

describe("saving a cart as a list", () => {
  it("makes the list with every line, or nothing when a line cannot go on a list", () => {
    const { buyer } = company();
    const [a, b] = twoProducts();
    const saved = saveAsList(buyer, "From the cart", [
      { productId: a, quantity: 4 },
      { productId: b, quantity: 2 },
    ]);
    if (!saved.ok) throw new Error(saved.message);
    expect(savedList(buyer, saved.listId)!.lines.map((line) => [line.id, line.quantity])).toEqual([
      [a, 4],
      [b, 2],
    ]);
    expect(saveAsList(buyer, "Too many", [{ productId: a, quantity: MAX_SAVED_LIST_QUANTITY + 1 }])).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(saveAsList(buyer, "Empty", [])).toMatchObject({ ok: false });
    expect(saveAsList(buyer, "from the CART", [{ productId: a, quantity: 1 }])).toMatchObject({ field: "name" });
    expect(visibleLists(buyer).map((list) => list.name)).toEqual(["From the cart"]);
  });
});

describe("saved list forms", () => {
  it("take a new list's name or a chosen list, and a quantity as typed", () => {
    const form = (fields: Record<string, string>) => SavedListsForm.safeParse({ intent: "add-to-list", ...fields });
    expect(form({ productId: "7", listId: "3", newListName: "", quantity: "1,000" }).data).toMatchObject({
      listId: 3,
      newListName: undefined,
      quantity: 1000,
      stay: false,
    });
    const named = form({ productId: "7", newListName: "  Line 3 spares ", quantity: "2" }).data;
    expect(named?.intent === "add-to-list" && [named.listId, named.newListName]).toEqual([undefined, "Line 3 spares"]);
    const nothing = form({ productId: "7", listId: "", newListName: " ", quantity: "2" });
    expect(nothing.error?.issues.map((issue) => issue.path.join("."))).toEqual(["newListName"]);
    expect(form({ productId: "7", listId: "3", quantity: "100000" }).error?.issues[0].message).toBe(
      "Quantity must be at most 99,999",
    );
    expect(SavedListsForm.safeParse({ intent: "create-list", name: "x".repeat(81) }).success).toBe(false);
    expect(SavedListsForm.safeParse({ intent: "create-list", name: "   " }).success).toBe(false);
  });

  it("ask for a ticked box before deleting a list", () => {
    expect(SavedListForm.safeParse({ intent: "delete-list" }).success).toBe(false);
    expect(SavedListForm.safeParse({ intent: "delete-list", confirm: "on" }).success).toBe(true);
  });
});
