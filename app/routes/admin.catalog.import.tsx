import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import fs from "node:fs";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ImportJobView, ImportReportView } from "~/catalog/components/import-report";
import { requireUser } from "~/admin/auth.server";
import { MAX_CSV_BYTES } from "~/catalog/catalog-csv.server";
import { hasErrors, IMPORT_INTENT, type ImportReport } from "~/catalog/import-report";
import { useFormResult, useIsPending } from "~/lib/forms";
import { formErrorResult, invalid } from "~/lib/forms.server";
import { discardReceived, readMultipart } from "~/lib/multipart.server";
import { checkImport, getImportJob, startImport } from "~/catalog/catalog-import.server";

export const meta: MetaFunction = () => [
  { title: "Catalog import and export · IronAxis back office" },
  { name: "robots", content: "noindex" },
];

/** `?job=<id>`: the progress of an import being applied, then how it ended. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const jobId = new URL(request.url).searchParams.get("job");
  if (jobId === null) return data({ job: null });
  const job = /^\d{1,15}$/.test(jobId) ? getImportJob(Number(jobId)) : undefined;
  if (!job) throw new Response("No such import", { status: 404 });
  return data({ job });
}

/** A file checked (or an apply refused because the catalog changed): the report, and the file to apply. */
type Checked = { intent: string; report: ImportReport; csv: string; fileName: string; formError?: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, ["admin", "sales"]);
  // The dry run sends the file; applying sends the checked file back as a text field.
  const read = await readMultipart(request, {
    maxBytes: MAX_CSV_BYTES + 64 * 1024,
    maxFileBytes: MAX_CSV_BYTES,
    maxFieldBytes: MAX_CSV_BYTES,
    fileFields: ["file"],
    maxFiles: 1,
  });
  if (!read.ok) {
    if (read.problem === "unreadable")
      throw new Response("The form could not be read; please send it again.", { status: 400 });
    const tooLarge = "The file is larger than 10 MB; split it into several imports.";
    return invalid(formErrorResult({}, tooLarge, { intent: read.fields.intent }), 413);
  }
  const { fields } = read;
  const [file] = read.files;
  try {
    if (fields.intent === IMPORT_INTENT.check) {
      if (!file)
        return invalid(formErrorResult(fields, "Choose a CSV file to check.", { intent: IMPORT_INTENT.check }), 400);
      const csv = await fs.promises.readFile(file.path, "utf8");
      const report = await checkImport(csv);
      return data<Checked>(
        { intent: IMPORT_INTENT.check, report, csv, fileName: file.name.slice(0, 200) },
        { status: hasErrors(report) ? 422 : 200 },
      );
    }
  } finally {
    discardReceived(read.files);
  }
  if (fields.intent === IMPORT_INTENT.apply) {
    const csv = fields.csv ?? "";
    const fileName = (fields.fileName ?? "").slice(0, 200);
    // Checked again first: if the catalog changed since the dry run so that a row no longer applies, nothing is written.
    const start = await startImport(csv, { fileName, userId: user.id });
    if (start.started) return redirect(`/admin/catalog/import?job=${start.jobId}`);
    const refused: Checked = { intent: IMPORT_INTENT.apply, report: start.report, csv, fileName };
    if (start.running) {
      refused.formError = `Another import (${start.running.fileName || "a file"}) is being applied: ${start.running.rowsWritten.toLocaleString("en-US")} of ${start.running.rowsToWrite.toLocaleString("en-US")} rows written. Apply this file when it has finished.`;
    }
    return data<Checked>(refused, { status: 409 });
  }
  throw new Response("Unknown action", { status: 400 });
}

export default function CatalogImport() {
  const answer = useActionData<typeof action>();
  const checked = answer && "report" in answer ? answer : undefined;
  const failed = useFormResult();
  const error = failed?.formError ?? checked?.formError;
  const { job } = useLoaderData<typeof loader>();
  const checking = useIsPending({ intent: IMPORT_INTENT.check, state: "submitting" });
  const applying = useIsPending({ intent: IMPORT_INTENT.apply, state: "submitting" });
  const busy = checking || applying;
  return (
    <section aria-labelledby="import-heading">
      <h1 id="import-heading">Catalog import and export</h1>
      {job && !answer ? <ImportJobView job={job} /> : null}
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
          Nothing is written by the check. Up to 10 MB. A price left empty means quote only; a spec column left out of
          the file keeps the products’ values.
        </p>
        <input type="hidden" name="intent" value={IMPORT_INTENT.check} />
        <div className="field">
          <label htmlFor="file">CSV file</label>
          <input id="file" name="file" type="file" accept=".csv,text/csv" required />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {checking ? "Checking…" : "Check the file (dry run)"}
        </button>
      </Form>
      {error ? (
        <p className="error-summary" role="alert">
          {error}
        </p>
      ) : null}
      {checked ? (
        <>
          <ImportReportView report={checked.report} fileName={checked.fileName} />
          {hasErrors(checked.report) ? (
            <p className="field-error">Correct the rows above and check the file again; nothing has been imported.</p>
          ) : (
            <Form method="post" encType="multipart/form-data" className="panel">
              <input type="hidden" name="intent" value={IMPORT_INTENT.apply} />
              <input type="hidden" name="fileName" value={checked.fileName} />
              <textarea name="csv" hidden readOnly defaultValue={checked.csv} aria-hidden="true" />
              <p>
                The file is checked again, then written in batches of whole products while this page shows the progress.
                If someone changes the catalog meanwhile so that a row no longer applies, the import stops there;
                applying the file again writes only what is missing.
              </p>
              <button type="submit" className="button" disabled={busy}>
                {applying
                  ? "Applying…"
                  : `Apply import (${checked.report.counts.create} new, ${checked.report.counts.update} updated)`}
              </button>
            </Form>
          )}
        </>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
