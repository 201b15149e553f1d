import { z } from "zod";
import { recordIdOr } from "~/lib/record-id";
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
import { INVISIBLE_MESSAGE, isPlainText, isVisibleText, PLAIN_TEXT_MESSAGE } from "~/lib/plain-text";
import { MAX_LINE_QUANTITY, quantityField } from "~/lib/quantity";
import { SALES_QUOTE_INTENT as INTENT } from "./quote-intents";
import { INCOTERMS } from "./quote-request-fields";
import { messageBody } from "./quote-status-schema";
import { addedField, alternativeRef, lineField, MAX_ADDED_LINES, PAYMENT_TERMS } from "./quote-terms";
import { parsePriceBreaks, PRICE_BREAK_MESSAGES, type PriceBreak } from "~/lib/price-breaks";
import { configure, LINE_KINDS, type PricedLine } from "./quote-pricing";
import type { RevisionInput } from "./quote-revision.server";

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
export const RevisionLine = z
  .object({
    quantity: quantityField(MAX_LINE_QUANTITY),
    unitPriceCents: z
      .string()
      .transform((text, ctx) => unitCents(text, ctx, "Enter a unit price in US dollars, e.g. 1,250.50", false)),
    leadTimeWeeks: z.coerce
      .number({ error: "Enter the lead time in weeks" })
      .int({ error: "Whole weeks" })
      .min(0, { error: "0 weeks or more" })
      .max(104, { error: "At most 104 weeks" }),
    included: z
      .string()
      .trim()
      .max(500, { error: "Keep it under 500 characters" })
      .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE }),
    /** Sales' own, for the margin: empty when not given. */
    costCents: z
      .string()
      .transform((text, ctx) =>
        text.trim() ? unitCents(text, ctx, "Enter the unit cost in US dollars, or leave it empty", true) : null,
      ),
    priceBreaks: z
      .string()
      .default("")
      .transform((text, ctx) => priceBreaks(text, ctx)),
    optional: z
      .string()
      .default("")
      .transform((ticked) => ticked !== ""),
  })
  // Breaks lower the line's own price: the first is below it.
  .superRefine((line, ctx) => {
    const first = line.priceBreaks[0];
    if (first && first.unitPriceCents >= line.unitPriceCents)
      ctx.addIssue({
        code: "custom",
        path: ["priceBreaks"],
        message: PRICE_BREAK_MESSAGES.belowBase(formatMoney(line.unitPriceCents)),
      });
  });

/** Price breaks as typed, "5+ 1,100.00; 10+ 995.00": the catalog's parser and messages. */
function priceBreaks(text: string, ctx: z.RefinementCtx): PriceBreak[] {
  const parsed = parsePriceBreaks(text);
  if (parsed.ok) return parsed.breaks;
  ctx.addIssue({ code: "custom", message: parsed.message });
  return [];
}

/** Why a requested line is not quoted, shown to the buyer; empty for a quoted line. */
export const NotQuotedReason = z
  .string()
  .trim()
  .max(500, { error: "Keep the reason under 500 characters" })
  .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE });

/**
 * What a line sales adds is: a catalog product by its part number, or a line described in words
 * (its part number left empty): goods, a charge or a discount. Which product a part number names
 * is the server's to find.
 */
const AddedLineWhat = z
  .object({
    kind: z.enum(LINE_KINDS, { error: "Choose item, charge or discount" }),
    partNumber: z
      .string()
      .max(64, { error: "Keep the part number under 64 characters" })
      .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE })
      .refine(isVisibleText, { error: INVISIBLE_MESSAGE }),
    name: z
      .string()
      .max(200, { error: "Keep the description under 200 characters" })
      .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE }),
    alternativeTo: z.string().max(20),
    taxable: z.string().transform((ticked) => ticked !== ""),
  })
  .refine((line) => line.partNumber || line.name, {
    error: "Give a catalog part number, or describe a line of your own",
    path: ["name"],
  })
  .refine((line) => line.kind === "item" || !line.partNumber, {
    error: "Charges and discounts are described in words: leave the part number empty",
    path: ["partNumber"],
  })
  .refine((line) => line.kind === "item" || !line.alternativeTo, {
    error: "Only an item can be an alternative",
    path: ["alternativeTo"],
  });

/** A discount as typed: an amount in dollars ("250.00") or a percentage of the goods ("5%"). */
function discountAmount(text: string, ctx: z.RefinementCtx) {
  const percent = /^(\d{1,3}(?:\.\d{1,2})?)\s*%$/.exec(text.trim());
  if (percent) {
    const bp = Math.round(Number(percent[1]) * 100);
    if (bp > 0 && bp <= 10_000) return { unitPriceCents: 0, percentBp: bp };
    ctx.addIssue({ code: "custom", message: "A percentage above 0% and at most 100%" });
    return z.NEVER;
  }
  return {
    unitPriceCents: unitCents(text, ctx, "Enter an amount in US dollars (250.00) or a percentage (5%)", false),
    percentBp: null,
  };
}

/** A line sales does not quote: nothing to order, nothing to pay. */
const NOT_QUOTED = {
  quantity: 0,
  unitPriceCents: 0,
  leadTimeWeeks: 0,
  included: "",
  costCents: null,
  priceBreaks: [],
  optional: false,
};

/** A revision line's schema field and the form field it is typed into. */
const LINE_FIELDS = {
  quantity: "qty",
  unitPriceCents: "price",
  leadTimeWeeks: "weeks",
  included: "included",
  costCents: "cost",
  priceBreaks: "breaks",
  optional: "optional",
} as const;

const ADDED_WHAT_FIELDS = {
  kind: "kind",
  partNumber: "part",
  name: "name",
  alternativeTo: "alt",
  taxable: "taxable",
} as const;

export type RevisionDraftLines = {
  lines: RevisionInput["lines"];
  added: NonNullable<RevisionInput["added"]>;
};

/**
 * A revision's rows as the buyer's prices work on them: the requested lines in order, then the
 * added ones, each alternative pointing at its line's position.
 */
export function pricedLinesOf({ lines, added }: RevisionDraftLines): PricedLine[] {
  const positionOf = (ref: string) => {
    const line = lines.findIndex((l) => alternativeRef.line(l.requestLineId) === ref);
    if (line >= 0) return line;
    const slot = added.findIndex((l) => alternativeRef.added(l.slot) === ref);
    return slot >= 0 ? lines.length + slot : null;
  };
  return [
    ...lines.map((line, position) => ({
      position,
      kind: "item" as const,
      quantity: line.quantity,
      unitPriceCents: line.unitPriceCents,
      percentBp: null,
      priceBreaks: line.priceBreaks,
      optional: line.optional,
      alternativeOf: null,
      taxable: true,
    })),
    ...added.map((line, i) => ({
      position: lines.length + i,
      kind: line.kind,
      quantity: line.quantity,
      unitPriceCents: line.unitPriceCents,
      percentBp: line.percentBp,
      priceBreaks: line.priceBreaks,
      optional: line.optional,
      alternativeOf: line.alternativeTo ? positionOf(line.alternativeTo) : null,
      taxable: line.taxable,
    })),
  ];
}

/**
 * A revision as sales types it: the terms, and a priced row for each requested line (fields
 * `line-<id>-qty` …, named by `lineField`), checked row by row and as a whole.
 */
export function revisionForm(requestLineIds: number[], today: string, cardPayments = true) {
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
      paymentTerms: z
        .enum(PAYMENT_TERMS, { error: "Choose the payment terms" })
        // A buyer offered card only could not accept while the site takes no cards.
        .refine((terms) => cardPayments || terms !== "card", {
          error: "Card payment is off on this site: offer card or invoice, or invoice only",
        }),
      notes: z
        .string()
        .trim()
        .max(5000, { error: "Keep the notes under 5,000 characters" })
        .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE })
        .default(""),
    })
    .transform(({ intent, incoterm, incotermPlace, validUntil, paymentTerms, notes, ...typed }, context) => {
      const issue = (path: string, message: string) => context.addIssue({ code: "custom", path: [path], message });
      const lines: RevisionDraftLines["lines"] = [];
      for (const requestLineId of requestLineIds) {
        const fieldOf = (name: keyof typeof LINE_FIELDS) => lineField(requestLineId, LINE_FIELDS[name]);
        // A line with a reason is not quoted: its quantity and price are not asked for.
        const reasonField = lineField(requestLineId, "reason");
        const reason = NotQuotedReason.safeParse(typed[reasonField] ?? "");
        if (!reason.success) {
          issue(reasonField, reason.error.issues[0].message);
          continue;
        }
        if (reason.data) {
          lines.push({ requestLineId, ...NOT_QUOTED, notQuotedReason: reason.data });
          continue;
        }
        const row = RevisionLine.safeParse(
          Object.fromEntries(
            Object.keys(LINE_FIELDS).map((name) => [
              name,
              String(typed[fieldOf(name as keyof typeof LINE_FIELDS)] ?? ""),
            ]),
          ),
        );
        if (row.success) lines.push({ requestLineId, ...row.data, notQuotedReason: "" });
        for (const problem of row.error?.issues ?? [])
          issue(fieldOf(problem.path[0] as keyof typeof LINE_FIELDS), problem.message);
      }
      const added: RevisionDraftLines["added"] = [];
      for (let slot = 1; slot <= MAX_ADDED_LINES; slot++) {
        const field = (name: Parameters<typeof addedField>[1]) => addedField(slot, name);
        const text = (name: Parameters<typeof addedField>[1]) => String(typed[field(name)] ?? "").trim();
        // A row left empty adds nothing.
        if (!text("part") && !text("name") && !text("qty") && !text("price")) continue;
        const what = AddedLineWhat.safeParse({
          ...Object.fromEntries(Object.entries(ADDED_WHAT_FIELDS).map(([name, form]) => [name, text(form)])),
          // Goods unless said otherwise (a draft saved before lines had kinds says nothing).
          kind: text("kind") || "item",
        });
        for (const problem of what.error?.issues ?? [])
          issue(field(ADDED_WHAT_FIELDS[problem.path[0] as keyof typeof ADDED_WHAT_FIELDS]), problem.message);
        const kind = what.data?.kind ?? "item";
        if (kind === "discount") {
          // A discount is one amount or percentage: no quantity, breaks or choice.
          const amount = z.string().transform(discountAmount).safeParse(text("price"));
          if (!amount.success) issue(field("price"), amount.error.issues[0].message);
          if (text("optional")) issue(field("optional"), "A discount is not optional: leave it out instead");
          if (text("breaks")) issue(field("breaks"), "A discount has no price breaks");
          if (what.success && amount.success)
            added.push({
              slot,
              ...what.data,
              ...amount.data,
              quantity: 1,
              leadTimeWeeks: 0,
              included: "",
              costCents: null,
              priceBreaks: [],
              optional: false,
            });
          continue;
        }
        const row = RevisionLine.safeParse({
          // A charge is once unless said otherwise, and takes no time.
          quantity: text("qty") || (kind === "charge" ? "1" : ""),
          unitPriceCents: text("price"),
          leadTimeWeeks: text("weeks") || (kind === "charge" ? "0" : ""),
          included: text("included"),
          costCents: text("cost"),
          priceBreaks: text("breaks"),
          optional: text("optional"),
        });
        for (const problem of row.error?.issues ?? [])
          issue(field(LINE_FIELDS[problem.path[0] as keyof typeof LINE_FIELDS]), problem.message);
        if (what.success && row.success) {
          if (row.data.optional && what.data.alternativeTo)
            issue(field("optional"), "An alternative is chosen instead of its line, not ticked: leave Optional off");
          // Goods are taxable; whether a charge is, sales says. A discount takes its share off the
          // taxable goods (`taxableCentsOf`): it has no say of its own.
          added.push({
            slot,
            ...what.data,
            ...row.data,
            percentBp: null,
            taxable: kind === "item" || (kind === "charge" && what.data.taxable),
          });
        }
      }
      if (lines.length !== requestLineIds.length || context.issues.length) return z.NEVER;
      // An alternative stands in for a quoted item that is neither optional nor an alternative itself.
      for (const line of added) {
        if (!line.alternativeTo) continue;
        const requested = lines.find((l) => alternativeRef.line(l.requestLineId) === line.alternativeTo);
        const other = added.find((l) => alternativeRef.added(l.slot) === line.alternativeTo);
        const target = requested ?? (other?.kind === "item" && !other.alternativeTo ? other : undefined);
        const problem = !target
          ? "Choose a quoted item of this quote"
          : target.quantity === 0
            ? "That line is not quoted: add this one as a line of its own"
            : target.optional
              ? "That line is optional: make this one optional too instead"
              : undefined;
        if (problem) issue(addedField(line.slot, "alt"), problem);
      }
      if (context.issues.length) return z.NEVER;
      if (lines.every((line) => line.notQuotedReason) && !added.some((line) => line.kind === "item")) {
        issue(lineField(requestLineIds[0], "reason"), "Quote at least one line; to quote none, decline the request");
        return z.NEVER;
      }
      // Each line is at most 1,000,000 × $10,000,000.00, an exact number of cents; the quote as sent
      // is held to what one order may total, and to what a card can pay when only card is offered.
      const { totalCents: total, goodsCents } = configure(pricedLinesOf({ lines, added }));
      // A discount comes off what is left of the goods after the ones before it, and no more: more
      // would be cut down without a word, a quote for $0.00 sent.
      let goodsLeft = goodsCents;
      for (const line of added) {
        if (line.kind !== "discount") continue;
        const wanted =
          line.percentBp === null ? line.unitPriceCents : Math.round((goodsCents * line.percentBp) / 10_000);
        if (wanted > goodsLeft) {
          issue(
            addedField(line.slot, "price"),
            `More than the goods it comes off: at most ${formatMoney(goodsLeft)}${goodsLeft === goodsCents ? "" : " after the discounts above"}`,
          );
          return z.NEVER;
        }
        goodsLeft -= wanted;
      }
      // Discounts that take everything leave a quote for $0.00, an order nobody pays.
      const lastDiscount = added.filter((line) => line.kind === "discount").at(-1);
      if (lastDiscount && total <= 0) {
        issue(addedField(lastDiscount.slot, "price"), "Leaves nothing to pay: a quote comes to more than $0.00");
        return z.NEVER;
      }
      if (total > MAX_ORDER_TOTAL_CENTS) {
        const priced = [
          ...lines.map((line) => ({ ...line, priceField: lineField(line.requestLineId, "price") })),
          ...added.map((line) => ({ ...line, priceField: addedField(line.slot, "price") })),
        ];
        const totals = priced.map((line) => line.quantity * line.unitPriceCents);
        issue(
          priced[totals.indexOf(Math.max(...totals))].priceField,
          `${ORDER_TOTAL_LIMIT_TEXT}; this quote comes to ${formatMoney(total)}`,
        );
        return z.NEVER;
      }
      if (paymentTerms === "card" && total > MAX_CARD_PAYMENT_CENTS) {
        issue("paymentTerms", `${CARD_LIMIT}: offer invoice for a total of ${formatMoney(total)}`);
        return z.NEVER;
      }
      return { intent, revision: { incoterm, incotermPlace, validUntil, paymentTerms, notes, lines, added } };
    });
}

/** The request's owner: a sales user's id, or empty for nobody. */
const ownerId = z.union([z.literal("").transform(() => null), recordIdOr("Choose a sales user")], {
  error: "Choose a sales user",
});

/** A note on the request for sales only. */
export const internalNote = z
  .string({ error: "Write the note first" })
  .trim()
  .min(1, { error: "Write the note first" })
  .max(5000, { error: "Keep the note under 5,000 characters" })
  .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE });

/** The fields a draft keeps: the next revision's form, nothing else. */
const DRAFT_FIELD =
  /^(incoterm|incotermPlace|validUntil|paymentTerms|notes|line-\d{1,9}-(qty|price|weeks|included|cost|reason|breaks|optional)|added-\d{1,2}-(kind|part|name|qty|price|weeks|included|cost|breaks|optional|alt|taxable))$/;

/** Of a form's fields, those of the next revision: what a draft keeps. */
export const draftFieldsOf = (typed: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(typed).filter(
      (entry): entry is [string, string] => DRAFT_FIELD.test(entry[0]) && typeof entry[1] === "string",
    ),
  );

/** The draft an admin decides on, as it was when their page showed it. */
const seenDraft = z.string({ error: "Reload the page: the draft has changed" }).max(40);

/**
 * A draft keeps what was typed, checked only when it is sent; it is held to a size a form can be.
 * `auto` marks the page's own background save (with JavaScript).
 */
const draftForm = z
  .looseObject({ intent: z.literal(INTENT.saveDraft), auto: z.literal("1").optional() })
  .transform(({ intent, auto, ...typed }, context) => {
    const fields = draftFieldsOf(typed);
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
export function salesQuoteForm({
  requestLineIds,
  today,
  cardPayments = true,
}: {
  requestLineIds: number[];
  today: string;
  /** Whether the site takes cards (`cardPaymentAvailable`): card-only terms are refused without. */
  cardPayments?: boolean;
}) {
  return z.discriminatedUnion("intent", [
    revisionForm(requestLineIds, today, cardPayments),
    draftForm,
    z.object({ intent: z.literal(INTENT.message), body: messageBody }),
    z.object({ intent: z.literal(INTENT.startReview) }),
    z.object({
      intent: z.literal(INTENT.decline),
      note: z
        .string({ error: "Give the buyer a reason: it is sent to them" })
        .trim()
        .min(1, { error: "Give the buyer a reason: it is sent to them" })
        .max(1000, { error: "Keep the reason to 1,000 characters" })
        .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE }),
    }),
    z.object({ intent: z.literal(INTENT.seen), auto: z.literal("1").optional() }),
    z.object({ intent: z.literal(INTENT.unseen) }),
    z.object({ intent: z.literal(INTENT.createCompany), companyName }),
    z.object({ intent: z.literal(INTENT.assignOwner), ownerId }),
    z.object({ intent: z.literal(INTENT.internalNote), internalNote }),
    z.object({ intent: z.literal(INTENT.approve), savedAt: seenDraft }),
    z.object({
      intent: z.literal(INTENT.declineApproval),
      savedAt: seenDraft,
      approvalNote: z
        .string({ error: "Tell sales why: it is sent to them" })
        .trim()
        .min(1, { error: "Tell sales why: it is sent to them" })
        .max(1000, { error: "Keep the reason to 1,000 characters" })
        .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE }),
    }),
  ]);
}
