import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DeleteListForm, ListLines, RenameListForm, SendListForm } from "~/accounts/components/saved-list-forms";
import { SAVED_LIST_INTENT } from "~/accounts/saved-list-intents";
import { listAction, listPageData, type SendListResult } from "~/accounts/saved-lists-page.server";
import { DoneNotice } from "~/components/done-notice";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDateTimeUtc } from "~/lib/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? data.list.name : "List not found"} · IronAxis` },
  { name: "robots", content: "noindex" },
];

const DONE: Record<string, string> = {
  created: "List created. Add products to it from their pages with “Add to list”.",
  "saved-cart": "Your cart is saved as this list; the cart is as it was.",
  renamed: "Name saved.",
  saved: "Line saved.",
  removed: "Line removed.",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  return listPageData(request, params.id);
}

export async function action({ request, params }: ActionFunctionArgs) {
  return listAction(request, params.id);
}

export default function AccountList() {
  const { list, lines, constraints } = useLoaderData<typeof loader>();
  const sent = useActionData<typeof action>() as SendListResult | undefined;
  return (
    <section aria-labelledby="list-heading">
      <p>
        <Link to="/account/lists">All lists</Link>
      </p>
      <h1 id="list-heading">{list.name}</h1>
      <p className="muted">
        Made by {list.madeBy} · updated {formatDateTimeUtc(list.updatedAt)}
      </p>
      <DoneNotice messages={DONE} />
      {sent?.intent === SAVED_LIST_INTENT.send && sent.status === "success" ? (
        <div className="notice" role="status">
          <p>
            {sent.message}{" "}
            <Link to={sent.target === "cart" ? "/cart" : "/quote"}>
              {sent.target === "cart" ? "View cart" : "View quote list"}
            </Link>
          </p>
          {sent.changes?.length ? (
            <>
              <p>Not added:</p>
              <ul>
                {sent.changes.map((change) => (
                  <li key={change}>{change}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      {lines.length ? (
        <ListLines lines={lines} constraints={constraints} />
      ) : (
        <p>This list is empty: add products from their pages with “Add to list”.</p>
      )}
      <SendListForm name={list.name} empty={lines.length === 0} />
      {list.mayManage ? (
        <>
          <RenameListForm name={list.name} constraints={constraints} />
          <DeleteListForm name={list.name} lines={lines.length} />
        </>
      ) : (
        <p className="muted">Only {list.madeBy}, who made this list, or a company admin can rename or delete it.</p>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
