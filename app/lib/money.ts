const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

/** Money is integer cents everywhere; this is the one place it becomes text. */
export function formatMoney(cents: number) {
  return usd.format(cents / 100);
}
