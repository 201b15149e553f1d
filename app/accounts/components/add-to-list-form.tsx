import { Link, useFetcher } from "@remix-run/react";
import { SAVED_LIST_INTENT } from "~/accounts/saved-list-intents";
import { ErrorSummary, SelectField, TextField } from "~/components/ui/field";
import { typedOr, type FormResult } from "~/lib/forms";

type ListChoice = { id: number; name: string };

/**
 * "Add to list" for a signed-in buyer: a list of theirs (their company's) or a new one named
 * here, and a quantity. It posts to /account/lists: without JavaScript the buyer comes back to
 * the product, whose page says where it went (`addedTo`), or sees a refusal there (`result`);
 * with it the page stays put and the status says where it went.
 */
export function AddToListForm({
  product,
  lists,
  addedTo,
  result,
  heading = "Add to a saved list",
}: {
  product: { id: number; name: string; minOrderQty: number };
  heading?: string;
  lists: ListChoice[];
  addedTo?: ListChoice | null;
  /** The lists page's answer to this form, sent without JavaScript and refused. */
  result?: FormResult;
}) {
  const fetcher = useFetcher<FormResult>({ key: `add-to-list-${product.id}` });
  const busy = fetcher.state !== "idle";
  const answer = (fetcher.state === "idle" ? fetcher.data : undefined) ?? result;
  const refused = answer?.status === "error" ? answer : undefined;
  const added = answer?.status === "success" ? answer : undefined;
  const ids = {
    listId: `list-${product.id}`,
    newListName: `new-list-${product.id}`,
    quantity: `list-qty-${product.id}`,
  };
  const errors: Record<string, string> = {};
  for (const [name, id] of Object.entries(ids)) if (refused?.fieldErrors[name]) errors[id] = refused.fieldErrors[name];
  // After an addition the form starts again, with the list just used chosen.
  const chosen = added?.values.listId;
  const generation = chosen ? `added-${chosen}-${fetcher.data?.message}` : "first";
  const headingId = `add-to-list-heading-${product.id}`;
  return (
    <fetcher.Form
      method="post"
      action="/account/lists"
      className="panel add-to-list"
      aria-labelledby={headingId}
      // Only a submit through JavaScript sends "stay" (as on the quote form beside it).
      onSubmit={(event) => {
        if (busy) return event.preventDefault();
        (event.currentTarget.elements.namedItem("stay") as HTMLInputElement).disabled = false;
      }}
    >
      <h2 id={headingId}>{heading}</h2>
      {refused?.formError ? (
        <p className="field-error" role="alert">
          {refused.formError}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <input type="hidden" name="intent" value={SAVED_LIST_INTENT.add} />
      <input type="hidden" name="productId" value={product.id} />
      <input type="hidden" name="stay" value="1" disabled />
      {lists.length ? (
        <SelectField
          key={`list-${generation}`}
          id={ids.listId}
          name="listId"
          label="List"
          options={lists.map((list) => [String(list.id), list.name] as const)}
          defaultValue={chosen ?? typedOr(refused, "listId", lists[0].id)}
          error={errors[ids.listId]}
        />
      ) : null}
      <TextField
        key={`name-${generation}`}
        id={ids.newListName}
        name="newListName"
        label={lists.length ? "Or a new list named" : "New list name"}
        hint={lists.length ? "Leave empty to add to the list chosen above" : "Like Line 3 spares"}
        autoComplete="off"
        maxLength={80}
        defaultValue={chosen ? "" : typedOr(refused, "newListName", "")}
        error={errors[ids.newListName]}
      />
      <TextField
        key={`qty-${generation}`}
        id={ids.quantity}
        name="quantity"
        label="How many"
        inputMode="numeric"
        autoComplete="off"
        defaultValue={chosen ? String(product.minOrderQty) : typedOr(refused, "quantity", product.minOrderQty)}
        error={errors[ids.quantity]}
      />
      <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
        {busy ? "Adding…" : "Add to list"}
      </button>
      <p role="status" className="add-to-quote__status">
        {added ? (
          <>
            {added.message} <Link to={`/account/lists/${added.values.listId}`}>View list</Link>
          </>
        ) : addedTo && !answer ? (
          <>
            Added to {addedTo.name}. <Link to={`/account/lists/${addedTo.id}`}>View list</Link>
          </>
        ) : null}
      </p>
    </fetcher.Form>
  );
}
