import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).default("development"),
  DATABASE_PATH: z.string().min(1).default("data/ironaxis.db"),
  /** Public origin of the site, for canonical URLs and links in e-mail. */
  SITE_URL: z.url().default("http://localhost:3000"),
  /** Where new quote requests are announced. */
  SALES_EMAIL: z.email().default("sales@ironaxis.test"),
  /** smtp://user:pass@host:port; without it e-mail waits in the outbox. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, { error: "must start with smtp:// or smtps://" }).optional(),
  MAIL_FROM: z.string().min(3).default("IronAxis <sales@ironaxis.test>"),
  /** Quote requests one client address may send per hour. */
  QUOTE_REQUESTS_PER_HOUR: z.coerce.number().int().min(1).default(10),
  /** A request form filled faster than this is taken for a bot. */
  QUOTE_MIN_FILL_SECONDS: z.coerce.number().min(0).default(3),
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
