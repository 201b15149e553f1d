import { Link } from "@remix-run/react";

/**
 * A product as a list names it: its name, linking to its page (fetched on intent), then its
 * manufacturer and part number. No wrapper: the card or row lays the two out.
 */
export function ProductHeading({
  product,
}: {
  product: { slug: string; name: string; manufacturer: string; partNumber: string };
}) {
  return (
    <>
      <h3>
        <Link to={`/products/${product.slug}`} prefetch="intent">
          {product.name}
        </Link>
      </h3>
      <p className="part-number">
        {product.manufacturer} · <span className="mono">{product.partNumber}</span>
      </p>
    </>
  );
}
