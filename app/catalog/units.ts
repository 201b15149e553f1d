import { plural } from "~/lib/plural";

const number = new Intl.NumberFormat("en-US", { maximumFractionDigits: 3 });

/** A spec value as buyers read it: "7.5 kW", "1,200 L", "316 stainless steel". */
export function formatSpecValue(value: number | string, unit: string | null) {
  if (typeof value === "string") return value;
  const text = number.format(value);
  if (!unit) return text;
  return unit === "%" ? `${text}%` : `${text} ${unit}`;
}

export function formatLeadTime(days: number) {
  if (days <= 1) return "Ships in 1 day";
  if (days < 14) return `Ships in ${plural(days, "day")}`;
  const weeks = Math.round(days / 7);
  return `Lead time ${plural(weeks, "week")}`;
}
