import { eq } from "drizzle-orm";
import { contactMessages, outboxEmails } from "~db/schema";
import { db, writeTransaction } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { takeRateLimit } from "~/lib/rate-limit.server";
import { hashToken } from "~/lib/tokens.server";
import { contactMessageEmail } from "./contact-emails.server";
import type { ContactFields } from "./contact-schema";

export type ContactMessage = Omit<ContactFields, "website" | "formStartedAt" | "submissionKey">;

const RATE_LIMIT_ACTION = "contact-message";
const messageLimit = () => ({ limit: env.CONTACT_MESSAGES_PER_HOUR, windowSeconds: 3600 });

/**
 * One transaction: the message stored and its e-mail to sales in the outbox. The same form sent
 * twice (a double click, a reload of the answer) is one message; an address over its hourly
 * limit is refused.
 */
export function sendContactMessage(
  { submissionKey, ...message }: ContactMessage & { submissionKey: string },
  clientIp = "unknown",
) {
  return writeTransaction(() => {
    const key = hashToken(submissionKey);
    const existing = db
      .select({ id: contactMessages.id })
      .from(contactMessages)
      .where(eq(contactMessages.submissionKey, key))
      .get();
    if (existing) return { ok: true as const, repeated: true };
    if (!takeRateLimit(RATE_LIMIT_ACTION, clientIp, messageLimit()))
      return { ok: false as const, reason: "rate-limited" as const };
    db.insert(contactMessages)
      .values({ ...message, submissionKey: key })
      .run();
    db.insert(outboxEmails).values(contactMessageEmail(message)).run();
    return { ok: true as const, repeated: false };
  });
}
