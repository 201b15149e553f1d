import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { formatMoney } from "~/lib/money";
import { CART_INTENT, MAX_CART_QUANTITY } from "~/orders/cart-fields";
import { refusalOf } from "~/catalog/refused-add";
import type { FormResult } from "~/lib/forms";
import type { ProductSummary } from "~/catalog/product.server";
import type { CartBreakHint } from "~/orders/cart.server";
import { ProductImage } from "~/catalog/components/product-image";

/**
 * One cart line with its own form: with JavaScript the change is sent in the background and the
 * line shows that it is busy; without it the form posts and the page reloads.
 */
export function CartLineItem({
  line,
  result,
}: {
  line: {
    lineId: number;
    quantity: number;
    unitPriceCents: number;
    lineTotalCents: number;
    product: ProductSummary;
    nextBreak?: CartBreakHint;
  };
  /** The page's answer to this line's form, when it was sent without JavaScript. */
  result?: FormResult;
}) {
  const fetcher = useFetcher<FormResult>({ key: `cart-line-${line.lineId}` });
  const busy = fetcher.state !== "idle";
  const sending = (intent: string) => busy && fetcher.formData?.get("intent") === intent;
  // The page's answer (a refusal sent before the page's scripts ran) until this line is sent from
  // here; then only this line's own.
  const [sentHere, setSentHere] = useState(false);
  if (busy && !sentHere) setSentHere(true);
  const answer = sentHere ? fetcher.data : result;
  const refused = answer?.status === "error" ? answer : undefined;
  const shown = refused && { message: refusalOf(refused), quantity: refused.values.quantity ?? "" };
  // After each answer the field shows what was refused as typed, else what was saved (rounded up
  // to a pack, say). It is set in place rather than made anew, so the keyboard focus stays in it.
  const quantity = shown ? shown.quantity : String(line.quantity);
  const quantityInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (quantityInput.current) quantityInput.current.value = quantity;
  }, [quantity, fetcher.data]);
  const { product } = line;
  const inputId = `cart-qty-${line.lineId}`;
  return (
    <li className="quote-line" aria-busy={busy}>
      <ProductImage src={product.imagePath} alt="" size="thumb" />
      <div className="quote-line__product">
        <Link to={`/products/${product.slug}`}>{product.name}</Link>
        <span className="part-number mono">{product.partNumber}</span>
        <span>
          {formatMoney(line.unitPriceCents)} each
          {product.yourPriceCents !== undefined && product.priceCents !== null ? (
            <span className="price__list"> (your price; list {formatMoney(product.priceCents)})</span>
          ) : null}
          {product.minOrderQty > 1 || product.packSize > 1 ? (
            <span className="muted">
              {" "}
              · minimum {product.minOrderQty}
              {product.packSize > 1 ? `, packs of ${product.packSize}` : ""}
            </span>
          ) : null}
        </span>
        {line.nextBreak ? (
          <span className="price-break-hint">
            Order {line.nextBreak.quantity.toLocaleString("en-US")} for {formatMoney(line.nextBreak.unitPriceCents)}{" "}
            each
          </span>
        ) : null}
        <strong>{formatMoney(line.lineTotalCents)}</strong>
      </div>
      <fetcher.Form method="post" action="/cart" className="quote-line__edit">
        <input type="hidden" name="lineId" value={line.lineId} />
        <label htmlFor={inputId}>Quantity of {product.partNumber}</label>
        <input
          ref={quantityInput}
          id={inputId}
          name="quantity"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_CART_QUANTITY}
          defaultValue={quantity}
          aria-invalid={shown ? true : undefined}
          aria-describedby={shown ? `${inputId}-error` : undefined}
        />
        {shown ? (
          <span id={`${inputId}-error`} className="field-error" role="alert">
            {shown.message}
          </span>
        ) : null}
        <div className="quote-line__actions">
          <button
            type="submit"
            name="intent"
            value={CART_INTENT.update}
            className="button button--secondary"
            aria-disabled={busy || undefined}
          >
            {sending(CART_INTENT.update) ? "Updating…" : "Update"}
          </button>
          <button
            type="submit"
            name="intent"
            value={CART_INTENT.remove}
            className="button button--link"
            aria-disabled={busy || undefined}
            aria-label={`Remove ${product.partNumber}`}
          >
            {sending(CART_INTENT.remove) ? "Removing…" : "Remove"}
          </button>
        </div>
      </fetcher.Form>
    </li>
  );
}
