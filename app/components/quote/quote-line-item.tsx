import { Form, Link, useNavigation } from "@remix-run/react";
import type { QuoteLineRequirement } from "../../../db/schema";
import { formatMoney } from "~/lib/money";
import type { ProductSummary } from "~/models/product.server";
import { Price } from "../price";
import { ProductImage } from "../product-image";

export type QuoteListLine = {
  lineId: number;
  quantity: number;
  note: string;
  description: string | null;
  targetPriceCents: number | null;
  requirements: QuoteLineRequirement[];
  equivalentAccepted: boolean;
  product: ProductSummary | null;
};

export type LineError = { lineId: number; message: string; quantity: string; note: string };

export function QuoteLineItem({ line, error }: { line: QuoteListLine; error?: LineError }) {
  const navigation = useNavigation();
  const busy = navigation.formData?.get("lineId") === String(line.lineId);
  const { product } = line;
  return (
    <li className="quote-line">
      {product ? <ProductImage src={product.imagePath} alt="" size="thumb" /> : <span className="quote-line__free-form-mark">Free-form</span>}
      <div className="quote-line__product">
        {product ? (
          <>
            <Link to={`/products/${product.slug}`}>{product.name}</Link>
            <span className="part-number mono">{product.partNumber}</span>
            <Price cents={product.priceCents} />
            {line.quantity < product.minOrderQty ? <span className="notice notice--warn">Minimum order is {product.minOrderQty}</span> : null}
          </>
        ) : (
          <>
            <strong>{line.description}</strong>
            {line.targetPriceCents !== null ? <span>Target unit price {formatMoney(line.targetPriceCents)}</span> : null}
            {line.requirements.length ? (
              <ul className="requirements">
                {line.requirements.map((r, i) => (
                  <li key={i}>
                    {r.spec}: {r.value} <span className="muted">({r.mustHave ? "must have" : "nice to have"})</span>
                  </li>
                ))}
              </ul>
            ) : null}
            <span className="muted">{line.equivalentAccepted ? "Equivalent accepted" : "No substitutes"}</span>
          </>
        )}
      </div>
      <Form method="post" className="quote-line__edit" aria-busy={busy}>
        <input type="hidden" name="lineId" value={line.lineId} />
        <label htmlFor={`qty-${line.lineId}`}>Quantity</label>
        <input
          id={`qty-${line.lineId}`}
          name="quantity"
          type="number"
          min={1}
          max={1000000}
          defaultValue={error ? error.quantity : line.quantity}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `qty-${line.lineId}-error` : undefined}
        />
        {error ? (
          <span id={`qty-${line.lineId}-error`} className="field-error">
            {error.message}
          </span>
        ) : null}
        <label htmlFor={`note-${line.lineId}`}>Note for sales</label>
        <textarea id={`note-${line.lineId}`} name="note" rows={2} maxLength={1000} defaultValue={error ? error.note : line.note} />
        <div className="quote-line__actions">
          <button type="submit" name="intent" value="update" className="button button--secondary">
            Update
          </button>
          <button type="submit" name="intent" value="remove" className="button button--link">
            Remove
          </button>
        </div>
      </Form>
    </li>
  );
}
