import { Form } from "@remix-run/react";
import { Fragment } from "react";
import type { ListingRow } from "~/catalog/product-listing.server";
import { AddToQuoteForm, useAddToQuote } from "~/quotes/components/add-to-quote-form";
import { Price } from "./price";
import { ProductHeading } from "./product-heading";
import { BreaksLine } from "./quantity-pricing";
import { ProductImage } from "./product-image";
import { StockBadge } from "./stock-badge";

export const COMPARE_FORM_ID = "compare-form";

/**
 * Dense product rows, as an engineer scans them: picture, name and part number, key specs, price.
 * A listing page has 24 of them, so each is kept to few elements: the row's grid places them.
 */
export function ProductTable({ products }: { products: ListingRow[] }) {
  const adding = useAddToQuote();
  return (
    <>
      {/* A client-side navigation once hydrated: the comparison opens without reloading the app. */}
      <Form id={COMPARE_FORM_ID} method="get" action="/compare" />
      <ul className="product-rows">
        {products.map((product) => (
          <li key={product.id} className="product-row">
            <ProductImage src={product.imagePath} alt="" size="thumb" />
            <ProductHeading product={product} />
            {/* Each pair stays on one line; the space after it is where a line may break. */}
            <dl className="key-specs">
              {product.keySpecs.map((spec) => (
                <Fragment key={spec.label}>
                  <dt>{spec.label}</dt>
                  <dd>{spec.text}</dd>{" "}
                </Fragment>
              ))}
            </dl>
            <div className="product-row__buy">
              <Price cents={product.priceCents} yours={product.yourPriceCents} />
              <BreaksLine priceBreaks={product.priceBreaks} />
              <StockBadge inStock={product.inStock} leadTimeDays={product.leadTimeDays} />
              {product.minOrderQty > 1 ? <span className="muted">Min. order {product.minOrderQty}</span> : null}
              <AddToQuoteForm
                productId={product.id}
                productName={product.name}
                minOrderQty={product.minOrderQty}
                compact
                status={adding.statusOf(product.id)}
                onSubmit={adding.onSubmit}
              />
              <label className="compare-toggle">
                <input type="checkbox" name="ids" value={product.id} form={COMPARE_FORM_ID} /> Compare
              </label>
            </div>
          </li>
        ))}
      </ul>
      <p className="compare-bar">
        <button type="submit" form={COMPARE_FORM_ID} className="button button--secondary">
          Compare selected (up to 4)
        </button>
      </p>
    </>
  );
}
