import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outboxEmails } from "~db/schema";
import { db, writeTransaction } from "./db.server";
import { deliverDueEmails } from "./mailer.server";
import { countOutbox, listOutbox, resendEmail } from "./outbox.server";

function failedEmail() {
  return db
    .insert(outboxEmails)
    .values({
      to: "buyer@example.com",
      subject: "Your quote",
      text: "t",
      html: "<p>t</p>",
      status: "failed",
      attempts: 8,
      lastError: "connection refused",
      nextAttemptAt: "2099-01-01T00:00:00.000Z",
    })
    .returning()
    .get();
}

describe("outbox", () => {
  it("lists by status and re-sends a failed message once more", async () => {
    const email = failedEmail();
    expect(listOutbox({ status: "failed", page: 1 }).emails.map((e) => e.id)).toContain(email.id);
    expect(countOutbox().failed).toBeGreaterThanOrEqual(1);

    expect(writeTransaction(() => resendEmail(email.id))).toBe(true);
    const queued = db.select().from(outboxEmails).where(eq(outboxEmails.id, email.id)).get()!;
    expect(queued.status).toBe("pending");
    expect(Date.parse(queued.nextAttemptAt)).toBeLessThanOrEqual(Date.now() + 1000);
    expect(queued.lastError).toBe("connection refused");

    const sent: string[] = [];
    await deliverDueEmails({ sendMail: async (message: { to: string }) => void sent.push(message.to) } as never);
    expect(sent).toContain("buyer@example.com");
    expect(db.select().from(outboxEmails).where(eq(outboxEmails.id, email.id)).get()!.status).toBe("sent");
  });

  it("re-sends only failed messages", () => {
    const email = failedEmail();
    writeTransaction(() => resendEmail(email.id));
    expect(writeTransaction(() => resendEmail(email.id))).toBe(false);
  });

  it("a re-sent message that fails again is failed again, not retried for hours", async () => {
    const email = failedEmail();
    writeTransaction(() => resendEmail(email.id));
    await deliverDueEmails({
      sendMail: async () => {
        throw new Error("still down");
      },
    } as never);
    const after = db.select().from(outboxEmails).where(eq(outboxEmails.id, email.id)).get()!;
    expect(after).toMatchObject({ status: "failed", attempts: 9, lastError: "still down" });
  });
});
