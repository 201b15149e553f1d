import { and, asc, count, eq, isNull, ne, sql } from "drizzle-orm";
import { categories, customers, products, savedListLines, savedLists, type CompanyRole } from "~db/schema";
import { db, writeTransaction } from "~/lib/db.server";
import { lineLimitProblem } from "~/lib/quantity";
import { pricingFor, withYourPrices } from "./company-prices.server";
import { companyRoleAllows } from "./company-roles";
import { currentPerson } from "./company.server";
import { MAX_SAVED_LIST_LINES, MAX_SAVED_LIST_QUANTITY, MAX_SAVED_LISTS } from "./saved-list-intents";
import { sendLines, type LinesTarget } from "./send-lines.server";

/** Who asks: the signed-in buyer, with their company and role as stored now. */
type Person = { id: number; companyId: number | null; companyRole: CompanyRole | null };

/** A refusal of the model, with the status the page answers and the field it belongs to, if any. */
export type ListRefusal = { ok: false; status: 400 | 403 | 404 | 409; message: string; field?: string };
type Done<T = object> = { ok: true } & T;

const refuse = (status: ListRefusal["status"], message: string, field?: string): ListRefusal => ({
  ok: false,
  status,
  message,
  ...(field ? { field } : {}),
});

const NO_SUCH_LIST = "That list is not among your lists: it may have been deleted meanwhile.";
const NO_SUCH_LINE = "That line is no longer on the list.";
const LIST_LINE = { line: "line", where: "on this list" };

/**
 * The lists a person sees: their company's (whoever made them), or their own when they are in no
 * company. A list made in a company stays with it when its maker leaves (as requests do, ADR 22).
 */
function visibleTo(person: Pick<Person, "id" | "companyId">) {
  return person.companyId !== null
    ? eq(savedLists.companyId, person.companyId)
    : and(isNull(savedLists.companyId), eq(savedLists.customerId, person.id));
}

/** Renaming and deleting a list: for whoever made it, and a company admin. */
export function mayManageList(person: Pick<Person, "id" | "companyRole">, list: { customerId: number }) {
  return list.customerId === person.id || companyRoleAllows(person.companyRole, "manage_lists");
}

const now = () => new Date().toISOString();
const madeBy = sql<string>`coalesce(nullif(${customers.name}, ''), ${customers.email})`;

/** The lists a buyer sees, by name, each with its number of lines and who made it: one query. */
export function visibleLists(customer: Pick<Person, "id" | "companyId">) {
  return db
    .select({
      id: savedLists.id,
      name: savedLists.name,
      customerId: savedLists.customerId,
      madeBy,
      updatedAt: savedLists.updatedAt,
      lines: count(savedListLines.id),
    })
    .from(savedLists)
    .innerJoin(customers, eq(customers.id, savedLists.customerId))
    .leftJoin(savedListLines, eq(savedListLines.listId, savedLists.id))
    .where(visibleTo(customer))
    .groupBy(savedLists.id)
    .orderBy(sql`lower(${savedLists.name})`, asc(savedLists.id))
    .all();
}

/** The lists a product page offers to add to, by name (no counts: the form needs only names). */
export function listChoices(customer: Pick<Person, "id" | "companyId">) {
  return db
    .select({ id: savedLists.id, name: savedLists.name })
    .from(savedLists)
    .where(visibleTo(customer))
    .orderBy(sql`lower(${savedLists.name})`, asc(savedLists.id))
    .all();
}

/** One list the person sees, or undefined (another company's list is as good as missing). */
export function findList(person: Pick<Person, "id" | "companyId">, listId: number) {
  return db
    .select({ id: savedLists.id, name: savedLists.name, customerId: savedLists.customerId })
    .from(savedLists)
    .where(and(eq(savedLists.id, listId), visibleTo(person)))
    .get();
}

/**
 * One list with its lines: each product's name, part number, stock and lead time as they are
 * today, and the buyer's price (their company's where it has one). Undefined when the buyer
 * does not see the list.
 */
export function savedList(customer: Person, listId: number) {
  const list = db
    .select({
      id: savedLists.id,
      name: savedLists.name,
      customerId: savedLists.customerId,
      madeBy,
      updatedAt: savedLists.updatedAt,
    })
    .from(savedLists)
    .innerJoin(customers, eq(customers.id, savedLists.customerId))
    .where(and(eq(savedLists.id, listId), visibleTo(customer)))
    .get();
  if (!list) return undefined;
  const rows = db
    .select({
      lineId: savedListLines.id,
      quantity: savedListLines.quantity,
      note: savedListLines.note,
      id: products.id,
      slug: products.slug,
      partNumber: products.partNumber,
      name: products.name,
      priceCents: products.priceCents,
      inStock: products.inStock,
      leadTimeDays: products.leadTimeDays,
      minOrderQty: products.minOrderQty,
      packSize: products.packSize,
      status: products.status,
      categorySlug: categories.slug,
    })
    .from(savedListLines)
    .innerJoin(products, eq(products.id, savedListLines.productId))
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(eq(savedListLines.listId, list.id))
    .orderBy(asc(savedListLines.addedAt), asc(savedListLines.id))
    .all();
  return {
    list: { ...list, mayManage: mayManageList(customer, list) },
    lines: withYourPrices(pricingFor(customer), rows),
  };
}

/** Whether the owner has a list of this name already (case aside), other than `exceptId`. */
function nameTaken(person: Pick<Person, "id" | "companyId">, name: string, exceptId?: number) {
  return Boolean(
    db
      .select({ id: savedLists.id })
      .from(savedLists)
      .where(
        and(
          visibleTo(person),
          sql`lower(${savedLists.name}) = lower(${name})`,
          exceptId === undefined ? undefined : ne(savedLists.id, exceptId),
        ),
      )
      .get(),
  );
}

const duplicateName = (person: Pick<Person, "companyId">, name: string, field: string) =>
  refuse(
    409,
    `${person.companyId !== null ? "Your company has" : "You have"} a list named ${name} already: choose another name`,
    field,
  );

/** A new list of the person's company (or their own outside one). Inside a transaction. */
function makeList(person: Person, name: string, field: string): Done<{ listId: number }> | ListRefusal {
  const lists = db.select({ n: count() }).from(savedLists).where(visibleTo(person)).get()!.n;
  if (lists >= MAX_SAVED_LISTS)
    return refuse(409, `There are ${MAX_SAVED_LISTS} lists, the most kept: delete one you no longer use first.`);
  if (nameTaken(person, name)) return duplicateName(person, name, field);
  const stamp = now();
  const { listId } = db
    .insert(savedLists)
    .values({ companyId: person.companyId, customerId: person.id, name, createdAt: stamp, updatedAt: stamp })
    .returning({ listId: savedLists.id })
    .get();
  return { ok: true, listId };
}

/** The person as stored now, inside the action's transaction (the session's copy may be older). */
function me(customer: { id: number }) {
  return currentPerson(customer.id);
}

export function createList(customer: { id: number }, name: string): Done<{ listId: number }> | ListRefusal {
  return writeTransaction(() => {
    const person = me(customer);
    if (!person) return refuse(404, "Sign in again.");
    return makeList(person, name, "name");
  });
}

export function renameList(customer: { id: number }, listId: number, name: string): Done | ListRefusal {
  return writeTransaction(() => {
    const person = me(customer);
    const list = person && findList(person, listId);
    if (!person || !list) return refuse(404, NO_SUCH_LIST);
    if (!mayManageList(person, list))
      return refuse(403, "Only the person who made this list or a company admin can rename it.");
    if (nameTaken(person, name, list.id)) return duplicateName(person, name, "name");
    db.update(savedLists).set({ name, updatedAt: now() }).where(eq(savedLists.id, list.id)).run();
    return { ok: true };
  });
}

export function deleteList(customer: { id: number }, listId: number): Done<{ name: string }> | ListRefusal {
  return writeTransaction(() => {
    const person = me(customer);
    const list = person && findList(person, listId);
    if (!person || !list) return refuse(404, NO_SUCH_LIST);
    if (!mayManageList(person, list))
      return refuse(403, "Only the person who made this list or a company admin can delete it.");
    db.delete(savedLists).where(eq(savedLists.id, list.id)).run();
    return { ok: true, name: list.name };
  });
}

/**
 * A new list holding these lines (the cart's, as many of each), made in one transaction: all of
 * them or, when one cannot go on a list, none.
 */
export function saveAsList(
  customer: { id: number },
  name: string,
  lines: readonly { productId: number; quantity: number }[],
): Done<{ listId: number }> | ListRefusal {
  return writeTransaction(() => {
    const person = me(customer);
    if (!person) return refuse(404, "Sign in again.");
    if (lines.length === 0) return refuse(409, "Your cart is empty: there is nothing to save.");
    if (lines.length > MAX_SAVED_LIST_LINES)
      return refuse(409, `A list holds at most ${MAX_SAVED_LIST_LINES} products; your cart has ${lines.length}.`);
    if (lines.some((line) => line.quantity > MAX_SAVED_LIST_QUANTITY))
      return refuse(
        409,
        `A list line holds at most ${MAX_SAVED_LIST_QUANTITY.toLocaleString("en-US")}: order the rest, or lower it first.`,
      );
    const made = makeList(person, name, "name");
    if (!made.ok) return made;
    const stamp = now();
    db.insert(savedListLines)
      .values(lines.map(({ productId, quantity }) => ({ listId: made.listId, productId, quantity, addedAt: stamp })))
      .run();
    return made;
  });
}

export type AddToListInput = { productId: number; listId?: number; newListName?: string; quantity: number };

/**
 * Adds a product to a list the buyer sees, or to a new list when `newListName` is given (a
 * name already in use is refused at its field). A product already on the list adds to its
 * quantity, within MAX_SAVED_LIST_QUANTITY; a list holds at most MAX_SAVED_LIST_LINES products.
 */
export function addToList(
  customer: { id: number },
  input: AddToListInput,
): Done<{ listId: number; listName: string; product: { slug: string; name: string } }> | ListRefusal {
  return writeTransaction(() => {
    const person = me(customer);
    if (!person) return refuse(404, "Sign in again.");
    const product = db
      .select({ id: products.id, slug: products.slug, name: products.name })
      .from(products)
      .where(and(eq(products.id, input.productId), eq(products.status, "active")))
      .get();
    if (!product) return refuse(404, "That product is no longer available.");
    let list: { id: number; name: string };
    if (input.newListName !== undefined) {
      const made = makeList(person, input.newListName, "newListName");
      if (!made.ok) return made;
      list = { id: made.listId, name: input.newListName };
    } else {
      const found = input.listId === undefined ? undefined : findList(person, input.listId);
      if (!found) return refuse(404, NO_SUCH_LIST, "listId");
      list = found;
    }
    const already =
      db
        .select({ quantity: savedListLines.quantity })
        .from(savedListLines)
        .where(and(eq(savedListLines.listId, list.id), eq(savedListLines.productId, product.id)))
        .get()?.quantity ?? 0;
    if (already === 0) {
      const lines = db.select({ n: count() }).from(savedListLines).where(eq(savedListLines.listId, list.id)).get()!.n;
      if (lines >= MAX_SAVED_LIST_LINES)
        return refuse(409, `${list.name} holds ${MAX_SAVED_LIST_LINES} products, the most a list may.`, "listId");
    }
    const problem = lineLimitProblem(already + input.quantity, MAX_SAVED_LIST_QUANTITY, already, LIST_LINE);
    if (problem) return refuse(400, problem, "quantity");
    const stamp = now();
    db.insert(savedListLines)
      .values({ listId: list.id, productId: product.id, quantity: input.quantity, addedAt: stamp })
      .onConflictDoUpdate({
        target: [savedListLines.listId, savedListLines.productId],
        set: { quantity: sql`${savedListLines.quantity} + excluded.quantity` },
      })
      .run();
    db.update(savedLists).set({ updatedAt: stamp }).where(eq(savedLists.id, list.id)).run();
    return { ok: true, listId: list.id, listName: list.name, product: { slug: product.slug, name: product.name } };
  });
}

/** A line's new quantity and note, on a list the buyer sees. */
export function changeLine(
  customer: { id: number },
  listId: number,
  lineId: number,
  { quantity, note }: { quantity: number; note: string },
): Done | ListRefusal {
  return writeTransaction(() => {
    const person = me(customer);
    const list = person && findList(person, listId);
    if (!list) return refuse(404, NO_SUCH_LIST);
    const changed = db
      .update(savedListLines)
      .set({ quantity, note })
      .where(and(eq(savedListLines.id, lineId), eq(savedListLines.listId, list.id)))
      .run();
    if (changed.changes !== 1) return refuse(404, NO_SUCH_LINE);
    db.update(savedLists).set({ updatedAt: now() }).where(eq(savedLists.id, list.id)).run();
    return { ok: true };
  });
}

export function removeLine(customer: { id: number }, listId: number, lineId: number): Done | ListRefusal {
  return writeTransaction(() => {
    const person = me(customer);
    const list = person && findList(person, listId);
    if (!list) return refuse(404, NO_SUCH_LIST);
    const removed = db
      .delete(savedListLines)
      .where(and(eq(savedListLines.id, lineId), eq(savedListLines.listId, list.id)))
      .run();
    if (removed.changes !== 1) return refuse(404, NO_SUCH_LINE);
    db.update(savedLists).set({ updatedAt: now() }).where(eq(savedLists.id, list.id)).run();
    return { ok: true };
  });
}

/**
 * Puts every line of a list in the cart or the quote list, in one transaction, the way a past
 * order is put back (`sendLines`): what could not go in is said line by line. The list stays.
 */
export function sendList(customer: { id: number }, listId: number, target: LinesTarget, token: string | undefined) {
  return writeTransaction(() => {
    const person = me(customer);
    const list = person && findList(person, listId);
    if (!list) return refuse(404, NO_SUCH_LIST);
    const lines = db
      .select({
        productId: products.id,
        quantity: savedListLines.quantity,
        name: products.name,
        partNumber: products.partNumber,
        status: products.status,
      })
      .from(savedListLines)
      .innerJoin(products, eq(products.id, savedListLines.productId))
      .where(eq(savedListLines.listId, list.id))
      .orderBy(asc(savedListLines.addedAt), asc(savedListLines.id))
      .all();
    const sent = sendLines(
      target,
      token,
      lines.map((line) => ({
        // A product taken out of the catalog is said to be so, for the cart as for the quote list.
        productId: line.status === "active" ? line.productId : null,
        quantity: line.quantity,
        label: `${line.name} (${line.partNumber})`,
      })),
    );
    return { ok: true as const, name: list.name, ...sent };
  });
}
