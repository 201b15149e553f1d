import { formatSpecValue } from "./units";

type SpecValue = { key: string; label: string; unit: string | null; value: number | string };

/** One row per spec, multi-valued specs (certifications) joined: "CE, UL, ATEX"; `format` writes each value. */
export function groupSpecs(
  specs: SpecValue[],
  format: (value: number | string, unit: string | null, key: string) => string = formatSpecValue,
) {
  const rows = new Map<string, { key: string; label: string; values: string[] }>();
  for (const spec of specs) {
    const row = rows.get(spec.key) ?? { key: spec.key, label: spec.label, values: [] };
    row.values.push(format(spec.value, spec.unit, spec.key));
    rows.set(spec.key, row);
  }
  return [...rows.values()];
}
