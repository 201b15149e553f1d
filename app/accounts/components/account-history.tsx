import { Form, Link, useSearchParams } from "@remix-run/react";
import { formatDateTimeUtc } from "~/lib/dates";
import { formatMoney } from "~/lib/money";
import { BUYER_ORDER_STATUS, ORDER_STATUSES } from "~/orders/order-lifecycle";
import { QUOTE_STATUS_LABEL, QUOTE_STATUSES } from "~/quotes/quote-lifecycle";
import type { HistoryRow } from "~/accounts/account-history";
import { ACCOUNT_INTENT } from "~/accounts/account-intents";
import { TableScroll } from "~/components/ui/table-scroll";

const statusLabel = (row: HistoryRow) =>
  row.kind === "quote"
    ? QUOTE_STATUS_LABEL[row.status as keyof typeof QUOTE_STATUS_LABEL]
    : BUYER_ORDER_STATUS[row.status as keyof typeof BUYER_ORDER_STATUS];

/** A past order back into the cart (today's prices) or the quote list: a plain form per row. */
function ReorderForm({ row }: { row: HistoryRow }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={ACCOUNT_INTENT.reorder} />
      <input type="hidden" name="orderId" value={row.id} />
      <button
        type="submit"
        name="target"
        value="cart"
        className="button button--secondary"
        aria-label={`Reorder to cart: ${row.reference}`}
      >
        Reorder to cart
      </button>
      <button
        type="submit"
        name="target"
        value="quote"
        className="button button--secondary"
        aria-label={`Add to quote list: ${row.reference}`}
      >
        Add to quote list
      </button>
    </Form>
  );
}

export function HistoryTable({
  rows,
  caption,
  showTotal,
}: {
  rows: HistoryRow[];
  caption: string;
  showTotal: boolean;
}) {
  return (
    <TableScroll label={caption}>
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">Sent</th>
            <th scope="col">Status</th>
            <th scope="col">By</th>
            {showTotal ? <th scope="col">Total</th> : null}
            {showTotal ? <th scope="col">Again</th> : null}
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
              {showTotal ? (
                <td>
                  <ReorderForm row={row} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Status (a quote or an order status), person and dates: a GET form, so a filtered view is a link. */
export function HistoryFilters({
  people,
  filter,
  filtered,
}: {
  people: { id: number; label: string }[];
  filter: { from?: string; to?: string; datesProblem?: string };
  filtered: boolean;
}) {
  const [search] = useSearchParams();
  const refusal = filter.datesProblem ? { "aria-invalid": true, "aria-describedby": "filter-dates-error" } : {};
  return (
    // Drawn anew for each address, so "Show all", Back and Forward set the fields as they set the lists.
    <Form key={search.toString()} method="get" className="account-filters" aria-label="Filter requests and orders">
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
      <input id="filter-from" name="from" type="date" defaultValue={filter.from ?? ""} {...refusal} />
      <label htmlFor="filter-to">To</label>
      <input id="filter-to" name="to" type="date" defaultValue={filter.to ?? ""} {...refusal} />
      <button type="submit" className="button button--secondary">
        Filter
      </button>
      {filtered ? <Link to="/account">Show all</Link> : null}
      {filter.datesProblem ? (
        <p id="filter-dates-error" className="field-error">
          {filter.datesProblem}
        </p>
      ) : null}
    </Form>
  );
}
