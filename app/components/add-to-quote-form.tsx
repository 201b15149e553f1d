import { useFetcher } from "@remix-run/react";

/**
 * Posts to the quote list, or (for list-priced products, `buyable`) to the cart with the same
 * quantity. Without JavaScript the buyer lands on the list or the cart; with it the page stays
 * put and the status confirms.
 */
export function AddToQuoteForm({
  productId,
  productName,
  minOrderQty,
  compact = false,
  buyable = false,
}: {
  productId: number;
  productName: string;
  minOrderQty: number;
  compact?: boolean;
  buyable?: boolean;
}) {
  const fetcher = useFetcher<{ added?: { quantity: number }; addedToCart?: { quantity: number }; formError?: string }>({
    key: `add-to-quote-${productId}`,
  });
  const busy = fetcher.state !== "idle";
  const toCart = busy && fetcher.formAction === "/cart";
  const added = fetcher.state === "idle" && fetcher.data?.added;
  const addedToCart = fetcher.state === "idle" && fetcher.data?.addedToCart;
  const inputId = `quote-qty-${productId}${compact ? "-row" : ""}`;
  return (
    <fetcher.Form
      method="post"
      action="/quote"
      className={compact ? "add-to-quote add-to-quote--compact" : "add-to-quote"}
      // Only a submit through JavaScript sends "stay" (it runs before Remix reads the form), so
      // there is no moment, just as the page hydrates, when a script submit lands on the list.
      onSubmit={(event) => {
        (event.currentTarget.elements.namedItem("stay") as HTMLInputElement).disabled = false;
      }}
    >
      <input type="hidden" name="intent" value="add" />
      <input type="hidden" name="productId" value={productId} />
      <input type="hidden" name="stay" value="1" disabled />
      <label htmlFor={inputId} className={compact ? "visually-hidden" : undefined}>
        Quantity{compact ? ` of ${productName}` : ""}
      </label>
      <input id={inputId} name="quantity" type="number" inputMode="numeric" min={1} max={1000000} step={1} defaultValue={minOrderQty} required />
      <button type="submit" className="button button--secondary" disabled={busy} aria-label={compact ? `Add ${productName} to quote` : undefined}>
        {busy && !toCart ? "Adding…" : "Add to quote"}
      </button>
      {buyable ? (
        <button type="submit" formAction="/cart" className="button" disabled={busy}>
          {toCart ? "Adding…" : "Add to cart"}
        </button>
      ) : null}
      <span role="status" className="add-to-quote__status">
        {added ? (
          <>
            Added. <a href="/quote">View quote list</a>
          </>
        ) : addedToCart ? (
          <>
            Added to cart. <a href="/cart">View cart</a>
          </>
        ) : fetcher.data?.formError ? (
          <span className="field-error">{fetcher.data.formError}</span>
        ) : null}
      </span>
    </fetcher.Form>
  );
}
