import { Link, useFetcher } from "@remix-run/react";
import { formatMoney } from "~/lib/money";
import { MAX_CART_QUANTITY } from "~/lib/cart-fields";
import type { ProductSummary } from "~/models/product.server";
import { ProductImage } from "../product-image";

export type CartLineError = { lineId: number; message: string; quantity: string };

/**
 * One cart line with its own form: with JavaScript the change is sent in the background and the
 * line shows that it is busy; without it the form posts and the page reloads.
 */
export function CartLineItem({
  line,
  error,
}: {
  line: { lineId: number; quantity: number; lineTotalCents: number; product: ProductSummary };
  error?: CartLineError;
}) {
  const fetcher = useFetcher<{ lineError?: CartLineError }>({ key: `cart-line-${line.lineId}` });
  const busy = fetcher.state !== "idle";
  const shown = fetcher.data?.lineError ?? error;
  const { product } = line;
  const inputId = `cart-qty-${line.lineId}`;
  return (
    <li className="quote-line" aria-busy={busy}>
      <ProductImage src={product.imagePath} alt="" size="thumb" />
      <div className="quote-line__product">
        <Link to={`/products/${product.slug}`}>{product.name}</Link>
        <span className="part-number mono">{product.partNumber}</span>
        <span>
          {formatMoney(product.priceCents ?? 0)} each
          {product.minOrderQty > 1 || product.packSize > 1 ? (
            <span className="muted">
              {" "}
              · minimum {product.minOrderQty}
              {product.packSize > 1 ? `, packs of ${product.packSize}` : ""}
            </span>
          ) : null}
        </span>
        <strong>{formatMoney(line.lineTotalCents)}</strong>
      </div>
      <fetcher.Form method="post" action="/cart" className="quote-line__edit">
        <input type="hidden" name="lineId" value={line.lineId} />
        <label htmlFor={inputId}>Quantity of {product.partNumber}</label>
        <input
          key={shown ? `typed-${shown.quantity}` : `saved-${line.quantity}`}
          id={inputId}
          name="quantity"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_CART_QUANTITY}
          defaultValue={shown ? shown.quantity : line.quantity}
          aria-invalid={shown ? true : undefined}
          aria-describedby={shown ? `${inputId}-error` : undefined}
        />
        {shown ? (
          <span id={`${inputId}-error`} className="field-error">
            {shown.message}
          </span>
        ) : null}
        <div className="quote-line__actions">
          <button type="submit" name="intent" value="update" className="button button--secondary" disabled={busy}>
            {busy && fetcher.formData?.get("intent") === "update" ? "Updating…" : "Update"}
          </button>
          <button type="submit" name="intent" value="remove" className="button button--link" disabled={busy} aria-label={`Remove ${product.partNumber}`}>
            {busy && fetcher.formData?.get("intent") === "remove" ? "Removing…" : "Remove"}
          </button>
        </div>
      </fetcher.Form>
    </li>
  );
}
