import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { pricingForRequest, withYourPrices } from "~/accounts/company-prices.server";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AddToQuoteForm, useAddToQuote } from "~/quotes/components/add-to-quote-form";
import { Price } from "~/catalog/components/price";
import { ProductImage } from "~/catalog/components/product-image";
import { MAX_COMPARE, parseCompareIds } from "~/catalog/compare";
import { formatMoney } from "~/lib/money";
import { pageMeta } from "~/lib/seo";
import { groupSpecs } from "~/catalog/specs";
import { formatLeadTime } from "~/catalog/units";
import { listProductsByIds, listSpecsForProducts } from "~/catalog/product.server";
import { plural } from "~/lib/plural";
import { TableScroll } from "~/components/ui/table-scroll";

export const meta: MetaFunction = ({ matches }) => [
  ...pageMeta({
    title: "Compare products",
    description: "Compare up to four IronAxis products side by side.",
    path: "/compare",
    matches,
  }),
  { name: "robots", content: "noindex" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { ids, dropped } = parseCompareIds(new URL(request.url).searchParams);
  const products = withYourPrices(await pricingForRequest(request), listProductsByIds(ids));
  const specs = listSpecsForProducts(products.map((p) => p.id));
  const cells = products.map(
    (product) =>
      new Map(
        groupSpecs(specs.filter((s) => s.productId === product.id)).map((row) => [row.key, row.values.join(", ")]),
      ),
  );
  const specRows = groupSpecs(specs).map(({ key, label }) => {
    const values = cells.map((cell) => cell.get(key) ?? "—");
    return { key, label, values, differs: new Set(values).size > 1 };
  });
  const fixedRows = [
    { key: "manufacturer", label: "Manufacturer", values: products.map((p) => p.manufacturer) },
    {
      key: "price",
      label: "Price",
      values: products.map((p) =>
        p.priceCents === null
          ? "Price on request"
          : p.yourPriceCents === undefined
            ? formatMoney(p.priceCents)
            : `Your price ${formatMoney(p.yourPriceCents)} (list ${formatMoney(p.priceCents)})`,
      ),
    },
    {
      key: "lead",
      label: "Availability",
      values: products.map((p) => (p.inStock ? "In stock" : formatLeadTime(p.leadTimeDays))),
    },
    { key: "moq", label: "Minimum order", values: products.map((p) => String(p.minOrderQty)) },
  ].map((row) => ({ ...row, differs: new Set(row.values).size > 1 }));
  return { products, rows: [...fixedRows, ...specRows], dropped };
}

export default function ComparePage() {
  const { products, rows, dropped } = useLoaderData<typeof loader>();
  const adding = useAddToQuote();
  if (products.length === 0) {
    return (
      <section className="empty-state">
        <h1>Compare products</h1>
        <p>Tick “Compare” next to up to four products in a category or search, then press “Compare selected”.</p>
        <Link to="/">Browse the catalog</Link>
      </section>
    );
  }
  const withoutId = (id: number) =>
    `/compare?ids=${products
      .filter((p) => p.id !== id)
      .map((p) => p.id)
      .join(",")}`;
  return (
    <>
      <header className="page-header">
        <h1>Compare {plural(products.length, "product")}</h1>
        {dropped ? (
          <p role="status" className="notice">
            Up to {MAX_COMPARE} products can be compared at once; the first {MAX_COMPARE} are shown.
          </p>
        ) : null}
        <p className="muted">Rows where the products differ are marked “differs”.</p>
      </header>
      <TableScroll label="Compared products">
        <table className="compare-table">
          <caption className="visually-hidden">Side-by-side comparison</caption>
          <thead>
            <tr>
              <td />
              {products.map((product) => (
                <th key={product.id} scope="col">
                  <ProductImage src={product.imagePath} alt="" size="thumb" />
                  <Link to={`/products/${product.slug}`} prefetch="intent">
                    {product.name}
                  </Link>
                  <span className="part-number mono">{product.partNumber}</span>
                  <Price cents={product.priceCents} yours={product.yourPriceCents} />
                  <AddToQuoteForm
                    productId={product.id}
                    productName={product.name}
                    minOrderQty={product.minOrderQty}
                    compact
                    status={adding.statusOf(product.id)}
                    onSubmit={adding.onSubmit}
                  />
                  <Link
                    to={withoutId(product.id)}
                    className="muted"
                    aria-label={`Remove ${product.name} from comparison`}
                  >
                    Remove
                  </Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className={row.differs ? "differs" : undefined}>
                <th scope="row">
                  {row.label}
                  {row.differs && products.length > 1 ? <span className="differs-tag">differs</span> : null}
                </th>
                {row.values.map((value, index) => (
                  <td key={products[index].id}>{value}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
