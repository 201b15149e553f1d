import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ADMIN_HEADERS, requireUser } from "~/lib/auth.server";
import { formatMoney } from "~/lib/money";
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

const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

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
          {order.paidAt ? ` · paid ${when.format(new Date(order.paidAt))} UTC` : ""}
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
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Qty</th>
            <th scope="col">Unit price</th>
            <th scope="col">Line total</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.id}>
              <td>
                {line.name} {line.partNumber ? <span className="part-number mono">{line.partNumber}</span> : null}
              </td>
              <td>{line.quantity}</td>
              <td>{formatMoney(line.unitPriceCents)}</td>
              <td>{formatMoney(line.quantity * line.unitPriceCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Total ({order.currency.toUpperCase()})
            </th>
            <td>
              <strong>{formatMoney(order.totalCents)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
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
                Checkout session <code>{session.stripeSessionId}</code> · {session.status} · {when.format(new Date(session.createdAt))} UTC
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No checkout session.</p>
        )}
      </section>
      <section aria-labelledby="order-timeline-heading">
        <h2 id="order-timeline-heading">Timeline</h2>
        <ol className="timeline">
          {order.events.map((event) => (
            <li key={event.id}>
              <time dateTime={event.createdAt}>{when.format(new Date(event.createdAt))} UTC</time> — {event.status.replace("_", " ")} by {event.actor}
              {event.note ? ` (${event.note})` : ""}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
