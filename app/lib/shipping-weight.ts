/**
 * Shipping weights: whole hundredths of a pound (1250 is 12.5 lb), so that the product form, the
 * CSV and the freight table agree to the digit. Pure and client-safe.
 */

/** The heaviest unit a product may weigh: 500,000 lb (the seed has 48-tonne machines). */
export const MAX_SHIPPING_WEIGHT = 50_000_000;

/** A weight in words: "12.5 lb", "85 lb", "0.25 lb". */
export function formatWeight(hundredths: number) {
  return `${(hundredths / 100).toLocaleString("en-US", { maximumFractionDigits: 2 })} lb`;
}

/** A weight as the form and the CSV write it: "12.5", "85", "" for none. */
export const typedWeight = (hundredths: number | null) => (hundredths === null ? "" : String(hundredths / 100));

/** Pounds as typed ("12.5", "1,200", "12.5 lb") to hundredths; undefined when it is not a weight. */
export function parseWeight(text: string): number | undefined {
  const cleaned = text.replace(/[,\s]/g, "").replace(/(lbs?|pounds?)$/i, "");
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return undefined;
  const hundredths = Math.round(Number(cleaned) * 100);
  return hundredths > 0 && hundredths <= MAX_SHIPPING_WEIGHT ? hundredths : undefined;
}

/** Kilograms (the datasheets' unit) to hundredths of a pound, rounded to the nearest. */
export const kilogramsToWeight = (kilograms: number) => Math.round((kilograms * 100) / 0.45359237);
