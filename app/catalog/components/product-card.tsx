import { Link } from "@remix-run/react";
import type { ProductSummary } from "~/catalog/product.server";
import { Price } from "./price";
import { ProductImage } from "./product-image";
import { StockBadge } from "./stock-badge";

export function ProductCard({ product }: { product: ProductSummary }) {
  return (
    <article className="product-card">
      <ProductImage src={product.imagePath} alt="" />
      <h3>
        <Link to={`/products/${product.slug}`} prefetch="intent">
          {product.name}
        </Link>
      </h3>
      <p className="part-number">
        {product.manufacturer} · <span className="mono">{product.partNumber}</span>
      </p>
      <p className="product-card__meta">
        <Price cents={product.priceCents} yours={product.yourPriceCents} />
        <StockBadge inStock={product.inStock} leadTimeDays={product.leadTimeDays} />
      </p>
    </article>
  );
}
