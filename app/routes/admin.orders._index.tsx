import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { ORDER_STATUS_LABEL, ORDER_STATUSES } from "~/orders/order-lifecycle";
import { OrderStatusFilter } from "~/orders/order-schema";
import { Age } from "~/admin/components/age";
import { Pagination } from "~/components/pagination";
import { requireUser } from "~/admin/auth.server";
import { formatMoney } from "~/lib/money";
import { companyFilter } from "~/accounts/sales-companies.server";
import { listOrders } from "~/orders/order.server";
import { plural } from "~/lib/plural";

export const meta: MetaFunction = () => [
  { title: "Orders · IronAxis back office" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const url = new URL(request.url);
  const status = OrderStatusFilter.parse(url.searchParams.get("status") ?? undefined);
  const page = Math.min(Math.max(1, Math.trunc(Number(url.searchParams.get("page"))) || 1), 10_000);
  const company = companyFilter(url.searchParams.get("company"));
  return data({
    ...listOrders({ status, page, companyId: company?.id }),
    status: status ?? "",
    company,
    now: new Date().toISOString(),
  });
}

export default function Orders() {
  const { orders, total, page, pageSize, status, company, now } = useLoaderData<typeof loader>();
  const ofCompany = company ? `company=${company.id}` : "";
  const [search] = useSearchParams();
  return (
    <section aria-labelledby="orders-heading">
      <h1 id="orders-heading">Orders</h1>
      <nav aria-label="Order status" className="tabs">
        <Link to={`?${ofCompany}`} aria-current={status ? undefined : "page"}>
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
        {company ? ` of ${company.name}` : ""}, newest first.
        {company ? (
          <>
            {" "}
            <Link to={status ? `?status=${status}` : "?"}>All companies</Link>
          </>
        ) : null}
      </p>
      {orders.length ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Company</th>
              <th scope="col">Status</th>
              <th scope="col">Payment</th>
              <th scope="col">Total</th>
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
                <td>
                  {order.paymentMethod}
                  {order.poNumber ? ` · PO ${order.poNumber}` : ""}
                </td>
                <td>{formatMoney(order.totalCents)}</td>
                <td>
                  <Age since={order.createdAt} now={now} /> ago
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>No orders here.</p>
      )}
      <Pagination page={page} total={total} search={search} pageSize={pageSize} />
    </section>
  );
}
