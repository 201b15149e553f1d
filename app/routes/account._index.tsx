import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { accountAction, accountOverview } from "~/accounts/account-page.server";
import { ACCOUNT_INTENT } from "~/accounts/account-schema";
import { HISTORY_PAGE_SIZE, type HistoryRow } from "~/accounts/account-history";
import { Pagination } from "~/components/pagination";
import { TextField } from "~/components/ui/field";
import { formatDateTimeUtc } from "~/lib/dates";
import { typedOr, useFormResult } from "~/lib/forms";
import { formatMoney } from "~/lib/money";
import { plural } from "~/lib/plural";
import { BUYER_ORDER_STATUS, ORDER_STATUSES } from "~/orders/order-lifecycle";
import { QUOTE_STATUS_LABEL, QUOTE_STATUSES } from "~/quotes/quote-lifecycle";

export const meta: MetaFunction = () => [{ title: "Your account | IronAxis" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return accountOverview(request);
}

export async function action({ request }: ActionFunctionArgs) {
  return accountAction(request);
}

const statusLabel = (row: HistoryRow) =>
  row.kind === "quote"
    ? QUOTE_STATUS_LABEL[row.status as keyof typeof QUOTE_STATUS_LABEL]
    : BUYER_ORDER_STATUS[row.status as keyof typeof BUYER_ORDER_STATUS];

function HistoryTable({ rows, caption, showTotal }: { rows: HistoryRow[]; caption: string; showTotal: boolean }) {
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">Sent</th>
            <th scope="col">Status</th>
            <th scope="col">By</th>
            {showTotal ? <th scope="col">Total</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>{row.href ? <Link to={row.href}>{row.reference}</Link> : row.reference}</td>
              <td>{formatDateTimeUtc(row.createdAt)}</td>
              <td>{statusLabel(row)}</td>
              <td>
                {row.contactName} <span className="muted">{row.email}</span>
              </td>
              {showTotal ? <td>{row.totalCents === null ? "" : formatMoney(row.totalCents)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The account's requests and orders, filtered by status, person and date; guest history to claim; the buyer's name. */
export default function AccountOverview() {
  const { customer, quotes, orders, people, claimable, filter } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const result = useFormResult();
  const claimCount = claimable.quotes.length + claimable.orders.length;
  const filtered = Boolean(filter.status || filter.personId || filter.from || filter.to);
  return (
    <>
      <h1>Your account</h1>
      {result?.status === "success" ? (
        <p className="notice" role="status">
          {result.message}
        </p>
      ) : null}
      {claimCount ? (
        <section className="panel" aria-labelledby="claim-heading">
          <h2 id="claim-heading">Sent from {customer.email} before you signed in</h2>
          <p>
            {[
              claimable.quotes.length ? `Quote requests ${claimable.quotes.join(", ")}` : "",
              claimable.orders.length ? `orders ${claimable.orders.join(", ")}` : "",
            ]
              .filter(Boolean)
              .join(" and ")}{" "}
            were sent from your e-mail address as a guest.
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value={ACCOUNT_INTENT.claim} />
            <button type="submit" className="button">
              Add {claimCount === 1 ? "it" : `all ${claimCount}`} to{" "}
              {customer.companyName ? customer.companyName : "your account"}
            </button>
          </Form>
        </section>
      ) : null}

      <Form method="get" className="account-filters" aria-label="Filter requests and orders">
        <label htmlFor="filter-status">Status</label>
        <select id="filter-status" name="status" defaultValue={search.get("status") ?? ""}>
          <option value="">Any</option>
          <optgroup label="Quote requests">
            {QUOTE_STATUSES.map((status) => (
              <option key={status} value={`quote:${status}`}>
                Quote request {QUOTE_STATUS_LABEL[status]}
              </option>
            ))}
          </optgroup>
          <optgroup label="Orders">
            {ORDER_STATUSES.map((status) => (
              <option key={status} value={`order:${status}`}>
                Order {BUYER_ORDER_STATUS[status]}
              </option>
            ))}
          </optgroup>
        </select>
        {people.length > 1 ? (
          <>
            <label htmlFor="filter-person">Person</label>
            <select id="filter-person" name="person" defaultValue={search.get("person") ?? ""}>
              <option value="">Anyone</option>
              {people.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.label}
                </option>
              ))}
            </select>
          </>
        ) : null}
        <label htmlFor="filter-from">From</label>
        <input id="filter-from" name="from" type="date" defaultValue={filter.from ?? ""} />
        <label htmlFor="filter-to">To</label>
        <input id="filter-to" name="to" type="date" defaultValue={filter.to ?? ""} />
        <button type="submit" className="button button--secondary">
          Filter
        </button>
        {filtered ? <Link to="/account">Show all</Link> : null}
      </Form>

      {quotes.shown ? (
        <section aria-labelledby="quotes-heading">
          <h2 id="quotes-heading">Quote requests</h2>
          {quotes.rows.length ? (
            <>
              <p className="muted">{plural(quotes.total, "quote request")}</p>
              <HistoryTable rows={quotes.rows} caption="Quote requests" showTotal={false} />
              <Pagination
                page={filter.quotePage}
                total={quotes.total}
                search={search}
                pageSize={HISTORY_PAGE_SIZE}
                param="qpage"
                label="Quote request pages"
              />
            </>
          ) : (
            <p>
              {filtered ? "No quote requests match." : "No quote requests yet."}{" "}
              <Link to="/categories">Browse the catalog</Link> and add products to a quote list.
            </p>
          )}
        </section>
      ) : null}

      {orders.shown ? (
        <section aria-labelledby="orders-heading">
          <h2 id="orders-heading">Orders</h2>
          {orders.rows.length ? (
            <>
              <p className="muted">{plural(orders.total, "order")}</p>
              <HistoryTable rows={orders.rows} caption="Orders" showTotal />
              <Pagination
                page={filter.orderPage}
                total={orders.total}
                search={search}
                pageSize={HISTORY_PAGE_SIZE}
                param="opage"
                label="Order pages"
              />
            </>
          ) : (
            <p>{filtered ? "No orders match." : "No orders yet."}</p>
          )}
        </section>
      ) : null}

      <Form method="post" className="panel" aria-labelledby="name-heading">
        <h2 id="name-heading">Your name</h2>
        <input type="hidden" name="intent" value={ACCOUNT_INTENT.rename} />
        <TextField
          id="account-name"
          name="name"
          label="Name"
          autoComplete="name"
          maxLength={200}
          defaultValue={typedOr(result?.intent === ACCOUNT_INTENT.rename ? result : undefined, "name", customer.name)}
          error={result?.intent === ACCOUNT_INTENT.rename ? result.fieldErrors.name : undefined}
        />
        <button type="submit" className="button button--secondary">
          Save name
        </button>
      </Form>
    </>
  );
}
