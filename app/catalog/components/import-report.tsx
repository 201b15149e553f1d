import { Link, useFetcher, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import type { ImportJobStatus, ImportReport } from "~/catalog/import-report";
import { formatCount as count, plural } from "~/lib/plural";
import { TableScroll } from "~/components/ui/table-scroll";

const LABELS = { create: "create", update: "update", unchanged: "unchanged", error: "error" } as const;

/**
 * The dry-run report: counts, file problems, then the rows that do something or are wrong
 * (unchanged rows are only counted: a re-imported export would list thousands of them).
 */
export function ImportReportView({ report, fileName }: { report: ImportReport; fileName: string }) {
  const { create, update, unchanged, error } = report.counts;
  const listable = create + update + error;
  return (
    <section className="panel import-report" aria-labelledby="report-heading">
      <h2 id="report-heading">Check of {fileName || "the file"}</h2>
      <p role="status">
        {plural(create + update + unchanged + error, "row")}: {count(create)} to create, {count(update)} to update,{" "}
        {count(unchanged)} unchanged, {count(error)} with errors. Checked in {count(report.ms)} ms.
      </p>
      {report.fileErrors.length ? (
        <ul className="field-error">
          {report.fileErrors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
      {report.rows.length ? (
        <TableScroll label="Rows of the import">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Part number</th>
                <th scope="col">Action</th>
                <th scope="col">Problems</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((row) => (
                <tr key={row.row} className={row.action === "error" ? "row-error" : undefined}>
                  <td>{row.row}</td>
                  <td className="mono">{row.partNumber}</td>
                  <td>
                    <span className={`status status--${row.action}`}>{LABELS[row.action]}</span>
                  </td>
                  <td>
                    {row.errors.length ? (
                      <ul>
                        {row.errors.map((message) => (
                          <li key={message}>{message}</li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {listable > report.rows.length ? (
        <p className="muted">
          {count(report.rows.length)} of {count(listable)} rows are shown, rows with errors first.
        </p>
      ) : null}
    </section>
  );
}

const POLL_MS = 1000;

/**
 * A dry run under way, with JavaScript: the file uploading (a bar with no value), then how much of
 * it has been checked, read every second from the import page's loader (`?checking=`). A large
 * file takes a while: 100,000 rows about 25 s, paced so the site stays quick meanwhile.
 */
export function ImportCheckProgress({ token }: { token: string }) {
  const progress = useFetcher<{ checking: { fileBytes: number; checkedBytes: number } | null }>();
  useEffect(() => {
    const timer = setInterval(() => {
      if (progress.state === "idle") progress.load(`/admin/catalog/import?checking=${token}`);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [token, progress]);
  const read = progress.data?.checking;
  return (
    <div className="import-check-progress">
      <progress max={read?.fileBytes} value={read?.checkedBytes} aria-label="Check of the file" />
      <p role="status">
        {read
          ? `${Math.floor((100 * read.checkedBytes) / Math.max(read.fileBytes, 1))}% of the file checked. Nothing is written by the check.`
          : "Sending the file…"}
      </p>
    </div>
  );
}

/** Whether an import is still being applied (and its page loaded again until it is not). */
export const importRunning = (job: ImportJobStatus) => job.status === "running" && !job.interrupted;

/**
 * An import being applied: rows written so far, refreshed every second (by the page's loader
 * with JavaScript, by a meta refresh without it, `handle` of the import page) until it has been
 * applied or has stopped.
 */
export function ImportJobView({ job }: { job: ImportJobStatus }) {
  const running = importRunning(job);
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), POLL_MS);
    return () => clearInterval(timer);
  }, [running, revalidator]);

  if (job.status === "applied") {
    const seconds = job.finishedAt ? (Date.parse(job.finishedAt) - Date.parse(job.createdAt)) / 1000 : 0;
    return (
      <p className="notice" role="status">
        Import applied: {count(job.created)} created, {count(job.updated)} updated, {count(job.unchanged)} unchanged (
        {seconds.toFixed(1)} s).
      </p>
    );
  }
  if (!running) {
    const why =
      job.message ??
      "The import was interrupted (the server stopped). Check the file again and apply it: rows already written show as unchanged.";
    return (
      <p className="error-summary" role="alert">
        {why} {count(job.rowsWritten)} of {count(job.rowsToWrite)} rows of {job.fileName || "the file"} were written.
      </p>
    );
  }
  // The file is checked again first, then written: one bar for each, the check's in bytes read.
  const checking = job.checkedBytes < job.fileBytes;
  const [done, of] = checking ? [job.checkedBytes, job.fileBytes] : [job.rowsWritten, job.rowsToWrite];
  return (
    <section className="panel" aria-labelledby="progress-heading">
      <h2 id="progress-heading">
        {checking ? "Checking" : "Applying"} {job.fileName || "the file"}
      </h2>
      <progress id="import-progress" max={of} value={done} aria-labelledby="progress-heading" />
      <p role="status">
        {checking
          ? `${Math.floor((100 * done) / of)}% of the file checked against the catalog as it is now. Nothing is written until every row has been checked.`
          : `${count(done)} of ${count(of)} rows written. The catalog shows each batch of products as it is written.`}
      </p>
      <p className="muted">
        You may leave this page: the import goes on. <Link to={`?job=${job.id}`}>Refresh</Link>
      </p>
    </section>
  );
}
