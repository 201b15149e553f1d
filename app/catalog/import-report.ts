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

/** The two forms of the import page, by their `intent`: a dry run of a file, then applying it. */
export const IMPORT_INTENT = { check: "check", apply: "apply" } as const;

export const hasErrors = (report: ImportReport) => report.fileErrors.length > 0 || report.counts.error > 0;

/** An import being applied in batches, as the page that shows its progress reads it. */
export type ImportJobStatus = {
  id: number;
  fileName: string;
  status: "running" | "applied" | "stopped";
  /** Marked running, but no batch has been written for minutes: its process stopped. */
  interrupted: boolean;
  rowsToWrite: number;
  rowsWritten: number;
  created: number;
  updated: number;
  unchanged: number;
  message: string | null;
  createdAt: string;
  finishedAt: string | null;
};
