import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { ORDER_STATUS_LABEL, ORDER_STATUSES, ORDER_VIEW_LABEL, ORDER_VIEWS } from "~/orders/order-lifecycle";
import { OrderStatusFilter, OrderViewFilter } from "~/orders/order-schema";
import { Age } from "~/admin/components/age";
import { Pagination } from "~/components/pagination";
import { requireUser } from "~/admin/auth.server";
import { formatMoney } from "~/lib/money";
import { companyFilter } from "~/accounts/sales-companies.server";
import { listOrders } from "~/orders/order-list.server";
import { plural } from "~/lib/plural";
import { TableScroll } from "~/components/ui/table-scroll";

export const meta: MetaFunction = () => [
  { title: "Orders · IronAxis back office" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const url = new URL(request.url);
  // A work queue decides alone; otherwise the status tab does.
  const view = OrderViewFilter.parse(url.searchParams.get("view") ?? undefined);
  const status = view ? undefined : OrderStatusFilter.parse(url.searchParams.get("status") ?? undefined);
  const page = Math.min(Math.max(1, Math.trunc(Number(url.searchParams.get("page"))) || 1), 10_000);
  const company = companyFilter(url.searchParams.get("company"));
  return data({
    ...listOrders({ status, view, page, companyId: company?.id }),
    status: status ?? "",
    view: view ?? null,
    company,
    now: new Date().toISOString(),
  });
}

/** How each queue is ordered: the longest waiting first. */
const VIEW_ORDER = {
  to_ship: "oldest first",
  shipped: "newest first",
  overdue: "longest overdue first",
} as const;

export default function Orders() {
  const { orders, total, page, pageSize, status, view, company, now } = useLoaderData<typeof loader>();
  const ofCompany = company ? `company=${company.id}` : "";
  const [search] = useSearchParams();
  return (
    <section aria-labelledby="orders-heading">
      <h1 id="orders-heading">Orders</h1>
      <nav aria-label="Work queues" className="tabs">
        {ORDER_VIEWS.map((v) => (
          <Link key={v} to={`?view=${v}${ofCompany && `&${ofCompany}`}`} aria-current={view === v ? "page" : undefined}>
            {ORDER_VIEW_LABEL[v]}
          </Link>
        ))}
      </nav>
      <nav aria-label="Order status" className="tabs">
        <Link to={`?${ofCompany}`} aria-current={status || view ? undefined : "page"}>
          All
        </Link>
        {ORDER_STATUSES.map((s) => (
          <Link
            key={s}
            to={`?status=${s}${ofCompany && `&${ofCompany}`}`}
            aria-current={status === s ? "page" : undefined}
          >
            {ORDER_STATUS_LABEL[s]}
          </Link>
        ))}
      </nav>
      <p className="muted">
        {plural(total, "order")}
        {company ? ` of ${company.name}` : ""}
        {view ? ` ${ORDER_VIEW_LABEL[view].toLowerCase()}, ${VIEW_ORDER[view]}.` : ", newest first."}
        {company ? (
          <>
            {" "}
            <Link to={view ? `?view=${view}` : status ? `?status=${status}` : "?"}>All companies</Link>
          </>
        ) : null}
      </p>
      {orders.length ? (
        <TableScroll label="Orders">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Company</th>
                <th scope="col">Status</th>
                <th scope="col">Fulfilment</th>
                <th scope="col">Payment</th>
                <th scope="col">Total</th>
                <th scope="col">Invoice due</th>
                <th scope="col">Placed</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((order) => (
                <tr key={order.id}>
                  <td>
                    <Link to={`/admin/orders/${order.id}`} prefetch="intent">
                      {order.reference}
                    </Link>
                    {order.flaggedReason ? <span className="badge">check</span> : null}
                  </td>
                  <td>
                    {order.company} <span className="muted">{order.email}</span>
                  </td>
                  <td>
                    <span className={`status status--${order.status}`}>{ORDER_STATUS_LABEL[order.status]}</span>
                  </td>
                  <td>{order.fulfilment}</td>
                  <td>
                    {order.paymentMethod}
                    {order.poNumber ? ` · PO ${order.poNumber}` : ""}
                  </td>
                  <td>{formatMoney(order.totalCents)}</td>
                  <td>
                    {order.invoice ? (
                      <>
                        {order.invoice.dueOn}{" "}
                        <span className="muted">balance {formatMoney(order.invoice.balanceCents)}</span>
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td>
                    <Age since={order.createdAt} now={now} /> ago
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>No orders here.</p>
      )}
      <Pagination page={page} total={total} search={search} pageSize={pageSize} />
    </section>
  );
}
