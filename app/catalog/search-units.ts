/**
 * Quantities in a search ("37 kW", "37kW", "1/2 in", "0-16 bar", "50 gpm") and the units of the
 * catalog's number specs, so a quantity typed in one unit system finds a spec kept in another.
 * Each unit is a factor to its dimension's base unit (temperature also an offset).
 */
type Unit = { dimension: string; factor: number; offset?: number; names: string[] };

const UNITS: Record<string, Unit> = {};
/** A unit and every way it is written; the catalog's text may use any of them ("1/2 in", "1/2 inch", `1/2"`). */
function define(dimension: string, factor: number, names: string[], offset?: number) {
  for (const name of names) UNITS[name] = { dimension, factor, offset, names };
}
define("power", 1, ["kw"]);
define("power", 0.001, ["w"]);
define("power", 1000, ["mw"]);
define("power", 0.7457, ["hp", "bhp"]);
define("power", 0.00029307107, ["btu/h", "btuh"]);
define("energy", 1, ["kwh"]);
define("energy", 1000, ["mwh"]);
define("voltage", 1, ["v", "volt", "volts"]);
// Written apart: a search for 24 VDC must not also read the text "24 VAC".
define("voltage", 1, ["vac"]);
define("voltage", 1, ["vdc"]);
define("voltage", 1000, ["kv"]);
define("current", 1, ["a", "amp", "amps"]);
define("current", 0.001, ["ma"]);
define("volume", 1, ["l", "liter", "liters", "litre", "litres"]);
define("volume", 3.78541, ["gal", "gallon", "gallons"]);
define("volume", 1000, ["m3", "m³"]);
define("flow", 1, ["m3/h", "m³/h", "m3/hr", "m³/hr"]);
define("flow", 60, ["m3/min", "m³/min"]);
define("flow", 0.06, ["l/min", "lpm"]);
define("flow", 0.001, ["l/h"]);
define("flow", 0.227125, ["gpm"]);
define("flow", 1.699011, ["cfm", "scfm"]);
define("gas-flow", 1, ["nm3/h", "nm³/h"]);
define("mass-flow", 1, ["kg/h", "kg/hr"]);
define("mass-flow", 1000, ["t/h"]);
define("mass-flow", 0.453592, ["lb/h", "lb/hr"]);
define("pressure", 1, ["bar"]);
define("pressure", 0.001, ["mbar"]);
define("pressure", 0.0689476, ["psi", "psig"]);
define("pressure", 10, ["mpa"]);
define("pressure", 0.01, ["kpa"]);
define("length", 1, ["mm"]);
define("length", 10, ["cm"]);
define("length", 1000, ["m"]);
define("length", 25.4, ["in", "inch", "inches", '"', "″"]);
define("length", 304.8, ["ft", "feet"]);
define("mass", 1, ["kg"]);
define("mass", 0.001, ["g"]);
define("mass", 0.000001, ["mg"]);
define("mass", 1000, ["t", "ton", "tons", "tonne", "tonnes"]);
define("mass", 0.453592, ["lb", "lbs"]);
define("temperature", 1, ["°c", "degc"]);
define("temperature", 5 / 9, ["°f", "degf"], -32 * (5 / 9));
define("speed", 1, ["rpm"]);
define("belt-speed", 1, ["m/min"]);
define("belt-speed", 0.3048, ["ft/min", "fpm"]);
define("percent", 1, ["%"]);

/** The unit a spec definition names ("m³/h", "kW"), if search knows how to convert it. */
export const specUnit = (unit: string | null) => (unit ? UNITS[unit.toLowerCase()] : undefined);

/**
 * A quantity typed in a search, in its own unit, and the text it was typed as: the words of each
 * way its number is written ("1/2" is "1", "2"; "0.5" is also "1", "2"), and of each way its unit
 * is written, the typed ones first.
 */
export type Quantity = { value: number; unit: Unit; text: string; numberWords: string[][]; unitWords: string[][] };

/** Fractions of an inch as U.S. catalogs write them, in lowest terms, by their value: 0.5 is "1/2". */
const FRACTIONS = new Map<number, string>();
for (const denominator of [2, 4, 8, 16])
  for (let numerator = 1; numerator < denominator; numerator++)
    if (!FRACTIONS.has(numerator / denominator)) FRACTIONS.set(numerator / denominator, `${numerator}/${denominator}`);

/** The words of a number as typed, and as the other way it may be written (a fraction or its decimal). */
function numberForms(typed: string, value: number) {
  const other = typed.includes("/") ? String(value) : FRACTIONS.get(value);
  const forms = [wordsOf(typed), ...(other ? [wordsOf(other)] : [])];
  return forms.filter((words, i) => forms.findIndex((w) => w.join(" ") === words.join(" ")) === i);
}

const names = Object.keys(UNITS)
  .sort((a, b) => b.length - a.length)
  .map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
const NUMBER = String.raw`\d+(?:[.,]\d+)*(?:\/\d+)?`;
// A number, or a range "0-16", then a unit; the unit ends where a word would.
const QUANTITY = new RegExp(
  String.raw`(?<![\p{L}\p{N}.,/-])(${NUMBER})(?:\s*(?:-|–|to)\s*(${NUMBER}))?\s*(${names.join("|")})(?![\p{L}\p{N}])`,
  "giu",
);

function numberOf(text: string) {
  // "1,200" is twelve hundred, as U.S. buyers write it; "1,5" one and a half.
  const plain = /^\d{1,3}(,\d{3})+$/.test(text) ? text.replaceAll(",", "") : text.replace(",", ".");
  const [whole, denominator] = plain.split("/");
  const value = denominator === undefined ? Number(whole) : Number(whole) / Number(denominator);
  return Number.isFinite(value) ? value : undefined;
}

/** The quantities in a search, and the search with them taken out. */
export function extractQuantities(input: string): { quantities: Quantity[]; rest: string } {
  const quantities: Quantity[] = [];
  const rest = input.replace(QUANTITY, (text, low: string, high: string | undefined, unitName: string) => {
    // A range "0-16 bar" is the top of its scale, as a gauge or a spec states it.
    const value = numberOf(high ?? low);
    const unit = UNITS[unitName.toLowerCase()];
    if (value === undefined || !unit || quantities.length >= 4) return text;
    const numberText = text.slice(0, text.length - unitName.length);
    const unitWords = new Map<string, string[]>();
    for (const name of [unitName.toLowerCase(), ...unit.names]) {
      const words = wordsOf(name);
      if (words.length) unitWords.set(words.join(" "), words);
    }
    // A unit of signs alone ("%") is its number alone in the text's words.
    const written = unitWords.size ? [...unitWords.values()] : [[]];
    // A range is read by its top ("0-16 bar"), which is written as typed only.
    const numberWords = high === undefined ? numberForms(low, value) : [wordsOf(numberText)];
    quantities.push({ value, unit, text: text.trim(), numberWords, unitWords: written });
    return " ";
  });
  return { quantities, rest };
}

const wordsOf = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

const TOLERANCE = 0.1;

/** A value in unit `from` expressed in unit `to` of the same dimension. */
function convert(value: number, from: Unit, to: Unit) {
  const base = value * from.factor + (from.offset ?? 0);
  return (base - (to.offset ?? 0)) / to.factor;
}

/**
 * What no product can measure, in each dimension's base unit: below absolute zero, a pressure
 * below a full vacuum (gauge pressure, in bar), a share over 100 %, less than nothing of a
 * size, a weight, a power or a flow. Voltages and dimensions not listed may be anything.
 */
const PHYSICAL: Record<string, [number, number]> = {
  temperature: [-273.15, Infinity],
  pressure: [-1.01325, Infinity],
  percent: [0, 100],
  ...Object.fromEntries(
    [
      "power",
      "energy",
      "current",
      "volume",
      "flow",
      "gas-flow",
      "mass-flow",
      "length",
      "mass",
      "speed",
      "belt-speed",
    ].map((dimension) => [dimension, [0, Infinity]]),
  ),
};

/** Why `value`, in the named unit, cannot be a product's ("below absolute zero"), if it cannot. */
export function physicalProblem(value: number, unitName: string | null) {
  const unit = specUnit(unitName);
  const bounds = unit && PHYSICAL[unit.dimension];
  if (!unit || !bounds) return undefined;
  const base = value * unit.factor + (unit.offset ?? 0);
  const inUnit = (bound: number) => Number(((bound - (unit.offset ?? 0)) / unit.factor).toPrecision(6));
  if (base < bounds[0])
    return unit.dimension === "temperature"
      ? "is below absolute zero"
      : unit.dimension === "pressure"
        ? `is below a full vacuum (${inUnit(bounds[0])} ${unitName})`
        : "cannot be below 0";
  if (base > bounds[1]) return `cannot be above ${inUnit(bounds[1])} ${unitName}`;
  return undefined;
}

/** A value from one named unit to another ("kW" to "hp"); undefined unless both are known and alike. */
export function convertUnit(value: number, from: string, to: string) {
  const [source, target] = [specUnit(from), specUnit(to)];
  return source && target && source.dimension === target.dimension ? convert(value, source, target) : undefined;
}

/** The range of a spec's values (in its own unit) that a quantity stands for, ±10 %. */
export function rangeInSpecUnit(quantity: Quantity, unit: Unit): [number, number] | undefined {
  if (unit.dimension !== quantity.unit.dimension) return undefined;
  const value = convert(quantity.value, quantity.unit, unit);
  const spread = Math.abs(value) * TOLERANCE;
  return [value - spread, value + spread];
}
