import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Pagination } from "~/components/pagination";
import { requireUser } from "~/admin/auth.server";
import { ADMIN_PRODUCT_PAGE_SIZE } from "~/admin/back-office";
import { formatMoney } from "~/lib/money";
import { listAdminProducts, listCategoryChoices, type ProductStatusFilter } from "~/catalog/product-admin.server";
import { plural } from "~/lib/plural";
import { queryText } from "~/lib/plain-text";
import { TableScroll } from "~/components/ui/table-scroll";

export const meta: MetaFunction = () => [
  { title: "Products · IronAxis back office" },
  { name: "robots", content: "noindex" },
];

const STATUSES: ProductStatusFilter[] = ["all", "active", "archived"];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const url = new URL(request.url);
  const q = queryText(url.searchParams.get("q"), 200);
  const requested = url.searchParams.get("status") as ProductStatusFilter;
  const status = STATUSES.includes(requested) ? requested : "all";
  const { options, idsBySlug } = listCategoryChoices();
  const category = url.searchParams.get("category") ?? "";
  const page = Math.min(Math.max(1, Math.trunc(Number(url.searchParams.get("page"))) || 1), 10_000);
  const { rows, total } = listAdminProducts({ q, status, categoryId: idsBySlug.get(category), page });
  return data({ q, status, category, page, rows, total, categories: options });
}

export default function AdminProducts() {
  const { q, status, category, page, rows, total, categories } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  return (
    <section aria-labelledby="products-heading">
      <h1 id="products-heading">Products</h1>
      <p className="actions">
        <Link to="/admin/products/new" className="button">
          New product
        </Link>
        <Link to="/admin/catalog/import" className="button button--secondary">
          Import / export CSV
        </Link>
      </p>
      <Form method="get" className="inline-form" role="search" aria-label="Search the products">
        <label htmlFor="products-q">Name or part number</label>
        <input id="products-q" name="q" type="search" defaultValue={q} maxLength={200} />
        <label htmlFor="products-category">Category</label>
        <select id="products-category" name="category" defaultValue={category}>
          <option value="">All categories</option>
          {categories.map((c) => (
            <option key={c.slug} value={c.slug}>
              {c.label}
            </option>
          ))}
        </select>
        <label htmlFor="products-status">Status</label>
        <select id="products-status" name="status" defaultValue={status}>
          <option value="all">All</option>
          <option value="active">Active</option>
          <option value="archived">Archived</option>
        </select>
        <button type="submit" className="button button--secondary">
          Filter
        </button>
      </Form>
      <p className="muted">{plural(total, "product")}, recently edited first.</p>
      {rows.length ? (
        <TableScroll label="Products">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Part number</th>
                <th scope="col">Category</th>
                <th scope="col">Price</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <Link to={`/admin/products/${row.id}`}>{row.name}</Link>{" "}
                    <span className="muted">{row.manufacturer}</span>
                  </td>
                  <td className="mono">{row.partNumber}</td>
                  <td>{row.categoryName}</td>
                  <td>{row.priceCents === null ? "Quote only" : formatMoney(row.priceCents)}</td>
                  <td>
                    <span className={`status status--${row.status}`}>{row.status}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>No products match.</p>
      )}
      <Pagination page={page} total={total} search={search} pageSize={ADMIN_PRODUCT_PAGE_SIZE} />
    </section>
  );
}
