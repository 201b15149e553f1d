import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contactMessages, outboxEmails, rateLimitEvents } from "~db/schema";
import { db } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { createToken } from "~/lib/tokens.server";
import { sendContactMessage } from "./contact.server";

const message = {
  name: "Priya Raman",
  company: "Gulf <Coast> Fabricators",
  email: "priya@gcf.example",
  phone: "+1 409 555 0100",
  subject: "Seal kits",
  message: "Do you stock the PTFE seal kit?\nWe need 40.",
};
const rows = (table: typeof contactMessages | typeof outboxEmails) => db.select({ n: count() }).from(table).get()!.n;

describe("sendContactMessage", () => {
  it("stores the message and e-mails sales in one go, once per form", () => {
    const before = { messages: rows(contactMessages), emails: rows(outboxEmails) };
    const submissionKey = createToken();
    expect(sendContactMessage({ ...message, submissionKey }, "203.0.113.7")).toEqual({ ok: true, repeated: false });
    expect(sendContactMessage({ ...message, submissionKey }, "203.0.113.7")).toEqual({ ok: true, repeated: true });
    expect(rows(contactMessages)).toBe(before.messages + 1);
    expect(rows(outboxEmails)).toBe(before.emails + 1);

    const mail = db.select().from(outboxEmails).all().at(-1)!;
    expect(mail.to).toBe(env.SALES_EMAIL);
    expect(mail.subject).toBe("Contact form: Seal kits");
    expect(mail.text).toContain("Priya Raman, Gulf <Coast> Fabricators <priya@gcf.example>, +1 409 555 0100");
    expect(mail.text).toContain("We need 40.");
    expect(mail.html).not.toContain("<Coast>");
    // Only the hash of the form's key is kept.
    const stored = db.select().from(contactMessages).all().at(-1)!;
    expect(stored.submissionKey).not.toBe(submissionKey);
  });

  it("refuses an address past its hourly limit, writing nothing", () => {
    const ip = "198.51.100.9";
    for (let i = 0; i < env.CONTACT_MESSAGES_PER_HOUR; i++)
      expect(sendContactMessage({ ...message, submissionKey: createToken() }, ip).ok).toBe(true);
    const before = { messages: rows(contactMessages), emails: rows(outboxEmails) };
    expect(sendContactMessage({ ...message, submissionKey: createToken() }, ip)).toEqual({
      ok: false,
      reason: "rate-limited",
    });
    expect(rows(contactMessages)).toBe(before.messages);
    expect(rows(outboxEmails)).toBe(before.emails);
    expect(db.select({ n: count() }).from(rateLimitEvents).where(eq(rateLimitEvents.clientKey, ip)).get()!.n).toBe(
      env.CONTACT_MESSAGES_PER_HOUR,
    );
  });
});
