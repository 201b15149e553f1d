import { and, count, eq, gt, lt } from "drizzle-orm";
import { rateLimitEvents } from "../../db/schema";
import { db } from "./db.server";

/**
 * Counts an action by a client (an IP address) within a sliding window, in the database so all
 * worker processes share it. Call inside the action's transaction; returns false over the limit.
 */
export function takeRateLimit(action: string, clientKey: string, { limit, windowSeconds }: { limit: number; windowSeconds: number }) {
  const since = new Date(Date.now() - windowSeconds * 1000).toISOString();
  const { used } = db
    .select({ used: count() })
    .from(rateLimitEvents)
    .where(and(eq(rateLimitEvents.action, action), eq(rateLimitEvents.clientKey, clientKey), gt(rateLimitEvents.createdAt, since)))
    .get()!;
  if (used >= limit) return false;
  db.insert(rateLimitEvents).values({ action, clientKey }).run();
  // Old rows are of no use; trimming a few per call keeps the table small without a cron job.
  db.delete(rateLimitEvents).where(and(eq(rateLimitEvents.action, action), lt(rateLimitEvents.createdAt, since))).run();
  return true;
}
