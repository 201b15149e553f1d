import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/admin/auth.server";
import { TextField } from "~/components/ui/field";
import { TableScroll } from "~/components/ui/table-scroll";
import { formatMoney } from "~/lib/money";
import { isVisibleText, showable } from "~/lib/plain-text";
import { askedMonth, salesTaxReport, thisMonth, type SalesTaxFigures } from "~/orders/sales-tax-report.server";

export const meta: MetaFunction = () => [
  { title: "Sales tax · IronAxis back office" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const typed = new URL(request.url).searchParams.get("month");
  const month = askedMonth(typed);
  // A month that is not one is answered with no figures and a word at the field, which holds
  // months only, so the message says what was asked for when it can be shown as it was.
  if (!month) {
    const shown = showable(typed ?? "").slice(0, 20);
    const asked = shown === typed && isVisibleText(shown) ? `“${shown}” is not a month` : "That is not a month";
    return data({ report: undefined, monthError: `${asked}: choose one, like ${thisMonth()}` });
  }
  return data({ report: salesTaxReport(month), monthError: undefined });
}

function Cells({ row }: { row: SalesTaxFigures }) {
  return (
    <>
      <td>{row.documents}</td>
      <td>{formatMoney(row.salesCents)}</td>
      <td>{formatMoney(row.exemptSalesCents)}</td>
      <td>
        {row.creditNotes ? `−${formatMoney(row.creditedCents - row.creditedTaxCents)} (${row.creditNotes})` : "—"}
      </td>
      <td>{formatMoney(row.salesCents - row.creditedCents + row.creditedTaxCents)}</td>
      <td>
        {formatMoney(row.taxCents)}
        {row.estimated ? <span className="muted"> ({row.estimated} estimated)</span> : null}
      </td>
      <td>{row.creditNotes ? `−${formatMoney(row.creditedTaxCents)}` : "—"}</td>
      <td>{formatMoney(row.taxCents - row.creditedTaxCents)}</td>
    </>
  );
}

/**
 * Sales tax by state for a month, for the tax return: what the invoices and receipts issued in it
 * charged, less the tax in its credit notes.
 */
export default function SalesTaxReport() {
  const { report, monthError } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="sales-tax-heading">
      <h1 id="sales-tax-heading">Sales tax{report ? `, ${report.month}` : ""}</h1>
      <Form method="get" className="inline-form">
        <TextField
          id="report-month"
          name="month"
          type="month"
          label="Month"
          defaultValue={report?.month}
          error={monthError}
        />
        <button type="submit" className="button button--secondary">
          Show
        </button>
      </Form>
      {report ? <Report {...report} /> : null}
    </section>
  );
}

function Report({ month, rows, total }: ReturnType<typeof salesTaxReport>) {
  return (
    <>
      <p>
        <a href={`/admin/reports/sales-tax.csv?month=${month}`} download>
          Download {month} as CSV
        </a>
      </p>
      <p className="muted">
        By the state each order shipped to. Invoices and receipts count in the month they were issued, credit notes
        (returns, price corrections, cancellations) in theirs; net sales are sales less what credit notes took off them
        before tax. A tax line sales has not confirmed yet is an estimate.
      </p>
      {rows.length ? (
        <TableScroll label="Sales tax by state">
          <table className="data-table">
            <caption className="visually-hidden">Sales tax by state, {month}</caption>
            <thead>
              <tr>
                <th scope="col">State</th>
                <th scope="col">Invoices and receipts</th>
                <th scope="col">Sales before tax</th>
                <th scope="col">Of which exempt</th>
                <th scope="col">Credited before tax (credit notes)</th>
                <th scope="col">Net sales</th>
                <th scope="col">Tax charged</th>
                <th scope="col">Tax credited</th>
                <th scope="col">Net tax</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.state ?? "none"}>
                  <th scope="row">{row.state ?? "No sales tax line"}</th>
                  <Cells row={row} />
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <Cells row={total} />
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      ) : (
        <p>Nothing was invoiced or credited in {month}.</p>
      )}
    </>
  );
}
