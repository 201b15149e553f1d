import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/admin/auth.server";
import { csvStream } from "~/catalog/catalog-csv.server";
import { askedMonth, salesTaxReport, type SalesTaxFigures } from "~/orders/sales-tax-report.server";

const dollars = (cents: number) => (cents / 100).toFixed(2);

const COLUMNS = [
  "State",
  "Invoices and receipts",
  "Sales before tax",
  "Exempt sales",
  "Credit notes",
  "Credited before tax",
  "Net sales",
  "Tax charged",
  "Estimated tax lines",
  "Tax credited",
  "Net tax",
];

const fieldsOf = (state: string, row: SalesTaxFigures) => ({
  State: state,
  "Invoices and receipts": String(row.documents),
  "Sales before tax": dollars(row.salesCents),
  "Exempt sales": dollars(row.exemptSalesCents),
  "Credit notes": String(row.creditNotes),
  "Credited before tax": dollars(row.creditedCents - row.creditedTaxCents),
  "Net sales": dollars(row.salesCents - row.creditedCents + row.creditedTaxCents),
  "Tax charged": dollars(row.taxCents),
  "Estimated tax lines": String(row.estimated),
  "Tax credited": dollars(row.creditedTaxCents),
  "Net tax": dollars(row.taxCents - row.creditedTaxCents),
});

/** The month's sales tax report as CSV, for the accountant's spreadsheet: one row per state, then the total. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const month = askedMonth(new URL(request.url).searchParams.get("month"));
  if (!month) return new Response("Choose a month, like 2026-12", { status: 400 });
  const { rows, total } = salesTaxReport(month);
  const lines = [...rows.map((row) => fieldsOf(row.state ?? "No sales tax line", row)), fieldsOf("Total", total)];
  return new Response(createReadableStreamFromReadable(csvStream(COLUMNS, lines)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="ironaxis-sales-tax-${month}.csv"`,
    },
  });
}
