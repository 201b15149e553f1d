import { z } from "zod";
import { isPlainText, PLAIN_TEXT_MESSAGE } from "~/lib/plain-text";

const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Keep ${label} under ${max.toLocaleString("en-US")} characters` })
    .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE });

/** The contact form; the spam defences are the request form's (a signed start, a honeypot, a limit per address). */
export const ContactForm = z.object({
  name: text("your name", 200).min(1, { error: "Enter your name" }),
  company: text("the company name", 200).min(1, { error: "Enter your company name" }),
  email: z
    .string()
    .trim()
    .max(254, { error: "Enter a shorter e-mail address" })
    .pipe(z.email({ error: "Enter an e-mail address like name@company.com" })),
  phone: text("the phone number", 50).default(""),
  subject: text("the subject", 200).min(1, { error: "Enter a subject" }),
  message: text("the message", 5000).min(10, { error: "Write your message (at least 10 characters)" }),
  submissionKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/, { error: "The form expired: please send it again" }),
  /** When the form was shown, signed by the server (checked by `checkFormStart`). */
  formStartedAt: z.string().default(""),
  // A field people never see: anything in it means a bot filled the form.
  website: z.string().max(0, { error: "Leave this field empty" }).default(""),
});

export type ContactFields = z.infer<typeof ContactForm>;
