import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { OrderLinesTable } from "~/components/order-lines-table";
import { Timeline } from "~/components/timeline";
import { ADMIN_HEADERS, requireUser } from "~/lib/auth.server";
import { formatDateTimeUtc } from "~/lib/dates";
import { readForm } from "~/lib/request-body.server";
import { getOrderForSales, markOrderPaidBySales } from "~/models/order.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.order.reference ?? "Order"} · IronAxis back office` },
  { name: "robots", content: "noindex" },
];

export const headers = () => ADMIN_HEADERS;

function findOr404(id: string | undefined) {
  const order = getOrderForSales(Number(id));
  if (!order) throw new Response("Not found", { status: 404, headers: ADMIN_HEADERS });
  return order;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  return data({ order: findOr404(params.id) }, { headers: ADMIN_HEADERS });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, ["admin", "sales"]);
  const order = findOr404(params.id);
  const form = await readForm(request, 4 * 1024);
  if (form.get("intent") !== "mark-paid") throw new Response("Unknown action", { status: 400, headers: ADMIN_HEADERS });
  markOrderPaidBySales(order.id, `sales:${user.email}`);
  return redirect(`/admin/orders/${order.id}`, { headers: ADMIN_HEADERS });
}

export default function AdminOrder() {
  const { order } = useLoaderData<typeof loader>();
  return (
    <>
      <header className="page-header">
        <p className="eyebrow">
          <Link to="/admin/orders">Orders</Link>
        </p>
        <h1>
          {order.reference} <span className={`status status--${order.status}`}>{order.status.replace("_", " ")}</span>
        </h1>
        <p>
          <strong>{order.company}</strong> · {order.contactName} · <a href={`mailto:${order.email}`}>{order.email}</a>
        </p>
        {order.shippingAddress ? <p className="message">Ship to: {order.shippingAddress}</p> : null}
        <p>
          Payment: {order.paymentMethod}
          {order.poNumber ? ` · PO ${order.poNumber}` : ""}
          {order.poAttachmentName ? (
            <>
              {" · "}
              <a href={`/admin/orders/${order.id}/purchase-order`} download>
                {order.poAttachmentName}
              </a>
            </>
          ) : null}
          {order.paidAt ? ` · paid ${formatDateTimeUtc(order.paidAt)}` : ""}
          {order.quoteRequestId ? (
            <>
              {" · "}
              <Link to={`/admin/quotes/${order.quoteRequestId}`}>from quote request</Link>
            </>
          ) : null}
        </p>
        {order.flaggedReason ? (
          <p className="error-summary" role="alert">
            {order.flaggedReason}
          </p>
        ) : null}
        {order.status === "awaiting_payment" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="mark-paid" />
            <button type="submit" className="button">
              Mark invoice paid
            </button>
          </Form>
        ) : null}
      </header>
      <OrderLinesTable lines={order.lines} totalCents={order.totalCents} currency={order.currency} />
      <section aria-labelledby="stripe-heading">
        <h2 id="stripe-heading">Stripe</h2>
        {order.stripePaymentIntentId ? (
          <p>
            Payment intent <code>{order.stripePaymentIntentId}</code>
          </p>
        ) : null}
        {order.sessions.length ? (
          <ul>
            {order.sessions.map((session) => (
              <li key={session.id}>
                Checkout session <code>{session.stripeSessionId}</code> · {session.status} · {formatDateTimeUtc(session.createdAt)}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No checkout session.</p>
        )}
      </section>
      <Timeline events={order.events} describe={(event) => `${event.status.replace("_", " ")} by ${event.actor}${event.note ? ` (${event.note})` : ""}`} />
    </>
  );
}
