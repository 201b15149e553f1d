import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Price } from "~/components/price";
import { ProductImage } from "~/components/product-image";
import { formatMoney } from "~/lib/money";
import { QuoteListAction } from "~/lib/quote-list-schema";
import { quoteListCookie, readQuoteListToken } from "~/lib/quote-list-cookie.server";
import { readForm } from "~/lib/request-body.server";
import { pageMeta } from "~/lib/seo";
import {
  addProductToQuoteList,
  getQuoteList,
  removeQuoteListLine,
  updateQuoteListLine,
} from "~/models/quote-list.server";

export const meta: MetaFunction = ({ matches }) => [
  ...pageMeta({
    title: "Quote list",
    description: "Your list of items for a quotation from IronAxis.",
    path: "/quote",
    matches,
  }),
  { name: "robots", content: "noindex" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const list = getQuoteList(await readQuoteListToken(request));
  return data(list, { headers: { "Cache-Control": "private, no-store" } });
}

type ActionResult =
  | { added: { quantity: number } }
  | { formError: string }
  | { lineError: { lineId: number; message: string; quantity: string; note: string } };

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const token = await readQuoteListToken(request);
  const parsed = QuoteListAction.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "That change could not be made";
    const lineId = Number(form.get("lineId"));
    if (form.get("intent") === "update" && Number.isSafeInteger(lineId)) {
      return data<ActionResult>(
        { lineError: { lineId, message, quantity: String(form.get("quantity") ?? ""), note: String(form.get("note") ?? "") } },
        { status: 400 },
      );
    }
    return data<ActionResult>({ formError: message }, { status: 400 });
  }
  const change = parsed.data;
  switch (change.intent) {
    case "add": {
      const result = addProductToQuoteList(token, change.productId, change.quantity);
      if (!result.ok) return data<ActionResult>({ formError: "That product is no longer available." }, { status: 404 });
      const headers = { "Set-Cookie": await quoteListCookie.serialize(result.token) };
      // With JavaScript the buyer stays on the product; without it they see the list.
      if (change.stay) return data<ActionResult>({ added: { quantity: change.quantity } }, { headers });
      throw redirect("/quote", { headers });
    }
    case "update":
      updateQuoteListLine(token, change.lineId, { quantity: change.quantity, note: change.note });
      throw redirect("/quote");
    case "remove":
      removeQuoteListLine(token, change.lineId);
      throw redirect("/quote");
  }
}

export default function QuoteListPage() {
  const { lines } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionResult>();
  const navigation = useNavigation();
  const lineError = actionData && "lineError" in actionData ? actionData.lineError : undefined;
  const listed = lines.filter((line) => line.product.priceCents !== null);
  const listedTotal = listed.reduce((sum, line) => sum + (line.product.priceCents ?? 0) * line.quantity, 0);
  return (
    <>
      <header className="page-header">
        <h1>Quote list</h1>
        <p>Collect the items you need, with quantities and notes; our sales engineers answer with prices, lead times and validity.</p>
      </header>
      {actionData && "formError" in actionData ? (
        <p role="alert" className="notice notice--error">
          {actionData.formError}
        </p>
      ) : null}
      {lines.length === 0 ? (
        <section className="empty-state">
          <p>Your quote list is empty.</p>
          <p>
            Add items with “Add to quote” on any product, category or search page. <Link to="/search">Search the catalog</Link> or
            browse from the <Link to="/">home page</Link>.
          </p>
        </section>
      ) : (
        <section aria-labelledby="lines-heading">
          <h2 id="lines-heading">
            {lines.length} {lines.length === 1 ? "item" : "items"}
          </h2>
          <ul className="quote-lines">
            {lines.map((line) => {
              const error = lineError?.lineId === line.lineId ? lineError : undefined;
              const busy = navigation.formData?.get("lineId") === String(line.lineId);
              return (
                <li key={line.lineId} className="quote-line">
                  <ProductImage src={line.product.imagePath} alt="" size="thumb" />
                  <div className="quote-line__product">
                    <Link to={`/products/${line.product.slug}`}>{line.product.name}</Link>
                    <span className="part-number mono">{line.product.partNumber}</span>
                    <Price cents={line.product.priceCents} />
                    {line.quantity < line.product.minOrderQty ? (
                      <span className="notice notice--warn">Minimum order is {line.product.minOrderQty}</span>
                    ) : null}
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
            })}
          </ul>
          {listed.length ? (
            <p className="quote-total">
              List-price value of {listed.length} of {lines.length} items: <strong>{formatMoney(listedTotal)}</strong>
            </p>
          ) : null}
        </section>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
