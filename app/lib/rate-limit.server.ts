import { and, asc, count, eq, gt, lt } from "drizzle-orm";
import { rateLimitEvents } from "~db/schema";
import { db } from "./db.server";

type Limit = { limit: number; windowSeconds: number };

/**
 * Rate limits count an action by a client key (an address, an account) within a sliding window,
 * in the database so all worker processes share them. Call inside the action's transaction.
 */
export function rateLimitExceeded(action: string, clientKey: string, { limit, windowSeconds }: Limit) {
  const since = new Date(Date.now() - windowSeconds * 1000).toISOString();
  const { used } = db
    .select({ used: count() })
    .from(rateLimitEvents)
    .where(
      and(
        eq(rateLimitEvents.action, action),
        eq(rateLimitEvents.clientKey, clientKey),
        gt(rateLimitEvents.createdAt, since),
      ),
    )
    .get()!;
  return used >= limit;
}

export function recordRateLimitEvent(
  action: string,
  clientKey: string,
  { windowSeconds }: Pick<Limit, "windowSeconds">,
  now = new Date(),
) {
  db.insert(rateLimitEvents).values({ action, clientKey, createdAt: now.toISOString() }).run();
  // Old rows are of no use; trimming them per call keeps the table small without a cron job.
  const since = new Date(now.getTime() - windowSeconds * 1000).toISOString();
  db.delete(rateLimitEvents)
    .where(and(eq(rateLimitEvents.action, action), lt(rateLimitEvents.createdAt, since)))
    .run();
}

/** When a client's actions within the window happened, in ms since the epoch, oldest first. */
export function rateLimitEventTimes(action: string, clientKey: string, windowSeconds: number, now = new Date()) {
  const since = new Date(now.getTime() - windowSeconds * 1000).toISOString();
  return db
    .select({ createdAt: rateLimitEvents.createdAt })
    .from(rateLimitEvents)
    .where(
      and(
        eq(rateLimitEvents.action, action),
        eq(rateLimitEvents.clientKey, clientKey),
        gt(rateLimitEvents.createdAt, since),
      ),
    )
    .orderBy(asc(rateLimitEvents.createdAt))
    .all()
    .map((row) => Date.parse(row.createdAt));
}

/** Counts one more action if the client is under its limit; returns false over the limit. */
export function takeRateLimit(action: string, clientKey: string, limit: Limit) {
  if (rateLimitExceeded(action, clientKey, limit)) return false;
  recordRateLimitEvent(action, clientKey, limit);
  return true;
}
