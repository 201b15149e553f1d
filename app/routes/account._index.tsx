import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { accountAction, accountOverview, type ReorderResult } from "~/accounts/account-page.server";
import { ACCOUNT_INTENT } from "~/accounts/account-intents";
import { HISTORY_PAGE_SIZE } from "~/accounts/account-history";
import { HistoryFilters, HistoryTable } from "~/accounts/components/account-history";
import { Pagination } from "~/components/pagination";
import { FormError, TextField } from "~/components/ui/field";
import { typedOr, useFormResult } from "~/lib/forms";
import { plural } from "~/lib/plural";

export const meta: MetaFunction = () => [{ title: "Your account | IronAxis" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return accountOverview(request);
}

export async function action({ request }: ActionFunctionArgs) {
  return accountAction(request);
}

/** The account's requests and orders, filtered by status, person and date; guest history to claim; the buyer's name. */
export default function AccountOverview() {
  const { customer, quotes, orders, people, claimable, filter } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const result = useFormResult();
  const reordered = useActionData<typeof action>() as ReorderResult | undefined;
  const claimCount = claimable.quotes.length + claimable.orders.length;
  const filtered = Boolean(filter.status || filter.personId || filter.from || filter.to);
  return (
    <>
      <h1>Your account</h1>
      <FormError result={result} />
      {result?.status === "success" ? (
        <div className="notice" role="status">
          <p>
            {result.message}{" "}
            {reordered?.target ? (
              <Link to={reordered.target === "cart" ? "/cart" : "/quote"}>
                {reordered.target === "cart" ? "View cart" : "View quote list"}
              </Link>
            ) : null}
          </p>
          {reordered?.changes?.length ? (
            <>
              <p>What changed since:</p>
              <ul>
                {reordered.changes.map((change) => (
                  <li key={change}>{change}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
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

      <HistoryFilters people={people} filter={filter} filtered={filtered} />

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
