import { z } from "zod";
import { parseDollars } from "./money";
import { INCOTERMS } from "./quote-request-fields";
import { lineField, PAYMENT_TERMS } from "./quote-terms";

const isoDate = /^\d{4}-\d{2}-\d{2}$/;


const line = z.object({
  requestLineId: z.number().int().positive(),
  quantity: z.coerce
    .number({ error: "Enter a quantity" })
    .int({ error: "Enter a whole number" })
    .min(1, { error: "At least 1" })
    .max(1_000_000, { error: "At most 1,000,000" }),
  unitPriceCents: z.string().transform((text, ctx) => {
    const cents = parseDollars(text);
    if (cents === undefined || cents === 0) {
      ctx.addIssue({ code: "custom", message: "Enter a unit price in US dollars, e.g. 1,250.50" });
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
  const schema = z.object({
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
