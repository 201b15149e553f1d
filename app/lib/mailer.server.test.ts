import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { afterAll, describe, expect, it } from "vitest";
import { outboxEmails } from "~db/schema";
import { db } from "./db.server";
import { deliverDueEmails } from "./mailer.server";

const received: string[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["AUTH", "STARTTLS"],
  onData(stream, session, callback) {
    stream.on("data", () => undefined);
    stream.on("end", () => {
      received.push(session.envelope.rcptTo.map((r) => r.address).join(","));
      callback();
    });
  },
});
const port = await new Promise<number>((resolve) => {
  smtp.listen(0, "127.0.0.1", () => resolve((smtp.server.address() as { port: number }).port));
});
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

const queue = (to: string) =>
  db.insert(outboxEmails).values({ to, subject: "Test", text: "Hello", html: "<p>Hello</p>" }).returning().get();

describe("the outbox", () => {
  it("keeps a message when the mail server is down, with the error, and sends it on a later attempt", async () => {
    const message = queue("down@example.test");
    const down = nodemailer.createTransport({ host: "127.0.0.1", port: 1, connectionTimeout: 1000 });
    expect(await deliverDueEmails(down)).toBe(0);
    let row = db.select().from(outboxEmails).where(eq(outboxEmails.id, message.id)).get()!;
    expect(row.status).toBe("pending");
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(row.nextAttemptAt > new Date().toISOString()).toBe(true);

    // Not due yet: nothing is sent early.
    const up = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
    expect(await deliverDueEmails(up)).toBe(0);

    db.update(outboxEmails)
      .set({ nextAttemptAt: "2000-01-01T00:00:00.000Z" })
      .where(eq(outboxEmails.id, message.id))
      .run();
    expect(await deliverDueEmails(up)).toBe(1);
    row = db.select().from(outboxEmails).where(eq(outboxEmails.id, message.id)).get()!;
    expect(row.status).toBe("sent");
    expect(row.sentAt).not.toBeNull();
    expect(received).toContain("down@example.test");

    // Sent once: a second pass finds nothing.
    expect(await deliverDueEmails(up)).toBe(0);
  });
});
