/** One row of the summary table: a measured figure and whether it meets its mark. */
export type Figure = { test: string; check: string; figure: string; pass: boolean; details?: string };

export function figure(test: string, check: string, value: string | number, pass: boolean, details?: string): Figure {
  return { test, check, figure: String(value), pass, details: pass ? undefined : details };
}
