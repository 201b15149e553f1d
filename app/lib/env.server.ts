import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).default("development"),
  DATABASE_PATH: z.string().min(1).default("data/ironaxis.db"),
  /** Public origin of the site, for canonical URLs and links in e-mail. */
  SITE_URL: z.url().default("http://localhost:3000"),
  /** Where new quote requests are announced. */
  SALES_EMAIL: z.email().default("sales@ironaxis.test"),
  /** smtp://user:pass@host:port; without it e-mail waits in the outbox. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, { error: "must start with smtp:// or smtps://" })
    .optional(),
  MAIL_FROM: z.string().min(3).default("IronAxis <sales@ironaxis.test>"),
  /** Quote requests one client address may send per hour. */
  QUOTE_REQUESTS_PER_HOUR: z.coerce.number().int().min(1).default(10),
  /** Sign-in codes one client address may ask for per hour (over all e-mail addresses). */
  SIGN_IN_CODES_PER_HOUR: z.coerce.number().int().min(1).default(30),
  /** Contact form messages one client address may send per hour. */
  CONTACT_MESSAGES_PER_HOUR: z.coerce.number().int().min(1).default(10),
  /** A request or contact form filled faster than this is taken for a bot. */
  QUOTE_MIN_FILL_SECONDS: z.coerce.number().min(0).default(3),
  /** Stripe secret key; without it card payment shows as unavailable and invoice/PO still works. */
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_/, { error: "must start with sk_ or rk_" })
    .optional(),
  /** Signing secret of the /webhooks/stripe endpoint (whsec_…). */
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_/, { error: "must start with whsec_" })
    .optional(),
  /** Where stripe-node sends API calls: only set to point it at a local emulator. */
  STRIPE_API_HOST: z.string().min(1).optional(),
  STRIPE_API_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  STRIPE_API_PROTOCOL: z.enum(["http", "https"]).optional(),
  /**
   * Seals the buyers' private links kept for later e-mails. Without it, a random secret is made
   * once beside the database (`link-secret.key`); set it when several machines share a database.
   */
  LINK_SECRET: z.string().min(32, { error: "must be at least 32 characters" }).optional(),
  /** How to pay an invoice by bank, printed on every invoice: "Bank · ABA routing · account", lines split by "; ". */
  INVOICE_BANK_DETAILS: z
    .string()
    .min(10)
    .default(
      "Wire or ACH to IronAxis, Inc.; Gulf Coast Commerce Bank, Houston, TX; ABA routing 113000023; Account 4810 2200 7731",
    ),
  /** Failed back-office sign-ins allowed in 15 minutes per account from one address, per address and per known browser (ADR 14). */
  LOGIN_ATTEMPTS_PER_15_MIN: z.coerce.number().int().min(1).default(10),
  /** Memory per worker for the search's word bitmaps (ADR 39); 0 keeps none and reads nothing ahead. */
  SEARCH_BITMAPS_MB: z.coerce.number().min(0).default(16),
});

export type Env = z.infer<typeof EnvSchema>;

function readEnv(): Env {
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${problems.join("\n")}`);
  }
  return parsed.data;
}

export const env = readEnv();

/**
 * Whether the site's cookies are `Secure`: one rule for all of them, from SITE_URL's scheme. A
 * site served over plain http (an intranet, a trial on a laptop) would otherwise set cookies
 * that browsers never send back.
 */
export const secureCookies = new URL(env.SITE_URL).protocol === "https:";
