import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Pagination } from "~/components/pagination";
import { requireUser } from "~/admin/auth.server";
import { INBOX_PAGE_SIZE, INBOX_VIEWS, type InboxView } from "~/quotes/quote-inbox";
import { companyFilter } from "~/accounts/sales-companies.server";
import { listInbox, unreadCount } from "~/quotes/quote-inbox.server";
import { QUOTE_STATUS_LABEL } from "~/quotes/quote-lifecycle";
import { Age } from "~/admin/components/age";
import { plural } from "~/lib/plural";
import { queryText } from "~/lib/plain-text";
import { TableScroll } from "~/components/ui/table-scroll";

export const meta: MetaFunction = () => [
  { title: "Quote inbox · IronAxis back office" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["admin", "sales"]);
  const url = new URL(request.url);
  const requested = url.searchParams.get("view") ?? "open";
  const view: InboxView = requested in INBOX_VIEWS ? (requested as InboxView) : "open";
  const q = queryText(url.searchParams.get("q"), 200);
  const page = Math.min(Math.max(1, Math.trunc(Number(url.searchParams.get("page"))) || 1), 10_000);
  const mine = url.searchParams.get("mine") === "1";
  const ownerParam = url.searchParams.get("owner");
  const owner: OwnerFilter = ownerParam === "me" || ownerParam === "none" ? ownerParam : "";
  const company = companyFilter(url.searchParams.get("company"));
  const { rows, total } = listInbox({
    view,
    q,
    page,
    ownerId: mine ? user.id : undefined,
    companyId: company?.id,
    requestOwnerId: owner === "me" ? user.id : owner === "none" ? null : undefined,
  });
  return data({
    view,
    q,
    mine,
    owner,
    company,
    page,
    rows,
    total,
    unread: unreadCount(),
    now: new Date().toISOString(),
  });
}

/** The inbox's choice of owner: anyone's requests, the user's own ("me"), or nobody's ("none"). */
type OwnerFilter = "" | "me" | "none";
const OWNER_FILTERS: [OwnerFilter, string][] = [
  ["", "Anyone’s requests"],
  ["me", "My requests"],
  ["none", "Unassigned"],
];

export default function QuoteInbox() {
  const { view, q, mine, owner, company, page, rows, total, unread, now } = useLoaderData<typeof loader>();
  const ownerKept = owner ? `&owner=${owner}` : "";
  const kept = `${q ? `&q=${encodeURIComponent(q)}` : ""}${mine ? "&mine=1" : ""}${ownerKept}${company ? `&company=${company.id}` : ""}`;
  const [search] = useSearchParams();
  return (
    <section aria-labelledby="inbox-heading">
      <h1 id="inbox-heading">Quote requests {unread ? <span className="badge">{unread} unread</span> : null}</h1>
      <nav aria-label="Views" className="tabs">
        {Object.entries(INBOX_VIEWS).map(([key, { label }]) => (
          <Link key={key} to={`?view=${key}${kept}`} aria-current={key === view ? "page" : undefined}>
            {label}
          </Link>
        ))}
      </nav>
      <Form method="get" className="inline-form" role="search" aria-label="Search the requests">
        <input type="hidden" name="view" value={view} />
        {company ? <input type="hidden" name="company" value={company.id} /> : null}
        <label htmlFor="inbox-q">Company, e-mail, reference or part number</label>
        <input id="inbox-q" name="q" type="search" defaultValue={q} maxLength={200} />
        <label>
          <input type="checkbox" name="mine" value="1" defaultChecked={mine} /> My accounts only
        </label>
        <label htmlFor="inbox-owner">Owner</label>
        <select id="inbox-owner" name="owner" defaultValue={owner}>
          {OWNER_FILTERS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--secondary">
          Search requests
        </button>
      </Form>
      <p className="muted">
        {plural(total, "request")}
        {q ? ` matching “${q}”` : ""}
        {mine ? " of the companies you look after" : ""}
        {owner === "me" ? " that you own" : owner === "none" ? " that nobody owns" : ""}
        {company ? ` of ${company.name}` : ""}. Waiting on us first, longest-waiting first.
        {company ? (
          <>
            {" "}
            <Link to={`?view=${view}${q ? `&q=${encodeURIComponent(q)}` : ""}${mine ? "&mine=1" : ""}${ownerKept}`}>
              All companies
            </Link>
          </>
        ) : null}
      </p>
      {rows.length ? (
        <TableScroll label="Quote requests">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Company</th>
                <th scope="col">Owner</th>
                <th scope="col">Status</th>
                <th scope="col">Lines</th>
                <th scope="col">Waiting</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className={row.unread ? "unread" : undefined}>
                  <td>
                    <Link to={`/admin/quotes/${row.id}`} prefetch="intent">
                      {row.reference}
                    </Link>
                    {row.unread ? <span className="badge">new</span> : null}
                  </td>
                  <td>
                    {row.company} <span className="muted">{row.contactName}</span>
                  </td>
                  <td>{row.ownerName ?? <span className="muted">Unassigned</span>}</td>
                  <td>
                    <span className={`status status--${row.status}`}>{QUOTE_STATUS_LABEL[row.status]}</span>
                    {row.approval ? (
                      <span className="badge">
                        {row.approval === "pending" ? "awaiting approval" : "approval declined"}
                      </span>
                    ) : null}
                  </td>
                  <td>{row.lineCount}</td>
                  <td>
                    <Age since={row.buyerActivityAt ?? row.createdAt} now={now} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>No requests here.</p>
      )}
      <Pagination page={page} total={total} search={search} pageSize={INBOX_PAGE_SIZE} />
    </section>
  );
}
