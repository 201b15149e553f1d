import { Form, Link } from "@remix-run/react";
import { SAVED_LIST_INTENT } from "~/accounts/saved-list-intents";
import { Price } from "~/catalog/components/price";
import { StockBadge } from "~/catalog/components/stock-badge";
import { ErrorSummary, FormError, TextField } from "~/components/ui/field";
import { typedOr, unclaimed, useFormResult, useIsPending, type Constraints } from "~/lib/forms";
import { plural } from "~/lib/plural";
import { TableScroll } from "~/components/ui/table-scroll";

/** A one-field form for a list's name: a new list, or a new name for one. */
function ListNameForm({
  intent,
  id,
  heading,
  button,
  stored,
  constraints,
  action,
}: {
  intent: string;
  id: string;
  heading: string;
  button: string;
  stored: string;
  constraints: Constraints;
  action?: string;
}) {
  const result = useFormResult(intent);
  const error = result?.fieldErrors.name;
  const errors = error ? { [id]: error } : {};
  const pending = useIsPending({ intent });
  return (
    <Form method="post" action={action} className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      <FormError result={result} />
      <ErrorSummary errors={errors} />
      <input type="hidden" name="intent" value={intent} />
      <TextField
        id={id}
        name="name"
        label="List name"
        hint="Like Line 3 spares"
        autoComplete="off"
        {...constraints.name}
        defaultValue={typedOr(result, "name", stored)}
        error={error}
      />
      <button type="submit" className="button" aria-disabled={pending || undefined}>
        {button}
      </button>
    </Form>
  );
}

export function NewListForm({ constraints }: { constraints: Constraints }) {
  return (
    <ListNameForm
      intent={SAVED_LIST_INTENT.create}
      id="new-list-name"
      heading="New list"
      button="Create list"
      stored=""
      constraints={constraints}
    />
  );
}

/** On the cart page of a signed-in buyer; a refusal comes back on the lists page, as typed. */
export function SaveCartForm({ constraints }: { constraints: Constraints }) {
  return (
    <ListNameForm
      intent={SAVED_LIST_INTENT.saveCart}
      id="cart-list-name"
      heading="Save cart as list"
      button="Save as list"
      stored=""
      constraints={constraints}
      action="/account/lists"
    />
  );
}

export function RenameListForm({ name, constraints }: { name: string; constraints: Constraints }) {
  return (
    <ListNameForm
      intent={SAVED_LIST_INTENT.rename}
      id="list-name"
      heading="Rename"
      button="Save name"
      stored={name}
      constraints={constraints}
    />
  );
}

/** Deleting asks for a ticked box first: a plain form, so that it works without JavaScript. */
export function DeleteListForm({ name, lines }: { name: string; lines: number }) {
  const result = useFormResult(SAVED_LIST_INTENT.remove);
  const error = result?.fieldErrors.confirm;
  return (
    <Form method="post" className="panel" aria-labelledby="delete-list-heading">
      <h2 id="delete-list-heading">Delete this list</h2>
      <FormError result={result} />
      <input type="hidden" name="intent" value={SAVED_LIST_INTENT.remove} />
      <div className="field">
        {error ? (
          <span id="confirm-delete-error" className="field-error">
            {error}
          </span>
        ) : null}
        <label>
          <input
            type="checkbox"
            name="confirm"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "confirm-delete-error" : undefined}
          />{" "}
          Yes, delete {name} and its {plural(lines, "line")}
        </label>
      </div>
      <button type="submit" className="button button--secondary">
        Delete list
      </button>
    </Form>
  );
}

/** "Add all to cart" and "Add all to quote list": one form, two buttons. */
export function SendListForm({ name, empty }: { name: string; empty: boolean }) {
  const pending = useIsPending({ intent: SAVED_LIST_INTENT.send });
  return (
    <Form method="post" className="add-to-quote" aria-label={`Send ${name}`}>
      <input type="hidden" name="intent" value={SAVED_LIST_INTENT.send} />
      <button
        type="submit"
        name="target"
        value="cart"
        className="button"
        disabled={empty}
        aria-disabled={pending || undefined}
      >
        Add all to cart
      </button>
      <button
        type="submit"
        name="target"
        value="quote"
        className="button button--secondary"
        disabled={empty}
        aria-disabled={pending || undefined}
      >
        Add all to quote list
      </button>
    </Form>
  );
}

export type ListLine = {
  lineId: number;
  quantity: number;
  note: string;
  id: number;
  slug: string;
  partNumber: string;
  name: string;
  priceCents: number | null;
  yourPriceCents?: number;
  inStock: boolean;
  leadTimeDays: number;
  status: "active" | "archived";
};

/** The lines of a list, each with its quantity and note to change, and a button to remove it. */
export function ListLines({ lines, constraints }: { lines: ListLine[]; constraints: Constraints }) {
  const result = useFormResult(SAVED_LIST_INTENT.changeLine);
  const removal = useFormResult(SAVED_LIST_INTENT.removeLine);
  const ids = lines.map((line) => line.lineId);
  return (
    <>
      <FormError result={unclaimed(result, "lineId", ids) ?? unclaimed(removal, "lineId", ids)} />
      <TableScroll label="Lines of the list">
        <table className="data-table">
          <caption className="visually-hidden">Lines of the list</caption>
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Part number</th>
              <th scope="col">Availability</th>
              <th scope="col">Price</th>
              <th scope="col">Quantity and note</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => {
              const mine = result?.values.lineId === String(line.lineId) ? result : undefined;
              const removeError = removal?.values.lineId === String(line.lineId) ? removal.formError : undefined;
              const quantityId = `quantity-${line.lineId}`;
              const noteId = `note-${line.lineId}`;
              return (
                <tr key={line.lineId}>
                  <td>
                    <Link to={`/products/${line.slug}`}>{line.name}</Link>
                  </td>
                  <td className="mono">{line.partNumber}</td>
                  <td>
                    {line.status === "active" ? (
                      <StockBadge inStock={line.inStock} leadTimeDays={line.leadTimeDays} />
                    ) : (
                      "No longer sold"
                    )}
                  </td>
                  <td>
                    <Price cents={line.priceCents} yours={line.yourPriceCents} />
                  </td>
                  <td>
                    <Form method="post" aria-label={`Line ${line.partNumber}`}>
                      <FormError result={mine} />
                      <input type="hidden" name="intent" value={SAVED_LIST_INTENT.changeLine} />
                      <input type="hidden" name="lineId" value={line.lineId} />
                      <TextField
                        id={quantityId}
                        name="quantity"
                        label={`Quantity of ${line.partNumber}`}
                        inputMode="numeric"
                        autoComplete="off"
                        defaultValue={typedOr(mine, "quantity", line.quantity)}
                        error={mine?.fieldErrors.quantity}
                      />
                      <TextField
                        id={noteId}
                        name="note"
                        label={`Note for ${line.partNumber}`}
                        autoComplete="off"
                        {...constraints.note}
                        defaultValue={typedOr(mine, "note", line.note)}
                        error={mine?.fieldErrors.note}
                      />
                      <button type="submit" className="button button--secondary">
                        Save
                      </button>
                    </Form>
                  </td>
                  <td>
                    <Form method="post">
                      {removeError ? (
                        <p className="field-error" role="alert">
                          {removeError}
                        </p>
                      ) : null}
                      <input type="hidden" name="intent" value={SAVED_LIST_INTENT.removeLine} />
                      <input type="hidden" name="lineId" value={line.lineId} />
                      <button
                        type="submit"
                        className="button button--secondary"
                        aria-label={`Remove ${line.partNumber}`}
                      >
                        Remove
                      </button>
                    </Form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
