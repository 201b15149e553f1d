import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  agingBucket,
  balanceCents,
  creditNoteNumber,
  daysBetween,
  dueDate,
  invoiceNumber,
  netTotalCents,
  OVERDUE_STAGES,
  overdueStageDue,
  paymentProblem,
  refundableCents,
  refundProblem,
  type OverdueStage,
} from "./invoice-rules";

const day = fc
  .date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2035-12-31T00:00:00Z"), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

describe("invoice numbers and dates", () => {
  it("numbers by year and a six-digit sequence", () => {
    expect(invoiceNumber(2026, 123)).toBe("INV-2026-000123");
    expect(invoiceNumber(2027, 1)).toBe("INV-2027-000001");
  });

  it("is due the terms' days after it is issued, across months and leap days", () => {
    expect(dueDate("2026-12-03", 30)).toBe("2027-01-02");
    expect(dueDate("2028-02-15", 15)).toBe("2028-03-01");
    expect(dueDate("2026-01-31", 60)).toBe("2026-04-01");
    fc.assert(
      fc.property(day, fc.integer({ min: -400, max: 400 }), (from, n) => daysBetween(from, addDays(from, n)) === n),
    );
  });

  it("ages an unpaid invoice by days past due", () => {
    expect(agingBucket("2026-12-03", "2026-12-03")).toBe("current");
    expect(agingBucket("2026-12-03", "2026-12-04")).toBe("1-30");
    expect(agingBucket("2026-12-03", "2027-01-02")).toBe("1-30");
    expect(agingBucket("2026-12-03", "2027-01-03")).toBe("31-60");
    expect(agingBucket("2026-12-03", "2027-02-01")).toBe("31-60");
    expect(agingBucket("2026-12-03", "2027-02-02")).toBe("60+");
  });
});

describe("payments against a balance", () => {
  it("takes whole cents above zero up to the balance, and nothing once paid", () => {
    expect(paymentProblem(500_00, 1_000_00)).toBeUndefined();
    expect(paymentProblem(1_000_00, 1_000_00)).toBeUndefined();
    expect(paymentProblem(1_000_01, 1_000_00)).toMatch(/more than the balance/);
    expect(paymentProblem(0, 1_000_00)).toMatch(/above zero/);
    expect(paymentProblem(1.5, 1_000_00)).toMatch(/above zero/);
    expect(paymentProblem(1, 0)).toMatch(/paid in full/);
  });

  it("never lets accepted payments take the balance below zero, and they add up to the total when it reaches zero", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000_000_000 }),
        fc.array(fc.integer({ min: -10, max: 50_000_000_000 }), { maxLength: 30 }),
        (total, attempts) => {
          let paid = 0;
          for (const amount of attempts) {
            if (paymentProblem(amount, balanceCents(total, paid)) === undefined) paid += amount;
            expect(balanceCents(total, paid)).toBeGreaterThanOrEqual(0);
            expect(paid).toBeLessThanOrEqual(total);
          }
          if (balanceCents(total, paid) === 0) expect(paid).toBe(total);
        },
      ),
    );
  });
});

describe("overdue reminders", () => {
  it("sends the due-day, 7-day and 30-day reminders once each, in order", () => {
    const due = "2026-12-03";
    expect(overdueStageDue(due, "2026-12-02", [])).toBeUndefined();
    expect(overdueStageDue(due, "2026-12-03", [])).toBe("due");
    expect(overdueStageDue(due, "2026-12-05", ["due"])).toBeUndefined();
    expect(overdueStageDue(due, "2026-12-10", ["due"])).toBe("overdue_7");
    expect(overdueStageDue(due, "2027-01-02", ["due", "overdue_7"])).toBe("overdue_30");
    expect(overdueStageDue(due, "2027-06-01", ["due", "overdue_7", "overdue_30"])).toBeUndefined();
  });

  it("catches up with one reminder, the latest stage, after days without the job", () => {
    expect(overdueStageDue("2026-12-03", "2027-01-20", [])).toBe("overdue_30");
    expect(overdueStageDue("2026-12-03", "2027-01-20", ["overdue_30"])).toBeUndefined();
  });

  it("over any run of days, sends at most one reminder per stage and never an earlier stage after a later one", () => {
    fc.assert(
      fc.property(day, fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 20 }), (due, steps) => {
        const sent: OverdueStage[] = [];
        let today = addDays(due, -3);
        for (const step of steps) {
          today = addDays(today, step);
          const stage = overdueStageDue(due, today, sent);
          if (stage) {
            expect(sent).not.toContain(stage);
            if (sent.length)
              expect(OVERDUE_STAGES.indexOf(stage)).toBeGreaterThan(OVERDUE_STAGES.indexOf(sent.at(-1)!));
            sent.push(stage);
          }
        }
      }),
    );
  });
});

describe("credit notes and refunds", () => {
  const cents = fc.integer({ min: 1, max: 5_000_000_00 });
  /** An invoice's lines: items, charges and tax as positive amounts, discounts as negative ones. */
  const lines = fc.array(
    fc.record({
      quantity: fc.integer({ min: 1, max: 1000 }),
      unitPriceCents: fc.integer({ min: -50_000, max: 500_000 }),
    }),
    { minLength: 1, maxLength: 12 },
  );

  it("numbers credit notes by year and a six-digit sequence", () => {
    expect(creditNoteNumber(2026, 1)).toBe("CN-2026-000001");
    expect(creditNoteNumber(2027, 123456)).toBe("CN-2027-123456");
  });

  it("refuses a refund of nothing, of part of a cent, or of more than is left, with a message", () => {
    expect(refundProblem(100, 0)).toMatch(/refunded in full/);
    expect(refundProblem(0, 500)).toBe("Enter an amount above zero");
    expect(refundProblem(1.5, 500)).toBe("Enter an amount above zero");
    expect(refundProblem(501, 500)).toMatch(/more than was paid/);
    expect(refundProblem(500, 500)).toBeUndefined();
  });

  it("never credits more than was paid, whatever refunds are asked for and in what order", () => {
    fc.assert(
      fc.property(cents, fc.array(fc.integer({ min: -10, max: 6_000_000_00 }), { maxLength: 20 }), (paid, asks) => {
        let refunded = 0;
        for (const amount of asks) {
          const left = refundableCents(paid, refunded);
          if (refundProblem(amount, left) === undefined) {
            expect(amount).toBeGreaterThan(0);
            refunded += amount;
          }
          expect(refunded).toBeLessThanOrEqual(paid);
        }
        expect(refundableCents(paid, refunded)).toBe(paid - refunded);
        // Asking for exactly what is left always succeeds, and then nothing is left.
        const rest = refundableCents(paid, refunded);
        if (rest > 0) expect(refundProblem(rest, rest)).toBeUndefined();
        expect(refundProblem(1, refundableCents(paid, paid))).toBeDefined();
      }),
    );
  });

  it("totals an invoice as its lines less its credit notes, exactly, in cents", () => {
    fc.assert(
      fc.property(lines, fc.array(cents, { maxLength: 6 }), (invoiceLines, credits) => {
        const total = invoiceLines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
        fc.pre(total > 0);
        // Credit notes are cut from what was paid: only those that fit are issued.
        let credited = 0;
        for (const amount of credits)
          if (refundProblem(amount, refundableCents(total, credited)) === undefined) credited += amount;
        const net = netTotalCents(total, credited);
        expect(Number.isSafeInteger(net)).toBe(true);
        expect(net + credited).toBe(total);
        expect(net).toBeGreaterThanOrEqual(0);
        // A card receipt paid in full: each credit note went back to the card, so nothing is owed.
        expect(balanceCents(total, total - credited, credited)).toBe(0);
        // An invoice partly paid: what is owed is the net total less the money kept.
        const paid = Math.floor(total / 3);
        expect(balanceCents(total, paid, 0)).toBe(total - paid);
        expect(balanceCents(net, paid, 0)).toBe(Math.max(0, net - paid));
      }),
    );
  });
});
