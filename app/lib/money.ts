const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

/**
 * Money is integer cents everywhere; this is the one place it becomes text. Ours is always USD;
 * `currency` is for what a payment provider reports (an ISO code, such as Stripe's "eur").
 */
export function formatMoney(cents: number, currency = "usd") {
  if (currency.toLowerCase() === "usd") return usd.format(cents / 100);
  if (!/^[a-z]{3}$/i.test(currency)) return `${(cents / 100).toFixed(2)} (unknown currency)`;
  return new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(cents / 100);
}

/**
 * Dollars as typed ("1,250.50", "1250.50", "$900") to integer cents; undefined when it is not a
 * price. A comma only groups thousands, three digits at a time after a first group that does not
 * start with 0: "1,5", "12,50" and "0,500" (a decimal comma) are refused rather than read as $15,
 * $1,250 and $500.
 */
export function parseDollars(text: string, max = 100_000_000): number | undefined {
  const typed = /^\s*\$?\s*([1-9]\d{0,2}(?:,\d{3})+|\d+)(\.\d{1,2})?\s*$/.exec(text);
  if (!typed) return undefined;
  const value = Number(typed[1].replaceAll(",", "") + (typed[2] ?? ""));
  return value <= max ? Math.round(value * 100) : undefined;
}

/**
 * Dollars as typed, read as `parseDollars` reads them, up to `maxCents`; otherwise what the field
 * says: `notAmount` for text that is not an amount, "At most $…" for one over the most.
 */
export function readDollars(text: string, maxCents: number, notAmount: string): { cents: number } | { error: string } {
  const cents = parseDollars(text, Number.POSITIVE_INFINITY);
  if (cents === undefined) return { error: notAmount };
  return cents > maxCents ? { error: `At most ${formatMoney(maxCents)}` } : { cents };
}

// Limits that keep every line total (quantity × unit price) and every order total an exact
// integer number of cents: at most 1,000,000 × $10,000,000.00 per line, $1,000,000,000.00 per order.

/** The highest unit price of a product or a quote line: $10,000,000.00. */
export const MAX_UNIT_PRICE_CENTS = 1_000_000_000;
/** The highest total of one quote revision or order: $1,000,000,000.00. */
export const MAX_ORDER_TOTAL_CENTS = 100_000_000_000;
export const ORDER_TOTAL_LIMIT_TEXT = `An order can total at most ${formatMoney(MAX_ORDER_TOTAL_CENTS)}`;

/** The most Stripe charges in one USD payment ($999,999.99): card payment is offered up to this total. */
export const MAX_CARD_PAYMENT_CENTS = 99_999_999;
export const withinCardLimit = (totalCents: number) => totalCents <= MAX_CARD_PAYMENT_CENTS;
export const CARD_LIMIT = `Card payment is available up to ${formatMoney(MAX_CARD_PAYMENT_CENTS)}`;
/** Said wherever card payment is not offered because the total is above that limit. */
export const CARD_LIMIT_TEXT = `${CARD_LIMIT}; this order can be paid by invoice.`;
