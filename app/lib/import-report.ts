/** What a catalog import check found, shared by the model and the page that shows it. */
export type ImportAction = "create" | "update" | "unchanged" | "error";
export type ImportRow = { row: number; partNumber: string; action: ImportAction; errors: string[] };
export type ImportReport = {
  fileErrors: string[];
  rows: ImportRow[];
  counts: Record<ImportAction, number>;
  /** Milliseconds spent checking the file (and writing, for an applied import). */
  ms: number;
};

export const hasErrors = (report: ImportReport) => report.fileErrors.length > 0 || report.counts.error > 0;
