const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

/** Money is integer cents everywhere; this is the one place it becomes text. */
export function formatMoney(cents: number) {
  return usd.format(cents / 100);
}

/** Dollars as typed ("1,250.50", "$900") to integer cents; undefined when it is not a price. */
export function parseDollars(text: string, max = 100_000_000): number | undefined {
  const cleaned = text.replace(/[$,\s]/g, "");
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return undefined;
  const value = Number(cleaned);
  return value <= max ? Math.round(value * 100) : undefined;
}
