import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { eq } from "drizzle-orm";
import { companies } from "~db/schema";
import { formatPercentOff, PRICE_LIST_INTENT } from "~/accounts/price-list-intents";
import { PriceListForm } from "~/accounts/price-list-schema";
import {
  priceListOf,
  removeCategoryDiscount,
  removeProductPrice,
  setCategoryDiscount,
  setProductPrice,
} from "~/accounts/sales-price-list.server";
import { requireUser } from "~/admin/auth.server";
import { listCategoryTree, type CategoryNode } from "~/catalog/category.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SelectField, TextField } from "~/components/ui/field";
import { db, writeTransaction } from "~/lib/db.server";
import { errorsOf, typedOr, useFormResult, useIsPending } from "~/lib/forms";
import { formErrorResult, invalid, parseForm } from "~/lib/forms.server";
import { formatMoney } from "~/lib/money";
import { readForm } from "~/lib/request-body.server";
import { idParam } from "~/lib/route-params";
import { TableScroll } from "~/components/ui/table-scroll";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `Price list · ${loaded?.company.name ?? "Company"} · IronAxis back office` },
  { name: "robots", content: "noindex" },
];

const SAVED: Record<string, string> = {
  discount: "Discount saved: the company’s buyers see it now.",
  price: "Price saved: the company’s buyers see it now.",
  removed: "Removed from the price list.",
};

function companyOf(param: string | undefined) {
  const id = idParam(param);
  const company = id
    ? db.select({ id: companies.id, name: companies.name }).from(companies).where(eq(companies.id, id)).get()
    : undefined;
  if (!company) throw new Response("Company not found", { status: 404 });
  return company;
}

/** Every category, parents before their children, indented by depth. */
function categoryOptions(nodes: CategoryNode[], depth = 0): [string, string][] {
  return nodes.flatMap((node) => [
    [String(node.id), `${"— ".repeat(depth)}${node.name}`] as [string, string],
    ...categoryOptions(node.children, depth + 1),
  ]);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const company = companyOf(params.id);
  return data({ company, ...priceListOf(company.id), categories: categoryOptions(listCategoryTree()) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const company = companyOf(params.id);
  const parsed = parseForm(PriceListForm, await readForm(request, 4 * 1024));
  if (parsed.status === "error") return invalid(parsed, 400);
  const form = parsed.data;
  const done = (saved: string) => redirect(`/admin/companies/${company.id}/prices?saved=${saved}`);
  if (form.intent === PRICE_LIST_INTENT.removeDiscount) {
    writeTransaction(() => removeCategoryDiscount(company.id, form.categoryId));
    return done("removed");
  }
  if (form.intent === PRICE_LIST_INTENT.removePrice) {
    writeTransaction(() => removeProductPrice(company.id, form.productId));
    return done("removed");
  }
  const written =
    form.intent === PRICE_LIST_INTENT.setDiscount
      ? setCategoryDiscount(company.id, form.categoryId, form.percentOff)
      : setProductPrice(company.id, form.partNumber, form.price);
  if (written.ok) return done(form.intent === PRICE_LIST_INTENT.setDiscount ? "discount" : "price");
  const refused = written.field
    ? {
        status: "error" as const,
        intent: form.intent,
        values: parsed.values,
        fieldErrors: { [written.field]: written.message },
      }
    : formErrorResult(parsed.values, written.message, { intent: form.intent });
  return invalid(refused, written.status);
}

/** One row's "Remove" button: a plain form, named for screen readers by what it removes. */
function RemoveForm({ intent, field, what }: { intent: string; field: [name: string, value: number]; what: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={field[0]} value={field[1]} />
      <button type="submit" className="button button--secondary">
        Remove<span className="visually-hidden"> {what}</span>
      </button>
    </Form>
  );
}

export default function AdminCompanyPrices() {
  const { company, discounts, fixed, categories } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const answered = useFormResult();
  const discountFailed = useFormResult(PRICE_LIST_INTENT.setDiscount);
  const priceFailed = useFormResult(PRICE_LIST_INTENT.setPrice);
  const savingDiscount = useIsPending({ intent: PRICE_LIST_INTENT.setDiscount });
  const savingPrice = useIsPending({ intent: PRICE_LIST_INTENT.setPrice });
  const saved = SAVED[search.get("saved") ?? ""];
  return (
    <section aria-labelledby="prices-heading">
      <p>
        <Link to={`/admin/companies/${company.id}`}>← {company.name}</Link>
      </p>
      <h1 id="prices-heading">Price list: {company.name}</h1>
      <p className="muted">
        Signed-in buyers of {company.name} see these prices beside the list price on listings, product pages, the cart
        and checkout, and pay them. A fixed price wins over a discount; a category’s discount covers its sub-categories
        unless one has its own. Quotes are priced in the quote.
      </p>
      {saved && !answered ? (
        <p className="notice" role="status">
          {saved}
        </p>
      ) : null}
      {answered?.formError ? (
        <p className="field-error" role="alert">
          {answered.formError}
        </p>
      ) : null}

      <h2 id="discounts-heading">Discounts by category ({discounts.length})</h2>
      {discounts.length ? (
        <TableScroll labelledBy="discounts-heading">
          <table className="data-table" aria-labelledby="discounts-heading">
            <thead>
              <tr>
                <th scope="col">Category</th>
                <th scope="col">Off list price</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {discounts.map((discount) => (
                <tr key={discount.categoryId}>
                  <td>{discount.categoryName}</td>
                  <td>{formatPercentOff(discount.basisPoints)}</td>
                  <td>
                    <RemoveForm
                      intent={PRICE_LIST_INTENT.removeDiscount}
                      field={["categoryId", discount.categoryId]}
                      what={`the discount on ${discount.categoryName}`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>No category discounts.</p>
      )}
      <Form method="post" className="panel admin-form" aria-labelledby="new-discount-heading">
        <h3 id="new-discount-heading">Set a category discount</h3>
        <ErrorSummary errors={errorsOf(discountFailed)} />
        <input type="hidden" name="intent" value={PRICE_LIST_INTENT.setDiscount} />
        <SelectField
          id="categoryId"
          name="categoryId"
          label="Category"
          options={[["", "Choose a category"], ...categories]}
          defaultValue={typedOr(discountFailed, "categoryId", "")}
          error={discountFailed?.fieldErrors.categoryId}
        />
        <TextField
          id="percentOff"
          name="percentOff"
          label="Percentage off list price"
          hint="Like 12.5; setting a category again changes its discount"
          inputMode="decimal"
          maxLength={10}
          required
          defaultValue={typedOr(discountFailed, "percentOff", "")}
          error={discountFailed?.fieldErrors.percentOff}
        />
        <button type="submit" className="button" aria-disabled={savingDiscount || undefined}>
          Save discount
        </button>
      </Form>

      <h2 id="fixed-heading">Fixed prices ({fixed.length})</h2>
      {fixed.length ? (
        <TableScroll labelledBy="fixed-heading">
          <table className="data-table" aria-labelledby="fixed-heading">
            <thead>
              <tr>
                <th scope="col">Part number</th>
                <th scope="col">Product</th>
                <th scope="col">List price</th>
                <th scope="col">Company price</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {fixed.map((row) => (
                <tr key={row.productId}>
                  <td>{row.partNumber}</td>
                  <td>
                    <Link to={`/products/${row.slug}`}>{row.name}</Link>
                  </td>
                  <td>{row.listPriceCents === null ? "On request" : formatMoney(row.listPriceCents)}</td>
                  <td>{formatMoney(row.priceCents)}</td>
                  <td>
                    <RemoveForm
                      intent={PRICE_LIST_INTENT.removePrice}
                      field={["productId", row.productId]}
                      what={`the price of ${row.partNumber}`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>No fixed prices.</p>
      )}
      <Form method="post" className="panel admin-form" aria-labelledby="new-price-heading">
        <h3 id="new-price-heading">Set a fixed price</h3>
        <ErrorSummary errors={errorsOf(priceFailed)} />
        <input type="hidden" name="intent" value={PRICE_LIST_INTENT.setPrice} />
        <TextField
          id="partNumber"
          name="partNumber"
          label="Part number"
          maxLength={100}
          required
          defaultValue={typedOr(priceFailed, "partNumber", "")}
          error={priceFailed?.fieldErrors.partNumber}
        />
        <TextField
          id="price"
          name="price"
          label="Company price (USD)"
          hint="Like 1250.00; setting a product again changes its price"
          inputMode="decimal"
          maxLength={20}
          required
          defaultValue={typedOr(priceFailed, "price", "")}
          error={priceFailed?.fieldErrors.price}
        />
        <button type="submit" className="button" aria-disabled={savingPrice || undefined}>
          Save price
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
