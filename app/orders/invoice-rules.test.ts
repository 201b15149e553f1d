import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  agingBucket,
  balanceCents,
  daysBetween,
  dueDate,
  invoiceNumber,
  OVERDUE_STAGES,
  overdueStageDue,
  paymentProblem,
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
