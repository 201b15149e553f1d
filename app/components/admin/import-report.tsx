import type { ImportReport } from "~/lib/import-report";

const SHOWN_ROWS = 1000;
const LABELS = { create: "create", update: "update", unchanged: "unchanged", error: "error" } as const;

/** The dry-run report: counts, file problems, then the rows that do something or are wrong. */
export function ImportReportView({ report, fileName }: { report: ImportReport; fileName: string }) {
  // Unchanged rows are only counted: a re-imported export would list thousands of them.
  const listed = report.rows.filter((row) => row.action !== "unchanged").sort((a, b) => Number(b.action === "error") - Number(a.action === "error") || a.row - b.row);
  const { create, update, unchanged, error } = report.counts;
  return (
    <section className="panel import-report" aria-labelledby="report-heading">
      <h2 id="report-heading">Check of {fileName || "the file"}</h2>
      <p role="status">
        {report.rows.length.toLocaleString("en-US")} rows: {create} to create, {update} to update, {unchanged} unchanged, {error} with errors. Checked in {report.ms} ms.
      </p>
      {report.fileErrors.length ? (
        <ul className="field-error">
          {report.fileErrors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
      {listed.length ? (
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
            {listed.slice(0, SHOWN_ROWS).map((row) => (
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
      ) : null}
      {listed.length > SHOWN_ROWS ? <p className="muted">The first {SHOWN_ROWS} of {listed.length} rows are shown, rows with errors first.</p> : null}
    </section>
  );
}
