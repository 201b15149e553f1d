import { z } from "zod";
import { INCOTERMS } from "./quote-request-fields";
import { isPlainText, PLAIN_TEXT_MESSAGE } from "~/lib/plain-text";

const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Keep ${label} under ${max} characters` })
    .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE });

/** A real calendar day: 2027-02-31 passes Date.parse (it rolls over to March) but is no date. */
const isCalendarDate = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  !Number.isNaN(Date.parse(value)) &&
  new Date(value).toISOString().slice(0, 10) === value;

/** The quote request form; the same schema checks the browser's submission on the server. */
export const QuoteRequestForm = z.object({
  company: text("the company name", 200).min(1, { error: "Enter your company name" }),
  contactName: text("your name", 200).min(1, { error: "Enter your name" }),
  email: z
    .string()
    .trim()
    .max(254, { error: "Enter a shorter e-mail address" })
    .pipe(z.email({ error: "Enter an e-mail address like name@company.com" })),
  phone: text("the phone number", 50).default(""),
  country: text("the country", 100).min(2, { error: "Enter the country of delivery" }),
  deliveryLocation: text("the delivery location", 300).default(""),
  incoterm: z.enum(INCOTERMS, { error: "Choose an Incoterm from the list" }).or(z.literal("")).default(""),
  neededBy: z
    .string()
    .trim()
    .default("")
    .refine((value) => value === "" || isCalendarDate(value), {
      error: "Enter a date like 2027-03-31",
    })
    .refine((value) => value === "" || value >= new Date().toISOString().slice(0, 10), {
      error: "The date must not be in the past",
    }),
  message: text("the message", 5000).default(""),
  submissionKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/, { error: "The form expired: please send it again" }),
  /** When the form was shown, signed by the server (checked by `checkFormStart`, which needs the secret). */
  formStartedAt: z.string().default(""),
  // A field people never see: anything in it means a bot filled the form.
  website: z.string().max(0, { error: "Leave this field empty" }).default(""),
});

export type QuoteRequestFields = z.infer<typeof QuoteRequestForm>;

/** Field order for the error summary, with the label each error links to. */
