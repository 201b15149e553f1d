import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  ImportCheckProgress,
  ImportJobView,
  importRunning,
  ImportReportView,
} from "~/catalog/components/import-report";
import type { PageHandle } from "~/root";
import { requireUser } from "~/admin/auth.server";
import { MAX_CATALOG_CSV_MB } from "~/lib/upload-limits";
import { changesSomething, hasErrors, IMPORT_INTENT, type ImportReport } from "~/catalog/import-report";
import { useFormResult, useIsPending } from "~/lib/forms";
import { formErrorResult, invalid } from "~/lib/forms.server";
import { formatCount } from "~/lib/plural";
import { discardReceived, readMultipart } from "~/lib/multipart.server";
import {
  dryRunImport,
  getImportJob,
  importCheckProgress,
  newCheckToken,
  stagedImportFile,
  stageImportFile,
  startImport,
} from "~/catalog/catalog-import.server";

// Without JavaScript, the page of an import being applied loads itself again every 2 seconds.
export const handle: PageHandle = {
  refreshWithoutScript: (data) => {
    const job = (data as { job?: Parameters<typeof importRunning>[0] | null } | undefined)?.job;
    return job && importRunning(job) ? 2 : undefined;
  },
};

export const meta: MetaFunction = () => [
  { title: "Catalog import and export · IronAxis back office" },
  { name: "robots", content: "noindex" },
];

/**
 * `?job=<id>`: the progress of an import being applied, then how it ended. `?checking=<token>`:
 * how far the dry run the page's form sent has read (polled while it runs). The form carries a
 * new token each time.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const params = new URL(request.url).searchParams;
  const token = params.get("checking");
  const checking = token === null ? null : (importCheckProgress(token) ?? null);
  const jobId = params.get("job");
  const job = jobId !== null && /^\d{1,15}$/.test(jobId) ? getImportJob(Number(jobId)) : undefined;
  if (jobId !== null && !job) throw new Response("No such import", { status: 404 });
  return data({ job: job ?? null, checking, checkToken: newCheckToken() });
}

/** A file checked: the report and, if it can be applied, the name it waits under on the server. */
type Checked = { report: ImportReport; staged: string | null; fileName: string };

const TOO_LARGE = `The file is larger than ${MAX_CATALOG_CSV_MB} MB; split it into several imports.`;

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, ["admin", "sales"]);
  // The dry run sends the file and keeps it on the server; applying names the kept file.
  const read = await readMultipart(request, {
    maxBytes: MAX_CATALOG_CSV_MB * 1024 * 1024 + 64 * 1024,
    maxFileBytes: MAX_CATALOG_CSV_MB * 1024 * 1024,
    maxFieldBytes: 1024,
    fileFields: ["file"],
    maxFiles: 1,
  });
  if (!read.ok) {
    if (read.problem === "unreadable")
      throw new Response("The form could not be read; please send it again.", { status: 400 });
    return invalid(formErrorResult({}, TOO_LARGE, { intent: read.fields.intent }), 413);
  }
  const { fields } = read;
  const [file] = read.files;
  const fileName = (file?.name ?? fields.fileName ?? "").slice(0, 200);
  try {
    if (fields.intent === IMPORT_INTENT.check) {
      if (!file) {
        const [empty] = read.emptyFiles;
        const problem = empty
          ? `The file ${empty.name.slice(0, 200)} is empty: choose the CSV file with the catalog's rows.`
          : "Choose a CSV file to check.";
        return invalid(formErrorResult(fields, problem, { intent: IMPORT_INTENT.check }), 400);
      }
      const report = await dryRunImport(file.path, fields.checkToken);
      // Only a file that can be applied and changes something is kept for applying.
      const staged = hasErrors(report) || !changesSomething(report) ? null : stageImportFile(file);
      return data<Checked>({ report, staged, fileName }, { status: hasErrors(report) ? 422 : 200 });
    }
  } finally {
    discardReceived(read.files);
  }
  if (fields.intent === IMPORT_INTENT.apply) {
    const staged = stagedImportFile(fields.staged ?? "");
    if (!staged) {
      const gone =
        "This file is no longer on the server (it was applied, or checked more than a day ago): check it again.";
      return invalid(formErrorResult({}, gone, { intent: IMPORT_INTENT.apply }), 409);
    }
    // Checked again first: if the catalog changed since the dry run so that a row no longer applies, nothing is written.
    const start = startImport(staged, { fileName, userId: user.id });
    if (start.started) return redirect(`/admin/catalog/import?job=${start.jobId}`);
    const { running } = start;
    const busy = `Another import (${running.fileName || "a file"}) is being applied: ${formatCount(running.rowsWritten)} of ${formatCount(running.rowsToWrite)} rows written. Apply this file when it has finished.`;
    // The file stays on the server, so it can be applied again from here.
    return invalid(formErrorResult({ staged: fields.staged!, fileName }, busy, { intent: IMPORT_INTENT.apply }), 409);
  }
  throw new Response("Unknown action", { status: 400 });
}

export default function CatalogImport() {
  const answer = useActionData<typeof action>();
  const checked = answer && "report" in answer ? answer : undefined;
  const failed = useFormResult();
  const error = failed?.formError;
  const { job, checkToken } = useLoaderData<typeof loader>();
  const checking = useIsPending({ intent: IMPORT_INTENT.check, state: "submitting" });
  const applying = useIsPending({ intent: IMPORT_INTENT.apply, state: "submitting" });
  const busy = checking || applying;
  // The answer to a check or an apply takes the focus, so what was found is read next, rather than
  // the button pressed again: with JavaScript at each answer, without it as the page arrives. An
  // import applied is its job's page (`?job=`), answered the same way.
  const answered = useRef<HTMLDivElement>(null);
  const jobId = job?.id;
  useEffect(() => {
    if (answer || jobId !== undefined) answered.current?.focus();
  }, [answer, jobId]);
  return (
    <section aria-labelledby="import-heading">
      <h1 id="import-heading">Catalog import and export</h1>
      {job && !answer ? (
        // eslint-disable-next-line jsx-a11y/no-autofocus -- the page an applied import arrives at: what it did is read first
        <div ref={answered} tabIndex={-1} autoFocus className="import-answer">
          <ImportJobView job={job} />
        </div>
      ) : null}
      <div className="panel">
        <h2>Export</h2>
        <p>
          One row per product, archived ones included, one <code>spec:&lt;key&gt;</code> column per specification and
          the category by its slug. Edit it in a spreadsheet and import it back: rows are matched to products by part
          number.
        </p>
        <a href="/admin/catalog/export.csv" className="button button--secondary" download>
          Download the catalog (CSV)
        </a>
      </div>
      <Form method="post" encType="multipart/form-data" className="panel" aria-labelledby="check-heading">
        <h2 id="check-heading">Import: check a file first</h2>
        <p className="muted">
          The check writes nothing to the catalog; a file that passes is kept on the server for a day, to apply. Up to{" "}
          {MAX_CATALOG_CSV_MB} MB (about 140,000 products). A price left empty means quote only; a spec column left out
          of the file keeps the products’ values.
        </p>
        <input type="hidden" name="intent" value={IMPORT_INTENT.check} />
        <input type="hidden" name="checkToken" value={checkToken} />
        <div className="field">
          <label htmlFor="file">CSV file</label>
          <input id="file" name="file" type="file" accept=".csv,text/csv" required />
        </div>
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {checking ? "Checking…" : "Check the file (dry run)"}
        </button>
        {checking ? <ImportCheckProgress token={checkToken} /> : null}
      </Form>
      {answer ? (
        // eslint-disable-next-line jsx-a11y/no-autofocus -- only on an answer to the forms above, where what was found is read next
        <div ref={answered} tabIndex={-1} autoFocus className="import-answer">
          {error ? (
            <p className="error-summary" role="alert">
              {error}
            </p>
          ) : null}
          {failed?.intent === IMPORT_INTENT.apply && failed.values.staged ? (
            <ApplyForm
              staged={failed.values.staged}
              fileName={failed.values.fileName ?? ""}
              label="Apply import"
              busy={busy}
              applying={applying}
            />
          ) : null}
          {checked ? (
            <>
              <ImportReportView report={checked.report} fileName={checked.fileName} />
              {checked.staged ? (
                <ApplyForm
                  staged={checked.staged}
                  fileName={checked.fileName}
                  label={`Apply import (${formatCount(checked.report.counts.create)} new, ${formatCount(checked.report.counts.update)} updated)`}
                  busy={busy}
                  applying={applying}
                />
              ) : (
                <CheckOutcome report={checked.report} />
              )}
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/** Why a checked file cannot be applied: the file itself, rows in it, or nothing it would change. */
function CheckOutcome({ report }: { report: ImportReport }) {
  if (!hasErrors(report))
    return (
      <p className="notice" role="status">
        Every row matches the catalog as it is: there is nothing to import.
      </p>
    );
  const fix = report.counts.error > 0 ? "Correct the rows above" : "Correct the file";
  return <p className="field-error">{fix} and check it again; nothing has been imported.</p>;
}

/** Applies a checked file, named by where it waits on the server. */
function ApplyForm({
  staged,
  fileName,
  label,
  busy,
  applying,
}: {
  staged: string;
  fileName: string;
  label: string;
  busy: boolean;
  applying: boolean;
}) {
  return (
    <Form method="post" encType="multipart/form-data" className="panel">
      <input type="hidden" name="intent" value={IMPORT_INTENT.apply} />
      <input type="hidden" name="fileName" value={fileName} />
      <input type="hidden" name="staged" value={staged} />
      <p>
        The file is checked again against the catalog as it is then, and written in batches of whole products while this
        page shows the progress. If someone changes the catalog meanwhile so that a row no longer applies, the import
        stops there; checking and applying the file again writes only what is missing.
      </p>
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        {applying ? "Applying…" : label}
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
