import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { quoteEvents, quoteRequests, quoteRevisions, type QuoteStatus } from "~db/schema";
import { db } from "~/lib/db.server";
import { acceptQuoteWithOrder } from "~/quotes/quote-order.server";
import { withdrawQuoteRequest } from "~/quotes/quote-request.server";
import { declineRequest, expireDueQuotes, requestChanges } from "~/quotes/quote-revision.server";
import { postSalesMessage } from "~/quotes/quote-messages.server";
import type { SessionUser } from "./user.server";
import { salesDashboard } from "./dashboard.server";
import type { PersonTrends } from "./sales-trends.server";
import { acceptAddresses, makeQuoteRequest, makeRevision, makeSalesUser } from "../../tests/support/factories";

// Wednesday 17 June 2020, noon UTC: the 12 weeks run from Monday 30 March to the current week of
// Monday 15 June. Everything the factories write at today's clock falls after every cut-off, so
// only the times set below count.
const NOW = new Date("2020-06-17T12:00:00.000Z");
const byInvoice = { method: "invoice", poNumber: "PO-1", addresses: acceptAddresses() } as const;

let buyers = 0;
/**
 * A buyer's request (one unit, so a revision's total is its unit price) created at `createdAt`,
 * owned by `owner` (unassigned without).
 */
function requestAt(createdAt: string, owner?: SessionUser) {
  // Each from its own address, under the requests-per-hour limit.
  const { request, token } = makeQuoteRequest({ quantity: 1, clientIp: `198.51.100.${++buyers}` });
  db.update(quoteRequests)
    .set({ createdAt, ownerId: owner?.id ?? null })
    .where(eq(quoteRequests.id, request.id))
    .run();
  return { ...request, token };
}

/** The latest `status` event of the request happened at `at`. */
function stamp(requestId: number, status: QuoteStatus, at: string) {
  const event = db
    .select({ id: quoteEvents.id })
    .from(quoteEvents)
    .where(and(eq(quoteEvents.requestId, requestId), eq(quoteEvents.status, status)))
    .orderBy(desc(quoteEvents.id))
    .get()!;
  db.update(quoteEvents).set({ createdAt: at }).where(eq(quoteEvents.id, event.id)).run();
}

/** `user` sends a revision worth `dollars` at `at` (the first answer, unless one came earlier). */
function quoteAt(
  request: ReturnType<typeof requestAt>,
  user: SessionUser,
  dollars: number,
  at: string,
  validUntil = "2099-12-31",
) {
  const firstResponse = db.select().from(quoteRequests).where(eq(quoteRequests.id, request.id)).get()!;
  const revision = makeRevision(request, user, { unitPriceCents: dollars * 100, validUntil });
  db.update(quoteRevisions).set({ sentAt: at }).where(eq(quoteRevisions.id, revision.id)).run();
  stamp(request.id, "quoted", at);
  if (!firstResponse.firstRespondedAt)
    db.update(quoteRequests).set({ firstRespondedAt: at }).where(eq(quoteRequests.id, request.id)).run();
  return revision;
}

function accept(request: ReturnType<typeof requestAt>, revisionId: number, at: string) {
  expect(acceptQuoteWithOrder(request.token, revisionId, byInvoice, new Date(at))).toMatchObject({ ok: true });
  stamp(request.id, "accepted", at);
}

let alice: SessionUser;
let bob: SessionUser;
let trends: { everyone: PersonTrends; people: PersonTrends[] };
const person = (user: SessionUser) => trends.people.find((p) => p.id === user.id)!;
const column = <K extends keyof PersonTrends["weeks"][number]>(trend: PersonTrends, key: K) =>
  trend.weeks.map((week) => week[key]);

beforeAll(async () => {
  alice = await makeSalesUser("Alice Trend");
  bob = await makeSalesUser("Bob Trend");

  // R1 (Alice's): week 1 (6 Apr) answered in 60 min by her $1,000 quote; accepted at the very
  // start of week 2, so still open at week 1's end.
  const r1 = requestAt("2020-04-06T09:00:00.000Z", alice);
  const r1v1 = quoteAt(r1, alice, 1000, "2020-04-06T10:00:00.000Z");
  accept(r1, r1v1.id, "2020-04-13T00:00:00.000Z");

  // R2 (Alice's) moves through weeks: her $2,000 in week 1 (30 min), a v2 of $1,500 Bob sends
  // for her in week 2, declined in week 3: all of it Alice's, the owner's.
  const r2 = requestAt("2020-04-08T08:00:00.000Z", alice);
  quoteAt(r2, alice, 2000, "2020-04-08T08:30:00.000Z");
  quoteAt(r2, bob, 1500, "2020-04-14T09:00:00.000Z");
  expect(declineRequest(r2.id, "Budget cut", bob)).toBe(true);
  stamp(r2.id, "declined", "2020-04-22T10:00:00.000Z");

  // R3 (Bob's): week 3, he answers after a day with $4,000 valid to Thursday 30 April; it
  // expires at the start of 1 May (week 4), as the timer records it.
  const r3 = requestAt("2020-04-20T10:00:00.000Z", bob);
  quoteAt(r3, bob, 4000, "2020-04-21T10:00:00.000Z", "2020-04-30");
  expireDueQuotes();
  // Alice quotes it again for $2,500 in week 7: open again, still Bob's.
  quoteAt(r3, alice, 2500, "2020-05-20T09:00:00.000Z");

  // R4 (Alice's): week 5, her $3,000 after a day; the buyer asks for changes and it stays open to now.
  const r4 = requestAt("2020-05-04T09:00:00.000Z", alice);
  quoteAt(r4, alice, 3000, "2020-05-05T09:00:00.000Z");
  expect(requestChanges(r4.id, "Shorter lead time?", new Date("2020-05-06T09:00:00.000Z"))).toMatchObject({ ok: true });
  stamp(r4.id, "changes_requested", "2020-05-06T09:00:00.000Z");

  // R5 (Alice's): week 5, answered by a message after 2 h and never quoted.
  const r5 = requestAt("2020-05-06T12:00:00.000Z", alice);
  expect(postSalesMessage(r5.id, "Which flange rating?", alice)).toBe(true);
  db.update(quoteRequests)
    .set({ firstRespondedAt: "2020-05-06T14:00:00.000Z" })
    .where(eq(quoteRequests.id, r5.id))
    .run();

  // R6 (unassigned): week 6, withdrawn before any quote: no decision on a quote.
  const r6 = requestAt("2020-05-12T09:00:00.000Z");
  expect(withdrawQuoteRequest(r6.token)).toBeTruthy();
  stamp(r6.id, "withdrawn", "2020-05-13T09:00:00.000Z");

  // R8 (Bob's): week 10, his $5,000 after a day, accepted in the current week.
  const r8 = requestAt("2020-06-08T09:00:00.000Z", bob);
  const r8v1 = quoteAt(r8, bob, 5000, "2020-06-09T09:00:00.000Z");
  accept(r8, r8v1.id, "2020-06-16T09:00:00.000Z");

  // R9 (Alice's): week 10, her $700 within the hour, still open now.
  const r9 = requestAt("2020-06-10T09:00:00.000Z", alice);
  quoteAt(r9, alice, 700, "2020-06-10T10:00:00.000Z");

  // R10 (Bob's): week 8, his $900 within the hour, valid to Tuesday; it lapses, Bob sends $800 on
  // Wednesday and the buyer accepts it Thursday: two decisions in a week, counted once, as it ended.
  const r10 = requestAt("2020-05-25T09:00:00.000Z", bob);
  quoteAt(r10, bob, 900, "2020-05-25T10:00:00.000Z", "2020-05-26");
  expireDueQuotes();
  const r10v2 = quoteAt(r10, bob, 800, "2020-05-27T09:00:00.000Z");
  accept(r10, r10v2.id, "2020-05-28T09:00:00.000Z");

  // R11 (Alice's): this week, her $600 within the hour, valid through today: open now, although it will
  // have lapsed by the week's end (the timer's expiry event, dated 18 June, is not counted yet).
  const r11 = requestAt("2020-06-15T09:00:00.000Z", alice);
  quoteAt(r11, alice, 600, "2020-06-15T10:00:00.000Z", "2020-06-17");
  expireDueQuotes();

  // R12 (Bob's, asked before the 12 weeks): his $300 on 1 June, valid to Friday 5 June. No write runs
  // the timer after it, so no expiry is recorded: its validity alone keeps it out of week 9's end.
  const r12 = requestAt("2020-03-02T09:00:00.000Z", bob);
  quoteAt(r12, bob, 300, "2020-06-01T10:00:00.000Z", "2020-06-05");

  trends = salesDashboard(NOW).trends;
});

describe("sales trends over 12 weeks", () => {
  it("runs on Monday-start UTC weeks ending with the current one", () => {
    expect(trends.everyone.weeks).toHaveLength(12);
    expect(trends.everyone.weeks[0].start).toBe("2020-03-30");
    expect(trends.everyone.weeks[11].start).toBe("2020-06-15");
  });

  it("values the open pipeline at each week's end, from the revision current then", () => {
    const $ = (dollars: number) => dollars * 100;
    // W1: R1 + R2 (v1); W2: R2's v2 (R1 accepted); W3: R3 (R2 declined); W4: R3 expired;
    // W5–W6: R4; W7–W9: R4 + R3's v2; W10: those + R8 + R9; now: R8 accepted, R11 quoted.
    expect(column(trends.everyone, "pipelineCents")).toEqual(
      [0, 3000, 1500, 4000, 0, 3000, 3000, 5500, 5500, 5500, 11200, 6800].map($),
    );
    expect(column(person(alice), "pipelineCents")).toEqual(
      [0, 3000, 1500, 0, 0, 3000, 3000, 3000, 3000, 3000, 3700, 4300].map($),
    );
    expect(column(person(bob), "pipelineCents")).toEqual([0, 0, 0, 4000, 0, 0, 0, 2500, 2500, 2500, 7500, 2500].map($));
  });

  it("counts quotes sent per week by the request's owner, whoever sent them", () => {
    expect(column(trends.everyone, "quotesSent")).toEqual([0, 2, 1, 1, 0, 1, 0, 1, 2, 1, 2, 1]);
    expect(column(person(alice), "quotesSent")).toEqual([0, 2, 1, 0, 0, 1, 0, 0, 0, 0, 1, 1]);
    expect(column(person(bob), "quotesSent")).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 2, 1, 1, 0]);
  });

  it("gives the win rate of each week's decisions on quotes, and none for a week without any", () => {
    expect(column(trends.everyone, "decided")).toEqual([0, 0, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1]);
    expect(column(trends.everyone, "winRate")).toEqual([
      undefined,
      undefined,
      1,
      0,
      0,
      undefined,
      undefined,
      undefined,
      1,
      undefined,
      undefined,
      1,
    ]);
    expect(column(person(alice), "winRate").slice(2, 5)).toEqual([1, 0, undefined]);
    expect(column(person(bob), "winRate").slice(2, 5)).toEqual([undefined, undefined, 0]);
    expect(column(person(bob), "winRate")[8]).toBe(1);
    expect(column(person(bob), "winRate")[11]).toBe(1);
    expect(trends.everyone.total).toMatchObject({ accepted: 3, decided: 5, winRate: 0.6 });
    expect(person(alice).total).toMatchObject({ accepted: 1, decided: 2, winRate: 0.5 });
    expect(person(bob).total).toMatchObject({ accepted: 2, decided: 3, winRate: 2 / 3 });
  });

  it("takes the median first response of the week's requests, by the request's owner", () => {
    const none = undefined;
    expect(column(trends.everyone, "medianResponseMinutes")).toEqual([
      none,
      45,
      none,
      1440,
      none,
      780,
      none,
      none,
      60,
      none,
      750,
      60,
    ]);
    expect(column(person(alice), "medianResponseMinutes")).toEqual([
      none,
      45,
      none,
      none,
      none,
      780,
      none,
      none,
      none,
      none,
      60,
      60,
    ]);
    expect(column(person(bob), "medianResponseMinutes")[3]).toBe(1440);
    expect(column(person(bob), "medianResponseMinutes")[10]).toBe(1440);
    expect(column(person(bob), "medianResponseMinutes")[8]).toBe(60);
    // Everyone: 30, 60 ×4, 120, 1440 ×3; Alice: 30, 60 ×3, 120, 1440; Bob: 60, 1440 ×2.
    expect(trends.everyone.total).toMatchObject({ responded: 9, medianResponseMinutes: 60 });
    expect(person(alice).total).toMatchObject({ responded: 6, medianResponseMinutes: 60 });
    expect(person(bob).total).toMatchObject({ responded: 3, medianResponseMinutes: 1440 });
  });

  it("splits by owner so that the owners add up to everyone where every request has one", () => {
    expect(trends.everyone.total).toMatchObject({ quotesSent: 12, pipelineCents: 6800_00 });
    expect(person(alice).total).toMatchObject({ quotesSent: 6, pipelineCents: 4300_00 });
    expect(person(bob).total).toMatchObject({ quotesSent: 6, pipelineCents: 2500_00 });
    expect(trends.everyone.name).toBe("Everyone");
    expect(person(alice).name).toBe("Alice Trend");
    // A week without data is zeros and blanks, never NaN.
    const empty = trends.everyone.weeks[0];
    expect(empty).toEqual({
      start: "2020-03-30",
      pipelineCents: 0,
      quotesSent: 0,
      accepted: 0,
      decided: 0,
      winRate: undefined,
      responded: 0,
      medianResponseMinutes: undefined,
    });
  });
});
