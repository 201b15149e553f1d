import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AddToListForm } from "~/accounts/components/add-to-list-form";
import { NewListForm, SaveCartForm } from "~/accounts/components/saved-list-forms";
import { MAX_SAVED_LISTS, SAVED_LIST_INTENT } from "~/accounts/saved-list-intents";
import { listsAction, listsPageData } from "~/accounts/saved-lists-page.server";
import { DoneNotice } from "~/components/done-notice";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDateTimeUtc } from "~/lib/dates";
import { useFormResult } from "~/lib/forms";
import { TableScroll } from "~/components/ui/table-scroll";

export const meta: MetaFunction = () => [{ title: "Lists · IronAxis" }, { name: "robots", content: "noindex" }];

const DONE: Record<string, string> = { deleted: "List deleted." };

export async function loader({ request }: LoaderFunctionArgs) {
  return listsPageData(request);
}

export async function action({ request }: ActionFunctionArgs) {
  return listsAction(request);
}

export default function AccountLists() {
  const { lists, full, inCompany, constraints } = useLoaderData<typeof loader>();
  // "Add to list" sent from a product page without JavaScript and refused: the form again, here.
  const refusedAdd = useFormResult(SAVED_LIST_INTENT.add);
  const productId = Number(refusedAdd?.values.productId);
  const refusedCart = useFormResult(SAVED_LIST_INTENT.saveCart);
  return (
    <section aria-labelledby="lists-heading">
      <h1 id="lists-heading">Lists</h1>
      <DoneNotice messages={DONE} />
      {refusedAdd?.values.productName && Number.isSafeInteger(productId) ? (
        <AddToListForm
          product={{ id: productId, name: refusedAdd.values.productName, minOrderQty: 1 }}
          heading={`Not added: ${refusedAdd.values.productName}`}
          lists={lists}
          result={refusedAdd}
        />
      ) : null}
      {refusedCart ? <SaveCartForm constraints={constraints} /> : null}
      <p className="muted">
        {inCompany
          ? "Your company's saved lists: everyone in the company sees them, adds to them and sends them to the cart or the quote list."
          : "Your saved lists of products, to send to the cart or the quote list in one step."}
      </p>
      {lists.length ? (
        <TableScroll label="Saved lists">
          <table className="data-table">
            <caption className="visually-hidden">Saved lists</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Lines</th>
                <th scope="col">Made by</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {lists.map((list) => (
                <tr key={list.id}>
                  <td>
                    <Link to={`/account/lists/${list.id}`}>{list.name}</Link>
                  </td>
                  <td>{list.lines}</td>
                  <td>{list.madeBy}</td>
                  <td>{formatDateTimeUtc(list.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>No lists yet. Make one here, or from any product page with “Add to list”.</p>
      )}
      {full ? (
        <p className="notice">
          There are {MAX_SAVED_LISTS} lists, the most kept: delete one you no longer use to make another.
        </p>
      ) : (
        <NewListForm constraints={constraints} />
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
