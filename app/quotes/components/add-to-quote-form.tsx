import { useFetcher } from "@remix-run/react";
import { useState } from "react";
import type { FormResult } from "~/lib/forms";
import { QUOTE_LIST_INTENT } from "~/quotes/quote-intents";

/**
 * Posts to the quote list, or (for list-priced products, `buyable`) to the cart with the same
 * quantity. Without JavaScript the buyer lands on the list or the cart; with it the page stays
 * put, focus stays on the button pressed, and the status confirms. The buttons are never
 * disabled while sending (a disabled button drops the keyboard's focus to the page): a second
 * press is ignored instead.
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
  const fetcher = useFetcher<FormResult>({ key: `add-to-quote-${productId}` });
  // Which button sent the form, so that the confirmation names the list or the cart.
  const [sentTo, setSentTo] = useState<"quote" | "cart">("quote");
  const busy = fetcher.state !== "idle";
  const toCart = busy && fetcher.formAction === "/cart";
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  const succeeded = answer?.status === "success";
  const added = succeeded && sentTo === "quote";
  const addedToCart = succeeded && sentTo === "cart";
  const inputId = `quote-qty-${productId}${compact ? "-row" : ""}`;
  const quoteLabel = busy && !toCart ? "Adding…" : "Add to quote";
  return (
    <fetcher.Form
      method="post"
      action="/quote"
      className={compact ? "add-to-quote add-to-quote--compact" : "add-to-quote"}
      // Only a submit through JavaScript sends "stay" (it runs before Remix reads the form), so
      // there is no moment, just as the page hydrates, when a script submit lands on the list.
      onSubmit={(event) => {
        if (busy) return event.preventDefault();
        (event.currentTarget.elements.namedItem("stay") as HTMLInputElement).disabled = false;
        const submitter = (event.nativeEvent as SubmitEvent).submitter;
        setSentTo(submitter?.getAttribute("formaction") === "/cart" ? "cart" : "quote");
      }}
    >
      <input type="hidden" name="intent" value={QUOTE_LIST_INTENT.add} />
      <input type="hidden" name="productId" value={productId} />
      <input type="hidden" name="stay" value="1" disabled />
      <label htmlFor={inputId} className={compact ? "visually-hidden" : undefined}>
        Quantity{compact ? ` of ${productName}` : ""}
      </label>
      <input
        id={inputId}
        name="quantity"
        type="number"
        inputMode="numeric"
        min={1}
        max={1000000}
        step={1}
        defaultValue={minOrderQty}
        required
      />
      {/* In a list, the button's name is its visible label and then the product, so what a
          voice-control user reads on the button is where its name starts (WCAG 2.5.3). */}
      <button
        type="submit"
        className="button button--secondary"
        aria-disabled={busy || undefined}
        aria-label={compact ? `${quoteLabel}: ${productName}` : undefined}
      >
        {quoteLabel}
      </button>
      {buyable ? (
        <button type="submit" formAction="/cart" className="button" aria-disabled={busy || undefined}>
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
        ) : answer?.formError ? (
          <span className="field-error">{answer.formError}</span>
        ) : null}
      </span>
    </fetcher.Form>
  );
}
