import type { RefusedProduct } from "~/catalog/refused-add";

/**
 * A refused add, as the cart or the quote list shows it when it was sent without JavaScript from a
 * product page: the product named, the quantity typed with its message, and the add to send again.
 */
export function NotAddedForm({
  refused,
  typed,
  action,
  intent,
  max,
  submit,
}: {
  refused: RefusedProduct;
  /** The quantity as typed. */
  typed: string;
  action: "/cart" | "/quote";
  intent: string;
  max: number;
  submit: string;
}) {
  return (
    <form method="post" action={action} className="panel" aria-labelledby="add-error-heading">
      <h2 id="add-error-heading">Not added: {refused.name}</h2>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="productId" value={refused.productId} />
      <label htmlFor="add-qty">Quantity of {refused.partNumber}</label>
      <input
        id="add-qty"
        name="quantity"
        type="number"
        min={1}
        max={max}
        defaultValue={typed}
        aria-invalid
        aria-describedby="add-qty-error"
      />
      <span id="add-qty-error" className="field-error" role="alert">
        {refused.problem}
      </span>
      <button type="submit" className="button">
        {submit}
      </button>
    </form>
  );
}
