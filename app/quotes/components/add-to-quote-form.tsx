import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { FormResult } from "~/lib/forms";
import { QUOTE_LIST_INTENT } from "~/quotes/quote-intents";

type Destination = "quote" | "cart";

/** What one product's form shows: what it is sending, what it added, or why not. */
export type AddToQuoteStatus = { sending?: Destination; added?: Destination; error?: string };

type Submission = { productId: number; to: Destination; action: string; data: FormData };

/**
 * The adding of every add-to-quote form on a page, through one fetcher: a listing of 24 rows
 * hydrates one fetcher, not 24. With JavaScript the page stays put and the form that sent shows
 * the answer; without it each form posts on its own and the buyer lands on the list or the cart.
 * A product pressed while another is being added waits its turn; pressing the same one again
 * while it is being added is ignored.
 */
export function useAddToQuote() {
  const fetcher = useFetcher<FormResult>();
  // The form whose answer the fetcher holds or awaits, and those waiting to be sent after it.
  const [sent, setSent] = useState<Submission>();
  const [waiting, setWaiting] = useState<Submission[]>([]);
  const busy = fetcher.state !== "idle";

  // Set when a submission is handed to the fetcher, until its state shows it busy with it: a
  // render in between must not send the next one too (that would cancel this one).
  const starting = useRef(false);
  useEffect(() => {
    if (busy) {
      starting.current = false;
      return;
    }
    if (starting.current || waiting.length === 0) return;
    starting.current = true;
    const [next, ...rest] = waiting;
    // The next add goes out once the fetcher, whose state lives outside React's, has settled.
    setWaiting(rest);
    setSent(next);
    fetcher.submit(next.data, { method: "post", action: next.action });
  }, [busy, waiting, fetcher]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    // Enter in the quantity field presses the first button, as without JavaScript.
    const submitter = ((event.nativeEvent as SubmitEvent).submitter ??
      form.querySelector("button")) as HTMLButtonElement | null;
    const data = new FormData(form);
    // The product is the pressed button's value; "stay" only ever comes from here, so a form sent
    // before the page has hydrated lands on the list as without JavaScript.
    if (submitter?.name) data.set(submitter.name, submitter.value);
    data.set("stay", "1");
    const productId = Number(data.get("productId"));
    const pending = [...(busy && sent ? [sent] : []), ...waiting];
    if (pending.some((submission) => submission.productId === productId)) return;
    const action = submitter?.getAttribute("formaction") ?? form.getAttribute("action") ?? "/quote";
    const submission = { productId, to: action === "/cart" ? "cart" : "quote", action, data } as const;
    setWaiting((queue) => [...queue, submission]);
  }

  function statusOf(productId: number): AddToQuoteStatus {
    const queued = waiting.find((submission) => submission.productId === productId);
    if (queued) return { sending: queued.to };
    if (sent?.productId !== productId) return {};
    if (busy) return { sending: sent.to };
    if (fetcher.data?.status === "success") return { added: sent.to };
    return { error: fetcher.data?.formError };
  }

  return { onSubmit, statusOf };
}

/**
 * Posts to the quote list, or (for list-priced products, `buyable`) to the cart with the same
 * quantity; the product is the value of the button pressed. The buttons are never disabled while
 * sending (a disabled button drops the keyboard's focus to the page).
 */
export function AddToQuoteForm({
  productId,
  productName,
  minOrderQty,
  compact = false,
  buyable = false,
  status,
  onSubmit,
}: {
  productId: number;
  productName: string;
  minOrderQty: number;
  compact?: boolean;
  buyable?: boolean;
  /** From `useAddToQuote`, shared by every form on the page. */
  status: AddToQuoteStatus;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
}) {
  const inputId = `quote-qty-${productId}`;
  const busy = status.sending !== undefined;
  const quoteLabel = status.sending === "quote" ? "Adding…" : "Add to quote";
  return (
    <form
      method="post"
      action="/quote"
      className={compact ? "add-to-quote add-to-quote--compact" : "add-to-quote"}
      onSubmit={onSubmit}
    >
      <input type="hidden" name="intent" value={QUOTE_LIST_INTENT.add} />
      {/* In a list the field is named for its product, with no label element: one fewer per row. */}
      {compact ? null : <label htmlFor={inputId}>Quantity</label>}
      <input
        id={compact ? undefined : inputId}
        aria-label={compact ? `Quantity of ${productName}` : undefined}
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
        name="productId"
        value={productId}
        className="button button--secondary"
        aria-disabled={busy || undefined}
        aria-label={compact ? `${quoteLabel}: ${productName}` : undefined}
      >
        {quoteLabel}
      </button>
      {buyable ? (
        <button
          type="submit"
          name="productId"
          value={productId}
          formAction="/cart"
          className="button"
          aria-disabled={busy || undefined}
        >
          {status.sending === "cart" ? "Adding…" : "Add to cart"}
        </button>
      ) : null}
      <span role="status" className="add-to-quote__status">
        {status.added === "quote" ? (
          <>
            Added.{" "}
            <Link to="/quote" prefetch="intent">
              View quote list
            </Link>
          </>
        ) : status.added === "cart" ? (
          <>
            Added to cart.{" "}
            <Link to="/cart" prefetch="intent">
              View cart
            </Link>
          </>
        ) : status.error ? (
          <span className="field-error">{status.error}</span>
        ) : null}
      </span>
    </form>
  );
}
