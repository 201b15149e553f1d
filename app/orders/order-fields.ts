/** The buyer's order page has one form: "Pay now". */
export const ORDER_INTENT = { pay: "pay" } as const;

/** The forms of sales' order page, by the `intent` each sends. */
export const ADMIN_ORDER_INTENT = {
  recordPayment: "record-payment",
  cancel: "cancel",
  resolveFlag: "resolve-flag",
} as const;

/** How sales settles a flagged payment: the two buttons of the resolve form. */
export const FLAG_RESOLUTION = { accept: "accept", refund: "refund" } as const;
