import { and, eq, gte, inArray, isNotNull, sql } from "drizzle-orm";
import { quoteRequests, quoteRevisions } from "~db/schema";
import { db } from "~/lib/db.server";
import { orderQueueCounts } from "~/orders/order-list.server";
import { NEEDS_ANSWER_STATUSES } from "~/quotes/quote-lifecycle";
import { derivedStatusSql } from "~/quotes/quote-revision.server";
import { median, salesTrends, TREND_WEEKS, weekStart } from "./sales-trends.server";

const DAY = 86_400_000;

/**
 * The sales dashboard: requests per week (12 weeks), median minutes to first answer and the share
 * of quoted requests that were accepted (both over 90 days), what waits on sales, by age, the
 * orders to ship and the overdue invoices, and the 12-week trends for everyone and by person
 * (`salesTrends`).
 */
export function salesDashboard(now = new Date()) {
  const firstWeek = new Date(weekStart(now).getTime() - (TREND_WEEKS - 1) * 7 * DAY);
  const since90 = new Date(now.getTime() - 90 * DAY).toISOString();

  const created = db
    .select({ createdAt: quoteRequests.createdAt })
    .from(quoteRequests)
    .where(gte(quoteRequests.createdAt, firstWeek.toISOString()))
    .all();
  const weeks = Array.from({ length: TREND_WEEKS }, (_, i) => ({
    start: new Date(firstWeek.getTime() + i * 7 * DAY).toISOString().slice(0, 10),
    count: 0,
  }));
  for (const { createdAt } of created)
    weeks[Math.floor((Date.parse(createdAt) - firstWeek.getTime()) / (7 * DAY))].count++;

  const responded = db
    .select({ createdAt: quoteRequests.createdAt, firstRespondedAt: quoteRequests.firstRespondedAt })
    .from(quoteRequests)
    .where(and(gte(quoteRequests.createdAt, since90), isNotNull(quoteRequests.firstRespondedAt)))
    .all();
  const medianMs = median(responded.map((row) => Date.parse(row.firstRespondedAt!) - Date.parse(row.createdAt)));

  const { quoted, accepted } = db
    .select({
      quoted: sql<number>`count(*)`,
      accepted: sql<number>`coalesce(sum(${eq(quoteRequests.status, "accepted")}), 0)`,
    })
    .from(quoteRequests)
    .where(
      and(
        gte(quoteRequests.createdAt, since90),
        sql`exists (select 1 from ${quoteRevisions} where ${quoteRevisions.requestId} = ${quoteRequests.id})`,
      ),
    )
    .get()!;

  const waiting = db
    .select({ since: sql<string>`coalesce(${quoteRequests.buyerActivityAt}, ${quoteRequests.createdAt})` })
    .from(quoteRequests)
    .where(inArray(derivedStatusSql(now), NEEDS_ANSWER_STATUSES))
    .all();
  const buckets = [
    { label: "under 1 day", maxDays: 1, count: 0 },
    { label: "1–3 days", maxDays: 3, count: 0 },
    { label: "3–7 days", maxDays: 7, count: 0 },
    { label: "over 7 days", maxDays: Infinity, count: 0 },
  ];
  for (const { since } of waiting) {
    const days = (now.getTime() - Date.parse(since)) / DAY;
    buckets.find((bucket) => days < bucket.maxDays)!.count++;
  }

  return {
    weeks,
    medianResponseMinutes: medianMs === undefined ? undefined : Math.round(medianMs / 60_000),
    responded: responded.length,
    quoted,
    accepted,
    conversion: quoted ? accepted / quoted : undefined,
    waiting: buckets.map(({ label, count }) => ({ label, count })),
    waitingTotal: waiting.length,
    orderQueues: orderQueueCounts(now),
    trends: salesTrends(now),
  };
}
