import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outboxEmails, quoteMessages, quoteReminders } from "~db/schema";
import { db } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { makeQuoteRequest, makeRevision, makeSalesUser, uniqueEmail } from "../../tests/support/factories";
import { assignRequestOwner } from "./quote-owner.server";
import { postBuyerMessage } from "./quote-request.server";
import { oneBusinessDayAfter, sendDueQuoteReminders } from "./quote-reminders.server";
import { todayUtc } from "./quote-revision.server";
import { postSalesMessage } from "./quote-messages.server";

const HOUR = 3_600_000;
let ip = 0;
const newRequest = () => {
  const email = uniqueEmail("buyer");
  const made = makeQuoteRequest({ buyer: { email }, clientIp: `10.77.0.${++ip}` });
  return { ...made, email };
};
const remindersOf = (kind: "quote_expiring" | "request_unanswered" | "message_unanswered", subjectId: number) =>
  db
    .select()
    .from(quoteReminders)
    .where(and(eq(quoteReminders.kind, kind), eq(quoteReminders.subjectId, subjectId)))
    .all();
const mailAbout = (to: string, reference: string) =>
  db
    .select()
    .from(outboxEmails)
    .where(eq(outboxEmails.to, to))
    .all()
    .filter((mail) => mail.subject.includes(reference) && /valid until|Waiting for an answer/.test(mail.subject));
const daysFromToday = (days: number) => todayUtc(new Date(Date.now() + days * 24 * HOUR));

describe("one business day", () => {
  it("is the same time on the next weekday", () => {
    expect(oneBusinessDayAfter(new Date("2026-12-01T15:00:00Z")).toISOString()).toBe("2026-12-02T15:00:00.000Z"); // Tue → Wed
    expect(oneBusinessDayAfter(new Date("2026-12-04T15:00:00Z")).toISOString()).toBe("2026-12-07T15:00:00.000Z"); // Fri → Mon
    expect(oneBusinessDayAfter(new Date("2026-12-05T10:00:00Z")).toISOString()).toBe("2026-12-07T10:00:00.000Z"); // Sat → Mon
  });
});

describe("quote reminders", () => {
  it("tell sales once when a request has waited a business day without an answer, and not when it was answered", async () => {
    const waiting = newRequest();
    const answered = newRequest();
    const sales = await makeSalesUser();
    postSalesMessage(answered.request.id, "We are on it.", sales);
    // The request's owner is the one reminded.
    const owner = await makeSalesUser("Olive Owner");
    expect(assignRequestOwner(waiting.request.id, owner.id, sales)).toMatchObject({ ok: true });
    const created = new Date(waiting.request.createdAt);
    const due = oneBusinessDayAfter(created);

    sendDueQuoteReminders(new Date(due.getTime() - 60_000));
    expect(remindersOf("request_unanswered", waiting.request.id)).toHaveLength(0);

    sendDueQuoteReminders(new Date(due.getTime() + 60_000));
    sendDueQuoteReminders(new Date(due.getTime() + 120_000));
    expect(remindersOf("request_unanswered", waiting.request.id)).toHaveLength(1);
    expect(mailAbout(env.SALES_EMAIL, waiting.reference)).toHaveLength(0);
    const [mail] = mailAbout(owner.email, waiting.reference);
    expect(mail.subject).toBe(`Waiting for an answer: ${waiting.reference} from ${waiting.request.company}`);
    expect(mail.text).toContain(`/admin/quotes/${waiting.request.id}`);
    expect(remindersOf("request_unanswered", answered.request.id)).toHaveLength(0);
  });

  it("tell sales once when the buyer's latest message has waited 4 hours, not when sales replied", async () => {
    const sales = await makeSalesUser();
    const waiting = newRequest();
    const replied = newRequest();
    for (const made of [waiting, replied]) postSalesMessage(made.request.id, "Hello.", sales);
    postBuyerMessage(waiting.token, "Can you ship by Friday?");
    postBuyerMessage(replied.token, "And the manual?");
    postSalesMessage(replied.request.id, "Attached.", sales);
    const message = db
      .select()
      .from(quoteMessages)
      .where(and(eq(quoteMessages.requestId, waiting.request.id), eq(quoteMessages.author, "buyer")))
      .get()!;
    const sent = Date.parse(message.createdAt);

    sendDueQuoteReminders(new Date(sent + 3.9 * HOUR));
    expect(remindersOf("message_unanswered", message.id)).toHaveLength(0);
    sendDueQuoteReminders(new Date(sent + 4.1 * HOUR));
    sendDueQuoteReminders(new Date(sent + 5 * HOUR));
    expect(remindersOf("message_unanswered", message.id)).toHaveLength(1);
    expect(mailAbout(env.SALES_EMAIL, waiting.reference)).toHaveLength(1);
    expect(mailAbout(env.SALES_EMAIL, replied.reference)).toHaveLength(0);
  });

  it("tell the buyer once when their current quote has 3 days or fewer left, not for a superseded or a distant one", async () => {
    const sales = await makeSalesUser();
    const near = newRequest();
    const far = newRequest();
    const superseded = newRequest();
    const v1 = makeRevision(near.request, sales, { unitPriceCents: 100_00, validUntil: daysFromToday(2) });
    makeRevision(far.request, sales, { unitPriceCents: 100_00, validUntil: daysFromToday(10) });
    const old = makeRevision(superseded.request, sales, { unitPriceCents: 100_00, validUntil: daysFromToday(2) });
    makeRevision(superseded.request, sales, { unitPriceCents: 90_00, validUntil: daysFromToday(30) });

    // Not within a day of sending it: the buyer has only just read it.
    sendDueQuoteReminders(new Date());
    expect(remindersOf("quote_expiring", v1.id)).toHaveLength(0);

    const tomorrow = new Date(Date.now() + 25 * HOUR);
    sendDueQuoteReminders(tomorrow);
    sendDueQuoteReminders(tomorrow);
    expect(remindersOf("quote_expiring", v1.id)).toHaveLength(1);
    const [mail] = mailAbout(near.email, near.reference);
    expect(mail.subject).toBe(`Your quote ${near.reference} v1 is valid until ${daysFromToday(2)}`);
    expect(mail.text).toContain(`/quotes/${near.token}`);
    expect(mailAbout(far.email, far.reference)).toHaveLength(0);
    expect(remindersOf("quote_expiring", old.id)).toHaveLength(0);
    expect(mailAbout(superseded.email, superseded.reference)).toHaveLength(0);
  });
});
