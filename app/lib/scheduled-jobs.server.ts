import { expireCheckoutSessions } from "~/orders/checkout.server";
import { sendDueInvoiceReminders } from "~/orders/invoice.server";
import { lapseUnpaidQuoteOrders } from "~/orders/order.server";
import { sendDueQuoteReminders } from "~/quotes/quote-reminders.server";
import { expireDueQuotes } from "~/quotes/quote-revision.server";

/**
 * What falls due with time, done once: quotes past validity expire, the quote and invoice
 * reminders that are due are queued, and card orders of quotes whose validity ended unpaid are
 * cancelled, their Stripe pages expired too. Every server process runs it each minute; each
 * step is idempotent across processes. `npm run jobs` runs it once by hand.
 */
export async function runScheduledJobs(now = new Date()) {
  expireDueQuotes(now);
  const reminders = sendDueQuoteReminders(now) + sendDueInvoiceReminders(now);
  const stale = lapseUnpaidQuoteOrders(now);
  if (stale.length) await expireCheckoutSessions(stale).catch(() => undefined);
  return { reminders, lapsedSessions: stale.length };
}
