import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireUser } from "~/admin/auth.server";
import { Pagination } from "~/components/pagination";
import { formatMoney } from "~/lib/money";
import { plural } from "~/lib/plural";
import { AGING_BUCKETS, AGING_LABEL } from "~/orders/invoice-rules";
import { listInvoices } from "~/orders/invoice.server";
import { ORDER_STATUS_LABEL, type OrderStatus } from "~/orders/order-lifecycle";
import { TableScroll } from "~/components/ui/table-scroll";

export const meta: MetaFunction = () => [
  { title: "Invoices · IronAxis back office" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const url = new URL(request.url);
  const all = url.searchParams.get("show") === "all";
  const page = Math.min(Math.max(1, Math.trunc(Number(url.searchParams.get("page"))) || 1), 10_000);
  return data({ ...listInvoices({ open: !all, page }), all });
}

/** What became of an invoice no longer owed: "Paid", "Refunded", "Cancelled". */
const settledText = (status: OrderStatus) =>
  ORDER_STATUS_LABEL[status].charAt(0).toUpperCase() + ORDER_STATUS_LABEL[status].slice(1);

/** Invoices still owed by age past their due date, with what each bucket adds up to; or every invoice and receipt. */
export default function Invoices() {
  const { invoices, total, page, pageSize, aging, all } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const owed = AGING_BUCKETS.reduce((sum, bucket) => sum + aging[bucket].cents, 0);
  return (
    <section aria-labelledby="invoices-heading">
      <h1 id="invoices-heading">Invoices</h1>
      <dl className="stats" aria-label="Owed by age">
        {AGING_BUCKETS.map((bucket) => (
          <div key={bucket}>
            <dt>
              {AGING_LABEL[bucket]} ({aging[bucket].count})
            </dt>
            <dd>{formatMoney(aging[bucket].cents)}</dd>
          </div>
        ))}
        <div>
          <dt>Total owed</dt>
          <dd>{formatMoney(owed)}</dd>
        </div>
      </dl>
      <nav aria-label="Which invoices" className="tabs">
        <Link to="?" aria-current={all ? undefined : "page"}>
          Still owed
        </Link>
        <Link to="?show=all" aria-current={all ? "page" : undefined}>
          All invoices and receipts
        </Link>
      </nav>
      <p className="muted">
        {plural(
          total,
          all ? "invoice or receipt" : "invoice still owed",
          all ? "invoices and receipts" : "invoices still owed",
        )}
        , newest first.
      </p>
      {invoices.length ? (
        <TableScroll label="Invoices">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Invoice</th>
                <th scope="col">Order</th>
                <th scope="col">Company</th>
                <th scope="col">Issued</th>
                <th scope="col">Due</th>
                <th scope="col">Total</th>
                <th scope="col">Balance</th>
                <th scope="col">Age</th>
              </tr>
            </thead>
            <tbody>
              {invoices.map((invoice) => (
                <tr key={invoice.id}>
                  <td>
                    <a href={`/admin/orders/${invoice.orderId}/invoice.pdf`} download>
                      {invoice.number}
                    </a>
                    {invoice.kind === "receipt" ? <span className="muted"> receipt</span> : null}
                  </td>
                  <td>
                    <Link to={`/admin/orders/${invoice.orderId}`} prefetch="intent">
                      {invoice.reference}
                    </Link>
                  </td>
                  <td>{invoice.company}</td>
                  <td>{invoice.issuedOn}</td>
                  <td>{invoice.kind === "invoice" ? invoice.dueOn : "—"}</td>
                  <td>{formatMoney(invoice.totalCents)}</td>
                  <td>{formatMoney(invoice.balanceCents)}</td>
                  <td>{invoice.bucket ? AGING_LABEL[invoice.bucket] : settledText(invoice.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>No invoices here.</p>
      )}
      <Pagination page={page} total={total} search={search} pageSize={pageSize} />
    </section>
  );
}
