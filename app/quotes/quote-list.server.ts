import { and, asc, count, eq, sql } from "drizzle-orm";
import { products, quoteListLines, quoteLists, type QuoteLineRequirement } from "~db/schema";
import { db, writeTransaction } from "~/lib/db.server";
import { lineLimitProblem, MAX_LINE_QUANTITY, readQuantity } from "~/lib/quantity";
import { createToken, hashToken } from "~/lib/tokens.server";
import { findProductByPartNumber, listSpecsForProducts } from "~/catalog/product.server";
import { buyerPricedProducts } from "~/accounts/company-prices.server";
import { buyerPriceAt } from "~/accounts/unit-price";

function findListId(token: string | undefined) {
  if (!token) return undefined;
  return db
    .select({ id: quoteLists.id })
    .from(quoteLists)
    .where(eq(quoteLists.tokenHash, hashToken(token)))
    .get()?.id;
}

/**
 * The buyer's list: each line with its catalog product (archived ones too) priced for the buyer's
 * company (`companyId`; none: list prices), and what one unit costs at the line's quantity, its
 * quantity break and the company's price list applied, as in the cart.
 */
export function getQuoteList(token: string | undefined, companyId: number | null = null) {
  const listId = findListId(token);
  if (listId === undefined) return { lines: [], listId };
  const rows = db
    .select({
      lineId: quoteListLines.id,
      quantity: quoteListLines.quantity,
      note: quoteListLines.note,
      description: quoteListLines.description,
      targetPriceCents: quoteListLines.targetPriceCents,
      requirements: quoteListLines.requirements,
      equivalentAccepted: quoteListLines.equivalentAccepted,
      productId: quoteListLines.productId,
    })
    .from(quoteListLines)
    .where(eq(quoteListLines.listId, listId))
    .orderBy(asc(quoteListLines.id))
    .all();
  const productIds = rows.flatMap((row) => (row.productId === null ? [] : [row.productId]));
  const catalog = buyerPricedProducts(companyId, productIds);
  const lines = rows.map(({ productId, ...line }) => {
    const product = productId === null ? null : (catalog.get(productId) ?? null);
    return { ...line, product, unitPriceCents: product && buyerPriceAt(product, line.quantity) };
  });
  return { lines, listId };
}

/** How many lines the buyer's list holds, for the header: one indexed count. */
export function countQuoteListLines(token: string | undefined) {
  if (!token) return 0;
  return db
    .select({ n: count() })
    .from(quoteListLines)
    .innerJoin(quoteLists, eq(quoteLists.id, quoteListLines.listId))
    .where(eq(quoteLists.tokenHash, hashToken(token)))
    .get()!.n;
}

/** The buyer's list, created on first use; returns its id and the token for the cookie. */
function openList(token: string | undefined) {
  const existing = findListId(token);
  if (existing !== undefined && token) {
    db.update(quoteLists)
      .set({ updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` })
      .where(eq(quoteLists.id, existing))
      .run();
    return { listId: existing, token };
  }
  const fresh = createToken();
  const { id } = db
    .insert(quoteLists)
    .values({ tokenHash: hashToken(fresh) })
    .returning({ id: quoteLists.id })
    .get();
  return { listId: id, token: fresh };
}

const LIST_LINE = { line: "line", where: "on your list" };

/** How many of a catalog product the list already holds (0 for no list, or no such line). */
function quantityOnList(listId: number | undefined, productId: number) {
  if (listId === undefined) return 0;
  return (
    db
      .select({ quantity: quoteListLines.quantity })
      .from(quoteListLines)
      .where(and(eq(quoteListLines.listId, listId), eq(quoteListLines.productId, productId)))
      .get()?.quantity ?? 0
  );
}

function addCatalogLine(listId: number, productId: number, quantity: number) {
  db.insert(quoteListLines)
    .values({ listId, productId, quantity })
    .onConflictDoUpdate({
      target: [quoteListLines.listId, quoteListLines.productId],
      set: { quantity: sql`${quoteListLines.quantity} + excluded.quantity` },
    })
    .run();
}

/**
 * Adds a catalog product to the buyer's list (creating the list on first use); adding a product
 * already on the list raises its quantity, within MAX_LINE_QUANTITY. Returns the token to keep in
 * the cookie, new or not.
 */
export function addProductToQuoteList(token: string | undefined, productId: number, quantity: number) {
  return writeTransaction(() => {
    const product = db
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.id, productId), eq(products.status, "active")))
      .get();
    if (!product) return { ok: false as const, reason: "unavailable" as const, token };
    const already = quantityOnList(findListId(token), productId);
    const problem = lineLimitProblem(already + quantity, MAX_LINE_QUANTITY, already, LIST_LINE);
    if (problem) return { ok: false as const, reason: "quantity" as const, message: problem, token };
    const list = openList(token);
    addCatalogLine(list.listId, productId, quantity);
    return { ok: true as const, token: list.token };
  });
}

export type FreeFormLine = {
  description: string;
  quantity: number;
  targetPriceCents: number | null;
  requirements: QuoteLineRequirement[];
  equivalentAccepted: boolean;
  note: string;
};

/** A line for something not in the catalog, in the buyer's words. */
export function addFreeFormLine(token: string | undefined, line: FreeFormLine) {
  return writeTransaction(() => {
    const list = openList(token);
    db.insert(quoteListLines)
      .values({ listId: list.listId, productId: null, ...line })
      .run();
    return { token: list.token };
  });
}

export type QuickAddProblem = { line: string; message: string };

/**
 * McMaster's order pad: one "part-number quantity" per line (quantity optional, the minimum
 * order by default). Known parts are added in one transaction; each other line comes back with
 * what is wrong, so the buyer fixes only those.
 */
export function quickAddToQuoteList(token: string | undefined, text: string) {
  const problems: QuickAddProblem[] = [];
  const found: { line: string; productId: number; quantity: number }[] = [];
  for (const raw of text.split(/\r?\n/).slice(0, 200)) {
    const line = raw.trim();
    if (!line) continue;
    // "PART", "PART 12", "PART, 12", "PART x12", "PART\t12", "PART 2,000"
    const match = line.match(/^([^\s,;\t]+)(?:[\s,;:\t]+[xX×]?\s*(\d{1,3}(?:,\d{3})+|\d+))?\s*$/);
    if (!match) {
      problems.push({ line, message: "Write a part number, then a quantity" });
      continue;
    }
    const product = findProductByPartNumber(match[1]);
    if (!product) {
      problems.push({ line, message: `No product with part number “${match[1]}”` });
      continue;
    }
    const quantity = match[2] === undefined ? product.minOrderQty : readQuantity(match[2])!;
    if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QUANTITY) {
      problems.push({
        line,
        message: `Quantity must be a whole number from 1 to ${MAX_LINE_QUANTITY.toLocaleString("en-US")}`,
      });
      continue;
    }
    found.push({ line, productId: product.id, quantity });
  }
  if (found.length === 0) return { token, added: 0, problems };
  return writeTransaction(() => {
    // Each product's line, as it would be after the lines pasted above it.
    const onList = new Map<number, number>();
    const listId = findListId(token);
    const accepted = found.filter(({ line, productId, quantity }) => {
      const already = onList.get(productId) ?? quantityOnList(listId, productId);
      if (already + quantity > MAX_LINE_QUANTITY) {
        const would = (already + quantity).toLocaleString("en-US");
        problems.push({
          line,
          message: `At most ${MAX_LINE_QUANTITY.toLocaleString("en-US")} of one product per line: there would be ${would} on your list`,
        });
        return false;
      }
      onList.set(productId, already + quantity);
      return true;
    });
    if (accepted.length === 0) return { token, added: 0, problems };
    const list = openList(token);
    for (const { productId, quantity } of accepted) addCatalogLine(list.listId, productId, quantity);
    return { token: list.token, added: accepted.length, problems };
  });
}

export function updateQuoteListLine(
  token: string | undefined,
  lineId: number,
  change: { quantity: number; note: string },
) {
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

export type EngineeringSummary = {
  totalPowerKw: number;
  linesWithPower: number;
  totalWeightKg: number;
  linesWithWeight: number;
  supplies: string[];
  mixedVoltages: boolean;
  mixedFrequencies: boolean;
  linesWithoutData: number;
};

/**
 * What an engineer checks before asking for a quote: total connected power, the supplies
 * needed (mixed voltages or 50 Hz next to 60 Hz are flagged) and the shipping weight.
 */
export function summariseQuoteList(lines: { quantity: number; product: { id: number } | null }[]): EngineeringSummary {
  const catalogLines = lines.filter((line) => line.product !== null);
  const specs = listSpecsForProducts(catalogLines.map((line) => line.product!.id));
  const specOf = (productId: number, key: string) =>
    specs.filter((s) => s.productId === productId && s.key === key).map((s) => s.value);
  const summary: EngineeringSummary = {
    totalPowerKw: 0,
    linesWithPower: 0,
    totalWeightKg: 0,
    linesWithWeight: 0,
    supplies: [],
    mixedVoltages: false,
    mixedFrequencies: false,
    linesWithoutData: lines.length - catalogLines.length,
  };
  const voltages = new Set<number>();
  const frequencies = new Set<string>();
  const supplies = new Set<string>();
  for (const line of catalogLines) {
    const id = line.product!.id;
    const [power] = specOf(id, "power");
    const [weight] = specOf(id, "weight");
    const [voltage] = specOf(id, "voltage");
    const [phase] = specOf(id, "phase");
    const [frequency] = specOf(id, "frequency");
    if (typeof power === "number") {
      summary.totalPowerKw += power * line.quantity;
      summary.linesWithPower++;
    }
    if (typeof weight === "number") {
      summary.totalWeightKg += weight * line.quantity;
      summary.linesWithWeight++;
    }
    if (typeof voltage === "number") {
      voltages.add(voltage);
      supplies.add([`${voltage} V`, phase, frequency].filter(Boolean).join(", "));
    }
    if (typeof frequency === "string") frequencies.add(frequency);
  }
  summary.supplies = [...supplies].sort();
  summary.mixedVoltages = voltages.size > 1;
  summary.mixedFrequencies = frequencies.has("50 Hz") && frequencies.has("60 Hz");
  return summary;
}
