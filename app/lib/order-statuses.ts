/** An order's statuses, for the schema and for pages that list them (no drizzle here: it ships to the browser). */
export const ORDER_STATUSES = [
  "pending_payment",
  "processing",
  "awaiting_payment",
  "paid",
  "payment_failed",
  "cancelled",
  "flagged",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
