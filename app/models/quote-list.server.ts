import { and, asc, eq, sql } from "drizzle-orm";
import { categories, products, quoteListLines, quoteLists } from "../../db/schema";
import { db } from "~/lib/db.server";
import { createToken, hashToken } from "~/lib/tokens.server";
import { productSummaryColumns } from "./product.server";

export const MAX_LINE_QUANTITY = 1_000_000;

function findListId(token: string | undefined) {
  if (!token) return undefined;
  return db.select({ id: quoteLists.id }).from(quoteLists).where(eq(quoteLists.tokenHash, hashToken(token))).get()?.id;
}

export function getQuoteList(token: string | undefined) {
  const listId = findListId(token);
  if (listId === undefined) return { lines: [] };
  const lines = db
    .select({
      lineId: quoteListLines.id,
      quantity: quoteListLines.quantity,
      note: quoteListLines.note,
      product: productSummaryColumns,
    })
    .from(quoteListLines)
    .innerJoin(products, eq(products.id, quoteListLines.productId))
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(eq(quoteListLines.listId, listId))
    .orderBy(asc(quoteListLines.id))
    .all();
  return { lines };
}

/**
 * Adds a catalog product to the buyer's list (creating the list on first use); adding a product
 * already on the list raises its quantity. Returns the token to keep in the cookie, new or not.
 */
export function addProductToQuoteList(token: string | undefined, productId: number, quantity: number) {
  return db.transaction(() => {
    const product = db
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.id, productId), eq(products.status, "active")))
      .get();
    if (!product) return { ok: false as const, token };
    let listToken = token;
    let listId = findListId(token);
    if (listId === undefined) {
      listToken = createToken();
      listId = db.insert(quoteLists).values({ tokenHash: hashToken(listToken) }).returning({ id: quoteLists.id }).get().id;
    }
    db.insert(quoteListLines)
      .values({ listId, productId, quantity })
      .onConflictDoUpdate({
        target: [quoteListLines.listId, quoteListLines.productId],
        set: { quantity: sql`min(${quoteListLines.quantity} + excluded.quantity, ${MAX_LINE_QUANTITY})` },
      })
      .run();
    db.update(quoteLists).set({ updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` }).where(eq(quoteLists.id, listId)).run();
    return { ok: true as const, token: listToken as string };
  });
}

export function updateQuoteListLine(token: string | undefined, lineId: number, change: { quantity: number; note: string }) {
  const listId = findListId(token);
  if (listId === undefined) return false;
  const result = db
    .update(quoteListLines)
    .set(change)
    .where(and(eq(quoteListLines.id, lineId), eq(quoteListLines.listId, listId)))
    .run();
  return result.changes === 1;
}

export function removeQuoteListLine(token: string | undefined, lineId: number) {
  const listId = findListId(token);
  if (listId === undefined) return false;
  const result = db
    .delete(quoteListLines)
    .where(and(eq(quoteListLines.id, lineId), eq(quoteListLines.listId, listId)))
    .run();
  return result.changes === 1;
}
