import type { ProductSummary } from "~/catalog/product.server";
import { Price } from "./price";
import { ProductHeading } from "./product-heading";
import { ProductImage } from "./product-image";
import { StockBadge } from "./stock-badge";

export function ProductCard({ product }: { product: ProductSummary }) {
  return (
    <article className="product-card">
      <ProductImage src={product.imagePath} alt="" />
      <ProductHeading product={product} />
      <p className="product-card__meta">
        <Price cents={product.priceCents} yours={product.yourPriceCents} />
        <StockBadge inStock={product.inStock} leadTimeDays={product.leadTimeDays} />
      </p>
    </article>
  );
}
