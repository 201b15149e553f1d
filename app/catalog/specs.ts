import { formatSpecValue } from "./units";

type SpecValue = { key: string; label: string; unit: string | null; value: number | string };

/** One row per spec, multi-valued specs (certifications) joined: "CE, UL, ATEX". */
export function groupSpecs(specs: SpecValue[]) {
  const rows = new Map<string, { key: string; label: string; values: string[] }>();
  for (const spec of specs) {
    const row = rows.get(spec.key) ?? { key: spec.key, label: spec.label, values: [] };
    row.values.push(formatSpecValue(spec.value, spec.unit));
    rows.set(spec.key, row);
  }
  return [...rows.values()];
}
