import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AddToQuoteForm, useAddToQuote } from "~/quotes/components/add-to-quote-form";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { JsonLd } from "~/components/json-ld";
import { Price } from "~/catalog/components/price";
import { QuantityPricing } from "~/catalog/components/quantity-pricing";
import { withPriceBreaks } from "~/catalog/price-breaks.server";
import { ProductCard } from "~/catalog/components/product-card";
import { ProductImage } from "~/catalog/components/product-image";
import { SpecsTable } from "~/catalog/components/specs-table";
import { StockBadge } from "~/catalog/components/stock-badge";
import { pricingFor, withBuyerPrices, withYourPrices } from "~/accounts/company-prices.server";
import { getCustomer } from "~/accounts/customer-session.server";
import { AddToListForm } from "~/accounts/components/add-to-list-form";
import { addToListOffer } from "~/accounts/saved-lists-page.server";
import { env } from "~/lib/env.server";
import { pageMeta } from "~/lib/seo";
import { versionedPath } from "~/lib/static-files.server";
import { getCategory, getCategoryById } from "~/catalog/category.server";
import { getProduct, listRelatedProducts } from "~/catalog/product.server";
import { formatWeight } from "~/lib/shipping-weight";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? pageMeta({
        title: `${data.product.name} — ${data.product.partNumber}`,
        description: `${data.product.manufacturer} ${data.product.partNumber}: ${data.product.summary}`,
        path: `/products/${data.product.slug}`,
        matches,
        type: "product",
        image: { path: data.product.imagePath, alt: data.product.name },
      })
    : [{ title: "Product not found · IronAxis" }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const found = getProduct({ slug: params.slug ?? "" });
  if (!found) throw new Response("Product not found", { status: 404 });
  // A signed-in buyer's page is rendered for them (the page cache leaves it alone): their prices.
  const customer = await getCustomer(request);
  const pricing = pricingFor(customer);
  const [listed] = withPriceBreaks([found]);
  const [product] = withBuyerPrices(pricing, [listed]);
  // Structured data keeps the list price and the list breaks, whoever is signed in.
  const listBreaks = listed.priceBreaks;
  const category = getCategoryById(product.categoryId);
  const trail = category ? (getCategory({ slug: category.slug })?.trail ?? []) : [];
  const url = new URL(`/products/${product.slug}`, env.SITE_URL).toString();
  // Search engines take a Product only with an offer (Google's product snippets need one): a
  // product sold on quote alone has no price to offer, so its page carries its breadcrumbs only.
  const structuredData = product.priceCents !== null && {
    "@context": "https://schema.org",
    "@type": "Product",
    name: product.name,
    sku: product.partNumber,
    mpn: product.partNumber,
    brand: { "@type": "Brand", name: product.manufacturer },
    description: product.summary,
    image: new URL(versionedPath(product.imagePath), env.SITE_URL).toString(),
    url,
    offers: {
      "@type": "Offer",
      price: (product.priceCents / 100).toFixed(2),
      priceCurrency: "USD",
      availability: product.inStock ? "https://schema.org/InStock" : "https://schema.org/BackOrder",
      url,
      ...(listBreaks.length && {
        priceSpecification: [{ minQuantity: 1, unitPriceCents: product.priceCents }, ...listBreaks].map((tier) => ({
          "@type": "UnitPriceSpecification",
          price: (tier.unitPriceCents / 100).toFixed(2),
          priceCurrency: "USD",
          eligibleQuantity: { "@type": "QuantitativeValue", minValue: tier.minQuantity },
        })),
      }),
    },
  };
  return {
    product,
    trail: [
      ...trail.map(({ slug, name }) => ({ name, to: `/categories/${slug}` })),
      { name: product.name, to: `/products/${product.slug}` },
    ],
    related: withYourPrices(pricing, listRelatedProducts(product)),
    structuredData,
    // Only a signed-in buyer's page has it: the anonymous page (the cached one) is as it was.
    ...(customer && { saveToList: addToListOffer(customer, new URL(request.url)) }),
  };
}

export default function ProductPage() {
  const { product, trail, related, structuredData, saveToList } = useLoaderData<typeof loader>();
  const adding = useAddToQuote();
  return (
    <>
      <Breadcrumbs items={trail} />
      <article className="product">
        <div className="product__media">
          <ProductImage src={product.imagePath} alt={`${product.name} (illustration)`} size="large" priority />
        </div>
        <div className="product__info">
          <p className="eyebrow">{product.categoryName}</p>
          <h1>{product.name}</h1>
          <p className="part-number">
            Part number <strong className="mono">{product.partNumber}</strong> · {product.manufacturer}
          </p>
          <p className="lead">{product.summary}</p>
          <div className="buy-box">
            <Price cents={product.priceCents} yours={product.yourPriceCents} className="price price--large" />
            {product.priceCents !== null ? (
              <>
                <span className="muted"> per unit, USD</span>
                <QuantityPricing
                  unitPriceCents={product.yourPriceCents ?? product.priceCents}
                  priceBreaks={product.priceBreaks}
                  minOrderQty={product.minOrderQty}
                />
              </>
            ) : null}
            <StockBadge inStock={product.inStock} leadTimeDays={product.leadTimeDays} />
            <dl className="buy-box__terms">
              <div>
                <dt>Minimum order</dt>
                <dd>{product.minOrderQty}</dd>
              </div>
              <div>
                <dt>Pack size</dt>
                <dd>{product.packSize === 1 ? "Single unit" : `${product.packSize} per pack`}</dd>
              </div>
              {product.shippingWeight !== null ? (
                <div>
                  <dt>Shipping weight</dt>
                  <dd>{formatWeight(product.shippingWeight)}</dd>
                </div>
              ) : null}
            </dl>
            <AddToQuoteForm
              productId={product.id}
              productName={product.name}
              minOrderQty={product.minOrderQty}
              buyable={product.priceCents !== null}
              status={adding.statusOf(product.id)}
              onSubmit={adding.onSubmit}
            />
            {saveToList ? <AddToListForm product={product} {...saveToList} /> : null}
            <p className="buy-box__links">
              <a href={`/products/${product.slug}/datasheet.pdf`} download>
                Download datasheet (PDF)
              </a>
              {" · "}
              <Link to={`/compare?ids=${[product.id, ...related.map((r) => r.id)].slice(0, 4).join(",")}`}>
                Compare with similar items
              </Link>
            </p>
          </div>
        </div>
      </article>
      <div className="product__details">
        <section aria-labelledby="description-heading">
          <h2 id="description-heading">Description</h2>
          <p>{product.description}</p>
        </section>
        <section aria-labelledby="specs-heading">
          <h2 id="specs-heading">Specifications</h2>
          <SpecsTable specs={product.specs} caption={`Specifications of ${product.partNumber}`} />
        </section>
      </div>
      {related.length ? (
        <section aria-labelledby="related-heading">
          <h2 id="related-heading">Related items</h2>
          <div className="card-grid">
            {related.map((item) => (
              <ProductCard key={item.id} product={item} />
            ))}
          </div>
        </section>
      ) : null}
      {structuredData ? <JsonLd data={structuredData} /> : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
