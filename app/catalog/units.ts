import { plural } from "~/lib/plural";
import { convertUnit } from "./search-units";

const number = new Intl.NumberFormat("en-US", { maximumFractionDigits: 3 });

/** A spec value as buyers read it: "7.5 kW", "1,200 L", "316 stainless steel". */
export function formatSpecValue(value: number | string, unit: string | null) {
  if (typeof value === "string") return value;
  const text = number.format(value);
  if (!unit) return text;
  return unit === "%" ? `${text}%` : `${text} ${unit}`;
}

/**
 * The other system's unit for a spec's unit, metric to U.S. customary and back: what a datasheet
 * prints beside the value. Units without a usual counterpart (rpm, V, kWh, mg) have none.
 */
const OTHER_SYSTEM: Record<string, string> = {
  mm: "in",
  m: "ft",
  kg: "lb",
  t: "lb",
  L: "gal",
  kW: "hp",
  hp: "kW",
  bar: "psi",
  "°C": "°F",
  "m³/h": "gpm",
  "m³/min": "cfm",
  "m/min": "ft/min",
  "kg/h": "lb/h",
};

/** Where the spec, not its unit, decides the counterpart: a heat duty in kW is read in Btu/h, not hp. */
const OTHER_SYSTEM_BY_SPEC: Record<string, string> = { heat_duty: "Btu/h" };

/** A converted value to three significant figures: "94.5 in", "2,180 psi", "10,900,000 Btu/h". */
const rounded = (value: number) => Number(value.toPrecision(3));

/** A spec value in both systems where its unit has a counterpart: "7.5 kW (10.1 hp)", "2,400 mm (94.5 in)". */
export function formatSpecValueBothSystems(value: number | string, unit: string | null, key = "") {
  const text = formatSpecValue(value, unit);
  const other = unit ? (OTHER_SYSTEM_BY_SPEC[key] ?? OTHER_SYSTEM[unit]) : undefined;
  const converted = typeof value === "number" && other ? convertUnit(value, unit!, other) : undefined;
  return converted === undefined ? text : `${text} (${formatSpecValue(rounded(converted), other!)})`;
}

export function formatLeadTime(days: number) {
  if (days <= 1) return "Ships in 1 day";
  if (days < 14) return `Ships in ${plural(days, "day")}`;
  const weeks = Math.round(days / 7);
  return `Lead time ${plural(weeks, "week")}`;
}
