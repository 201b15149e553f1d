import { Form, Link, useNavigation } from "@remix-run/react";
import type { QuoteLineRequirement } from "~db/schema";
import { useFormResult, type Constraints } from "~/lib/forms";
import { formatMoney } from "~/lib/money";
import { QUOTE_LIST_INTENT as INTENT } from "~/quotes/quote-intents";
import type { ProductSummary } from "~/catalog/product.server";
import { Price } from "~/catalog/components/price";
import { ProductImage } from "~/catalog/components/product-image";

export type QuoteListLine = {
  lineId: number;
  quantity: number;
  note: string;
  description: string | null;
  targetPriceCents: number | null;
  requirements: QuoteLineRequirement[];
  equivalentAccepted: boolean;
  product: ProductSummary | null;
  /** One unit at the line's quantity, its break and the company's price list applied; null: priced on request. */
  unitPriceCents: number | null;
};

export function QuoteLineItem({ line, constraints }: { line: QuoteListLine; constraints: Constraints }) {
  const sent = useFormResult(INTENT.update);
  // The line's form came back: what was typed, and the message at its field.
  const result = sent?.values.lineId === String(line.lineId) ? sent : undefined;
  const checked = (name: "quantity" | "note", id: string) => {
    const error = result?.fieldErrors[name];
    return {
      input: { "aria-invalid": error ? true : undefined, "aria-describedby": error ? `${id}-error` : undefined },
      error: error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : null,
    };
  };
  const quantity = checked("quantity", `qty-${line.lineId}`);
  const note = checked("note", `note-${line.lineId}`);
  const navigation = useNavigation();
  const busy = navigation.formData?.get("lineId") === String(line.lineId);
  const { product } = line;
  // Which line a control is for, said to a screen reader as each control's name ends.
  const which = <span className="visually-hidden"> {product ? product.partNumber : `“${line.description}”`}</span>;
  return (
    <li className="quote-line">
      {product ? (
        <ProductImage src={product.imagePath} alt="" size="thumb" />
      ) : (
        <span className="quote-line__free-form-mark">Free-form</span>
      )}
      <div className="quote-line__product">
        {product ? (
          <>
            <Link to={`/products/${product.slug}`}>{product.name}</Link>
            <span className="part-number mono">{product.partNumber}</span>
            <Price
              cents={product.priceCents}
              yours={line.unitPriceCents !== product.priceCents ? (line.unitPriceCents ?? undefined) : undefined}
            />
            {line.quantity < product.minOrderQty ? (
              <span className="notice notice--warn">Minimum order is {product.minOrderQty}</span>
            ) : null}
          </>
        ) : (
          <>
            <strong>{line.description}</strong>
            {line.targetPriceCents !== null ? (
              <span>Target unit price {formatMoney(line.targetPriceCents)}</span>
            ) : null}
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
        <label htmlFor={`qty-${line.lineId}`}>
          Quantity<span className="visually-hidden"> of</span>
          {which}
        </label>
        <input
          id={`qty-${line.lineId}`}
          name="quantity"
          type="number"
          min={1}
          max={1000000}
          defaultValue={result ? result.values.quantity : line.quantity}
          {...quantity.input}
        />
        {quantity.error}
        <label htmlFor={`note-${line.lineId}`}>
          Note for sales<span className="visually-hidden"> on</span>
          {which}
        </label>
        <textarea
          id={`note-${line.lineId}`}
          name="note"
          rows={2}
          maxLength={constraints.note?.maxLength}
          defaultValue={result ? result.values.note : line.note}
          {...note.input}
        />
        {note.error}
        <div className="quote-line__actions">
          <button type="submit" name="intent" value={INTENT.update} className="button button--secondary">
            Update
            {which}
          </button>
          <button type="submit" name="intent" value={INTENT.remove} className="button button--link">
            Remove
            {which}
          </button>
        </div>
      </Form>
    </li>
  );
}
