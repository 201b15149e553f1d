/** What a catalog import check found, shared by the model and the page that shows it. */
export type ImportAction = "create" | "update" | "unchanged" | "error";
export type ImportRow = { row: number; partNumber: string; action: ImportAction; errors: string[] };
/** The most rows a report lists: rows with errors first, then the rows that create or update, in file order. */
export const REPORT_ROWS = 1000;

export type ImportReport = {
  fileErrors: string[];
  /** At most REPORT_ROWS: the counts cover every row. */
  rows: ImportRow[];
  counts: Record<ImportAction, number>;
  /** Milliseconds spent checking the file (and writing, for an applied import). */
  ms: number;
};

/** The two forms of the import page, by their `intent`: a dry run of a file, then applying it. */
export const IMPORT_INTENT = { check: "check", apply: "apply" } as const;

export const hasErrors = (report: ImportReport) => report.fileErrors.length > 0 || report.counts.error > 0;

/** True when applying the report's file would create or update a product. */
export const changesSomething = (report: ImportReport) => report.counts.create + report.counts.update > 0;

/** An import being applied in batches, as the page that shows its progress reads it. */
export type ImportJobStatus = {
  id: number;
  fileName: string;
  status: "running" | "applied" | "stopped";
  /** Marked running, but no batch has been written for minutes: its process stopped. */
  interrupted: boolean;
  /** The file is checked again before anything is written: how much of it has been read. */
  fileBytes: number;
  checkedBytes: number;
  /** Known once the file has been checked again. */
  rowsToWrite: number;
  rowsWritten: number;
  created: number;
  updated: number;
  unchanged: number;
  message: string | null;
  createdAt: string;
  finishedAt: string | null;
};
