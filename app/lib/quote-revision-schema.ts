import { z } from "zod";
import { CARD_LIMIT, formatMoney, MAX_CARD_PAYMENT_CENTS, MAX_ORDER_TOTAL_CENTS, MAX_UNIT_PRICE_CENTS, ORDER_TOTAL_LIMIT_TEXT, parseDollars } from "./money";
import { MAX_LINE_QUANTITY, quantityField } from "./quantity";
import { INCOTERMS } from "./quote-request-fields";
import { lineField, PAYMENT_TERMS } from "./quote-terms";

const isoDate = /^\d{4}-\d{2}-\d{2}$/;


const line = z.object({
  requestLineId: z.number().int().positive(),
  quantity: quantityField(MAX_LINE_QUANTITY),
  unitPriceCents: z.string().transform((text, ctx) => {
    const cents = parseDollars(text, Number.POSITIVE_INFINITY);
    if (cents === undefined || cents === 0) {
      ctx.addIssue({ code: "custom", message: "Enter a unit price in US dollars, e.g. 1,250.50" });
      return z.NEVER;
    }
    if (cents > MAX_UNIT_PRICE_CENTS) {
      ctx.addIssue({ code: "custom", message: `At most ${formatMoney(MAX_UNIT_PRICE_CENTS)} per unit` });
      return z.NEVER;
    }
    return cents;
  }),
  leadTimeWeeks: z.coerce
    .number({ error: "Enter the lead time in weeks" })
    .int({ error: "Whole weeks" })
    .min(0, { error: "0 weeks or more" })
    .max(104, { error: "At most 104 weeks" }),
  included: z.string().trim().max(500, { error: "Keep it under 500 characters" }),
});

/** A revision as sales types it: the terms, and a priced row for each requested line. */
export function parseRevisionForm(form: URLSearchParams, requestLineIds: number[], today: string) {
  const latest = new Date(Date.parse(`${today}T00:00:00Z`) + 366 * 86_400_000).toISOString().slice(0, 10);
  const schema = z
    .object({
      incoterm: z.enum(INCOTERMS, { error: "Choose an Incoterm" }),
      validUntil: z
        .string()
        .regex(isoDate, { error: "Enter a date" })
        .refine((date) => !Number.isNaN(Date.parse(date)), { error: "Enter a real date" })
        .refine((date) => date >= today, { error: "The quote must be valid today or later" })
        .refine((date) => date <= latest, { error: "At most a year ahead" }),
      paymentTerms: z.enum(PAYMENT_TERMS, { error: "Choose the payment terms" }),
      notes: z.string().trim().max(5000, { error: "Keep the notes under 5,000 characters" }),
      lines: z.array(line).min(1),
    })
    .superRefine((revision, context) => {
      // Each line is at most 1,000,000 × $10,000,000.00, an exact number of cents; their sum is held
      // to what one order may total, and to what a card can pay when only card is offered.
      const totals = revision.lines.map((line) => line.quantity * line.unitPriceCents);
      const total = totals.reduce((sum, cents) => sum + cents, 0);
      if (total > MAX_ORDER_TOTAL_CENTS) {
        const largest = totals.indexOf(Math.max(...totals));
        context.addIssue({ code: "custom", path: ["lines", largest, "unitPriceCents"], message: `${ORDER_TOTAL_LIMIT_TEXT}; this quote comes to ${formatMoney(total)}` });
      } else if (revision.paymentTerms === "card" && total > MAX_CARD_PAYMENT_CENTS) {
        context.addIssue({ code: "custom", path: ["paymentTerms"], message: `${CARD_LIMIT}: offer invoice for a total of ${formatMoney(total)}` });
      }
    });
  const text = (name: string) => String(form.get(name) ?? "");
  const parsed = schema.safeParse({
    incoterm: text("incoterm"),
    validUntil: text("validUntil"),
    paymentTerms: text("paymentTerms"),
    notes: text("notes"),
    lines: requestLineIds.map((id) => ({
      requestLineId: id,
      quantity: text(lineField(id, "qty")),
      unitPriceCents: text(lineField(id, "price")),
      leadTimeWeeks: text(lineField(id, "weeks")),
      included: text(lineField(id, "included")),
    })),
  });
  if (parsed.success) return { ok: true as const, revision: parsed.data };
  // Errors keyed by the form's own field names, so each shows beside its input.
  const errors: Record<string, string> = {};
  const names = { quantity: "qty", unitPriceCents: "price", leadTimeWeeks: "weeks", included: "included" } as const;
  for (const issue of parsed.error.issues) {
    const [first, index, field] = issue.path;
    const key =
      first === "lines" && typeof index === "number" && field in names
        ? lineField(requestLineIds[index], names[field as keyof typeof names])
        : String(first);
    errors[key] ??= issue.message;
  }
  return { ok: false as const, errors };
}
