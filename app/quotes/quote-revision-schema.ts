import { z } from "zod";
import { companyName } from "~/accounts/company-schema";
import {
  CARD_LIMIT,
  formatMoney,
  MAX_CARD_PAYMENT_CENTS,
  MAX_ORDER_TOTAL_CENTS,
  MAX_UNIT_PRICE_CENTS,
  ORDER_TOTAL_LIMIT_TEXT,
  parseDollars,
} from "~/lib/money";
import { isPlainText, PLAIN_TEXT_MESSAGE } from "~/lib/plain-text";
import { MAX_LINE_QUANTITY, quantityField } from "~/lib/quantity";
import { SALES_QUOTE_INTENT as INTENT } from "./quote-intents";
import { INCOTERMS } from "./quote-request-fields";
import { messageBody } from "./quote-status-schema";
import { addedField, lineField, MAX_ADDED_LINES, PAYMENT_TERMS } from "./quote-terms";

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An amount per unit typed in dollars ("1,250.50") as cents, at most `MAX_UNIT_PRICE_CENTS`;
 * `message` at the field when it is not one (or is zero where zero is not allowed).
 */
function unitCents(text: string, ctx: z.RefinementCtx, message: string, allowZero: boolean) {
  const cents = parseDollars(text, Number.POSITIVE_INFINITY);
  if (cents === undefined || (cents === 0 && !allowZero)) {
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  }
  if (cents > MAX_UNIT_PRICE_CENTS) {
    ctx.addIssue({ code: "custom", message: `At most ${formatMoney(MAX_UNIT_PRICE_CENTS)} per unit` });
    return z.NEVER;
  }
  return cents;
}

/** One priced row of a revision, as typed for one requested line. */
export const RevisionLine = z.object({
  quantity: quantityField(MAX_LINE_QUANTITY),
  unitPriceCents: z
    .string()
    .transform((text, ctx) => unitCents(text, ctx, "Enter a unit price in US dollars, e.g. 1,250.50", false)),
  leadTimeWeeks: z.coerce
    .number({ error: "Enter the lead time in weeks" })
    .int({ error: "Whole weeks" })
    .min(0, { error: "0 weeks or more" })
    .max(104, { error: "At most 104 weeks" }),
  included: z.string().trim().max(500, { error: "Keep it under 500 characters" }),
  /** Sales' own, for the margin: empty when not given. */
  costCents: z
    .string()
    .transform((text, ctx) =>
      text.trim() ? unitCents(text, ctx, "Enter the unit cost in US dollars, or leave it empty", true) : null,
    ),
});

/** Why a requested line is not quoted, shown to the buyer; empty for a quoted line. */
export const NotQuotedReason = z
  .string()
  .trim()
  .max(500, { error: "Keep the reason under 500 characters" })
  .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE });

/**
 * What a line sales adds is: a catalog product by its part number, or a free line described in
 * words (its part number left empty). Which product a part number names is the server's to find.
 */
const AddedLineWhat = z
  .object({
    partNumber: z.string().max(64, { error: "Keep the part number under 64 characters" }),
    name: z
      .string()
      .max(200, { error: "Keep the description under 200 characters" })
      .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE }),
  })
  .refine((line) => line.partNumber || line.name, {
    error: "Give a catalog part number, or describe a line of your own",
    path: ["name"],
  });

/** A line sales does not quote: nothing to order, nothing to pay. */
const NOT_QUOTED = { quantity: 0, unitPriceCents: 0, leadTimeWeeks: 0, included: "", costCents: null };

/** A revision line's schema field and the form field it is typed into. */
const LINE_FIELDS = {
  quantity: "qty",
  unitPriceCents: "price",
  leadTimeWeeks: "weeks",
  included: "included",
  costCents: "cost",
} as const;

/**
 * A revision as sales types it: the terms, and a priced row for each requested line (fields
 * `line-<id>-qty` …, named by `lineField`), checked row by row and as a whole.
 */
function revisionForm(requestLineIds: number[], today: string) {
  const latest = new Date(Date.parse(`${today}T00:00:00Z`) + 366 * 86_400_000).toISOString().slice(0, 10);
  return z
    .looseObject({
      intent: z.literal(INTENT.sendRevision),
      incoterm: z.enum(INCOTERMS, { error: "Choose an Incoterm" }),
      incotermPlace: z
        .string({ error: "Name the place, e.g. Houston, TX for FCA or the buyer's city for DAP" })
        .trim()
        .min(1, { error: "Name the place, e.g. Houston, TX for FCA or the buyer's city for DAP" })
        .max(120, { error: "Keep the place under 120 characters" })
        .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE }),
      validUntil: z
        .string({ error: "Enter a date" })
        .regex(isoDate, { error: "Enter a date" })
        .refine((date) => !Number.isNaN(Date.parse(date)), { error: "Enter a real date" })
        .refine((date) => date >= today, { error: "The quote must be valid today or later" })
        .refine((date) => date <= latest, { error: "At most a year ahead" }),
      paymentTerms: z.enum(PAYMENT_TERMS, { error: "Choose the payment terms" }),
      notes: z.string().trim().max(5000, { error: "Keep the notes under 5,000 characters" }).default(""),
    })
    .transform(({ intent, incoterm, incotermPlace, validUntil, paymentTerms, notes, ...typed }, context) => {
      const lines = [];
      for (const requestLineId of requestLineIds) {
        const fieldOf = (name: keyof typeof LINE_FIELDS) => lineField(requestLineId, LINE_FIELDS[name]);
        // A line with a reason is not quoted: its quantity and price are not asked for.
        const reasonField = lineField(requestLineId, "reason");
        const reason = NotQuotedReason.safeParse(typed[reasonField] ?? "");
        if (!reason.success) {
          context.addIssue({ code: "custom", path: [reasonField], message: reason.error.issues[0].message });
          continue;
        }
        if (reason.data) {
          lines.push({ requestLineId, ...NOT_QUOTED, notQuotedReason: reason.data });
          continue;
        }
        const row = RevisionLine.safeParse({
          quantity: typed[fieldOf("quantity")] ?? "",
          unitPriceCents: typed[fieldOf("unitPriceCents")] ?? "",
          leadTimeWeeks: typed[fieldOf("leadTimeWeeks")] ?? "",
          included: typed[fieldOf("included")] ?? "",
          costCents: typed[fieldOf("costCents")] ?? "",
        });
        if (row.success) lines.push({ requestLineId, ...row.data, notQuotedReason: "" });
        for (const issue of row.error?.issues ?? [])
          context.addIssue({
            code: "custom",
            path: [fieldOf(issue.path[0] as keyof typeof LINE_FIELDS)],
            message: issue.message,
          });
      }
      const added = [];
      for (let slot = 1; slot <= MAX_ADDED_LINES; slot++) {
        const field = (name: Parameters<typeof addedField>[1]) => addedField(slot, name);
        const text = (name: Parameters<typeof addedField>[1]) => String(typed[field(name)] ?? "").trim();
        // A row left empty adds nothing.
        if (!text("part") && !text("name") && !text("qty") && !text("price")) continue;
        const what = AddedLineWhat.safeParse({ partNumber: text("part"), name: text("name") });
        const row = RevisionLine.safeParse({
          quantity: text("qty"),
          unitPriceCents: text("price"),
          leadTimeWeeks: text("weeks"),
          included: text("included"),
          costCents: text("cost"),
        });
        if (what.success && row.success) added.push({ slot, ...what.data, ...row.data });
        for (const issue of what.error?.issues ?? [])
          context.addIssue({
            code: "custom",
            path: [field(issue.path[0] === "partNumber" ? "part" : "name")],
            message: issue.message,
          });
        for (const issue of row.error?.issues ?? [])
          context.addIssue({
            code: "custom",
            path: [field(LINE_FIELDS[issue.path[0] as keyof typeof LINE_FIELDS])],
            message: issue.message,
          });
      }
      if (lines.length !== requestLineIds.length || context.issues.length) return z.NEVER;
      if (lines.every((line) => line.notQuotedReason) && !added.length) {
        context.addIssue({
          code: "custom",
          path: [lineField(requestLineIds[0], "reason")],
          message: "Quote at least one line; to quote none, decline the request",
        });
        return z.NEVER;
      }
      // Each line is at most 1,000,000 × $10,000,000.00, an exact number of cents; their sum is held
      // to what one order may total, and to what a card can pay when only card is offered.
      const priced = [
        ...lines.map((line) => ({ ...line, priceField: lineField(line.requestLineId, "price") })),
        ...added.map((line) => ({ ...line, priceField: addedField(line.slot, "price") })),
      ];
      const totals = priced.map((line) => line.quantity * line.unitPriceCents);
      const total = totals.reduce((sum, cents) => sum + cents, 0);
      if (total > MAX_ORDER_TOTAL_CENTS) {
        const largest = priced[totals.indexOf(Math.max(...totals))];
        context.addIssue({
          code: "custom",
          path: [largest.priceField],
          message: `${ORDER_TOTAL_LIMIT_TEXT}; this quote comes to ${formatMoney(total)}`,
        });
        return z.NEVER;
      }
      if (paymentTerms === "card" && total > MAX_CARD_PAYMENT_CENTS) {
        context.addIssue({
          code: "custom",
          path: ["paymentTerms"],
          message: `${CARD_LIMIT}: offer invoice for a total of ${formatMoney(total)}`,
        });
        return z.NEVER;
      }
      return { intent, revision: { incoterm, incotermPlace, validUntil, paymentTerms, notes, lines, added } };
    });
}

/** The request's owner: a sales user's id, or empty for nobody. */
const ownerId = z.union(
  [
    z.literal("").transform(() => null),
    z.coerce
      .number({ error: "Choose a sales user" })
      .int({ error: "Choose a sales user" })
      .positive({ error: "Choose a sales user" })
      .max(Number.MAX_SAFE_INTEGER, { error: "Choose a sales user" }),
  ],
  { error: "Choose a sales user" },
);

/** A note on the request for sales only. */
export const internalNote = z
  .string({ error: "Write the note first" })
  .trim()
  .min(1, { error: "Write the note first" })
  .max(5000, { error: "Keep the note under 5,000 characters" })
  .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE });

/** The fields a draft keeps: the next revision's form, nothing else. */
const DRAFT_FIELD =
  /^(incoterm|incotermPlace|validUntil|paymentTerms|notes|line-\d{1,9}-(qty|price|weeks|included|cost|reason)|added-\d{1,2}-(part|name|qty|price|weeks|included|cost))$/;

/**
 * A draft keeps what was typed, checked only when it is sent; it is held to a size a form can be.
 * `auto` marks the page's own background save (with JavaScript).
 */
const draftForm = z
  .looseObject({ intent: z.literal(INTENT.saveDraft), auto: z.literal("1").optional() })
  .transform(({ intent, auto, ...typed }, context) => {
    const fields = Object.fromEntries(
      Object.entries(typed).filter(
        (entry): entry is [string, string] => DRAFT_FIELD.test(entry[0]) && typeof entry[1] === "string",
      ),
    );
    if (JSON.stringify(fields).length > 64_000) {
      context.addIssue({
        code: "custom",
        path: ["notes"],
        message: "This draft is too long to keep: shorten the notes",
      });
      return z.NEVER;
    }
    return { intent, auto, fields };
  });

/**
 * Every form of sales' request page, one member per `intent`. The revision's rows depend on the
 * request's lines and its dates on today, so the schema is made for each request.
 */
export function salesQuoteForm({ requestLineIds, today }: { requestLineIds: number[]; today: string }) {
  return z.discriminatedUnion("intent", [
    revisionForm(requestLineIds, today),
    draftForm,
    z.object({ intent: z.literal(INTENT.message), body: messageBody }),
    z.object({ intent: z.literal(INTENT.startReview) }),
    z.object({
      intent: z.literal(INTENT.decline),
      note: z
        .string({ error: "Give the buyer a reason: it is sent to them" })
        .trim()
        .min(1, { error: "Give the buyer a reason: it is sent to them" })
        .max(1000, { error: "Keep the reason to 1,000 characters" }),
    }),
    z.object({ intent: z.literal(INTENT.seen), auto: z.literal("1").optional() }),
    z.object({ intent: z.literal(INTENT.unseen) }),
    z.object({ intent: z.literal(INTENT.createCompany), companyName }),
    z.object({ intent: z.literal(INTENT.assignOwner), ownerId }),
    z.object({ intent: z.literal(INTENT.internalNote), internalNote }),
  ]);
}
