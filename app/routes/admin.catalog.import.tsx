import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ImportReportView } from "~/components/admin/import-report";
import { ADMIN_HEADERS, requireUser } from "~/lib/auth.server";
import { MAX_CSV_BYTES } from "~/lib/catalog-csv.server";
import { hasErrors, type ImportReport } from "~/lib/import-report";
import { readMultipartForm } from "~/lib/multipart.server";
import { applyImport, checkImport } from "~/models/catalog-import.server";

export const meta: MetaFunction = () => [{ title: "Catalog import and export · IronAxis back office" }, { name: "robots", content: "noindex" }];

export const headers = () => ADMIN_HEADERS;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  return data(null, { headers: ADMIN_HEADERS });
}

type Result = { error: string } | { report: ImportReport; csv: string; fileName: string };

export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const read = await readMultipartForm(request, { maxBytes: MAX_CSV_BYTES + 64 * 1024, maxPartBytes: MAX_CSV_BYTES });
  if (!read.ok) return data<Result>({ error: "The file is larger than 10 MB; split it into several imports." }, { status: 413, headers: ADMIN_HEADERS });
  const intent = read.form.get("intent");
  if (intent === "check") {
    const file = read.form.get("file");
    if (!(file instanceof File) || file.size === 0) return data<Result>({ error: "Choose a CSV file to check." }, { status: 400, headers: ADMIN_HEADERS });
    const csv = await file.text();
    const report = checkImport(csv);
    return data<Result>({ report, csv, fileName: file.name.slice(0, 200) }, { status: hasErrors(report) ? 422 : 200, headers: ADMIN_HEADERS });
  }
  if (intent === "apply") {
    const csv = String(read.form.get("csv") ?? "");
    const fileName = String(read.form.get("fileName") ?? "").slice(0, 200);
    const { applied, report } = applyImport(csv);
    // Checked again inside the transaction: if the catalog changed since the dry run, nothing is written.
    if (!applied) return data<Result>({ report, csv, fileName }, { status: 409, headers: ADMIN_HEADERS });
    const { create, update, unchanged } = report.counts;
    return redirect(`/admin/catalog/import?created=${create}&updated=${update}&unchanged=${unchanged}&ms=${report.ms}`, { headers: ADMIN_HEADERS });
  }
  throw new Response("Unknown action", { status: 400, headers: ADMIN_HEADERS });
}

export default function CatalogImport() {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" ? navigation.formData?.get("intent") : undefined;
  const [search] = useSearchParams();
  const applied = search.has("created") && !result;
  return (
    <section aria-labelledby="import-heading">
      <h1 id="import-heading">Catalog import and export</h1>
      {applied ? (
        <p className="notice" role="status">
          Import applied: {search.get("created")} created, {search.get("updated")} updated, {search.get("unchanged")} unchanged ({search.get("ms")} ms).
        </p>
      ) : null}
      <div className="panel">
        <h2>Export</h2>
        <p>
          One row per product, archived ones included, one <code>spec:&lt;key&gt;</code> column per specification and the category by its slug. Edit it in a
          spreadsheet and import it back: rows are matched to products by part number.
        </p>
        <a href="/admin/catalog/export.csv" className="button button--secondary" download>
          Download the catalog (CSV)
        </a>
      </div>
      <Form method="post" encType="multipart/form-data" className="panel" aria-labelledby="check-heading">
        <h2 id="check-heading">Import: check a file first</h2>
        <p className="muted">
          Nothing is written by the check. Up to 10 MB. A price left empty means quote only; a spec column left out of the file keeps the products’ values.
        </p>
        <input type="hidden" name="intent" value="check" />
        <div className="field">
          <label htmlFor="file">CSV file</label>
          <input id="file" name="file" type="file" accept=".csv,text/csv" required />
        </div>
        <button type="submit" className="button" disabled={Boolean(busy)}>
          {busy === "check" ? "Checking…" : "Check the file (dry run)"}
        </button>
      </Form>
      {result && "error" in result ? (
        <p className="error-summary" role="alert">
          {result.error}
        </p>
      ) : null}
      {result && "report" in result ? (
        <>
          <ImportReportView report={result.report} fileName={result.fileName} />
          {hasErrors(result.report) ? (
            <p className="field-error">Correct the rows above and check the file again; nothing has been imported.</p>
          ) : (
            <Form method="post" encType="multipart/form-data" className="panel">
              <input type="hidden" name="intent" value="apply" />
              <input type="hidden" name="fileName" value={result.fileName} />
              <textarea name="csv" hidden readOnly defaultValue={result.csv} aria-hidden="true" />
              <p>All rows are applied together in one transaction, or none is.</p>
              <button type="submit" className="button" disabled={Boolean(busy)}>
                {busy === "apply" ? "Applying…" : `Apply import (${result.report.counts.create} new, ${result.report.counts.update} updated)`}
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
