import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { discardUploads } from "~/lib/attachments.server";
import { newFormStart } from "~/lib/form-start.server";
import { useFormResult, type FormResult, useFocusWhenFewer } from "~/lib/forms";
import { constraintsOf, formErrorResult, invalid, parseForm } from "~/lib/forms.server";
import { formatMoney } from "~/lib/money";
import { plural } from "~/lib/plural";
import { pageMeta } from "~/lib/seo";
import { EngineeringSummary } from "~/quotes/components/engineering-summary";
import { FreeFormLineForm } from "~/quotes/components/free-form-line-form";
import { QuickAddForm } from "~/quotes/components/quick-add-form";
import { QuoteLineItem } from "~/quotes/components/quote-line-item";
import { RequestForm } from "~/quotes/components/request-form";
import { countCartLines } from "~/orders/cart.server";
import { readCartToken } from "~/orders/cart-cookie.server";
import { QUOTE_LIST_INTENT as INTENT } from "~/quotes/quote-intents";
import { quoteListCookie, readQuoteListToken } from "~/quotes/quote-list-cookie.server";
import { getCustomer } from "~/accounts/customer-session.server";
import { contactPrefill, ownerOf } from "~/accounts/account-owner";
import { quickAddProblems, readQuoteListForm, refusedChange, submitRequest } from "~/quotes/quote-list-page.server";
import { QuoteListAction, RequirementRow } from "~/quotes/quote-list-schema";
import { REFUSED_PRODUCT_VALUES, refusedProductOf } from "~/catalog/refused-add";
import { namingRefusedProduct } from "~/catalog/refused-add.server";
import { NotAddedForm } from "~/catalog/components/not-added-form";
import { MAX_LINE_QUANTITY } from "~/lib/quantity";
import {
  addFreeFormLine,
  addProductToQuoteList,
  getQuoteList,
  quickAddToQuoteList,
  removeQuoteListLine,
  summariseQuoteList,
  updateQuoteListLine,
} from "~/quotes/quote-list.server";

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
  const customer = await getCustomer(request);
  const { lines } = getQuoteList(await readQuoteListToken(request), customer?.companyId ?? null);
  // A fresh key per rendering of the form (sending the same form twice makes one request), with
  // the time it was shown, signed: a form sent within seconds was not filled in by a person.
  return data(
    {
      lines,
      // The header shows them from here, so this page has them without JavaScript too (ADR 20).
      headerCounts: { quote: lines.length, cart: countCartLines(await readCartToken(request)) },
      summary: summariseQuoteList(lines),
      ...newFormStart(),
      prefill: contactPrefill(customer),
      constraints: constraintsOf(QuoteListAction),
      requirementConstraints: constraintsOf(RequirementRow),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

const cookieHeaders = async (token: string) => ({ "Set-Cookie": await quoteListCookie.serialize(token) });

export async function action({ request, context }: ActionFunctionArgs) {
  const token = await readQuoteListToken(request);
  const sent = await readQuoteListForm(request, token, context.clientIp);
  if ("refused" in sent) return sent.refused;
  try {
    const parsed = parseForm(QuoteListAction, sent.form, { omit: REFUSED_PRODUCT_VALUES });
    if (parsed.status === "error") return refusedChange(parsed);
    const change = parsed.data;
    switch (change.intent) {
      case INTENT.add: {
        const result = addProductToQuoteList(token, change.productId, change.quantity);
        if (!result.ok) {
          return result.reason === "quantity"
            ? invalid(formErrorResult(namingRefusedProduct(parsed.values), result.message, { intent: change.intent }))
            : invalid(
                formErrorResult(parsed.values, "That product is no longer available.", { intent: change.intent }),
                404,
              );
        }
        // With JavaScript the buyer stays on the product; without it they see the list.
        if (change.stay) {
          const added: FormResult = {
            status: "success",
            intent: change.intent,
            fieldErrors: {},
            values: parsed.values,
            message: "Added.",
          };
          return data(added, { headers: await cookieHeaders(result.token) });
        }
        throw redirect("/quote", { headers: await cookieHeaders(result.token) });
      }
      case INTENT.quickAdd: {
        const result = quickAddToQuoteList(token, change.lines);
        const headers = result.token ? await cookieHeaders(result.token) : undefined;
        if (result.problems.length === 0 && result.added > 0) throw redirect("/quote", { headers });
        return data(quickAddProblems(parsed.values, result.added, result.problems), {
          status: result.added ? 200 : 400,
          headers,
        });
      }
      case INTENT.addFreeForm: {
        const result = addFreeFormLine(token, change.line);
        throw redirect("/quote", { headers: await cookieHeaders(result.token) });
      }
      case INTENT.update:
        updateQuoteListLine(token, change.lineId, { quantity: change.quantity, note: change.note });
        throw redirect("/quote");
      case INTENT.remove:
        removeQuoteListLine(token, change.lineId);
        throw redirect("/quote");
      case INTENT.submitRequest:
        return submitRequest(
          token,
          change,
          parsed.values,
          context.clientIp,
          sent.files,
          ownerOf(await getCustomer(request)),
        );
    }
  } finally {
    discardUploads(sent.files); // the files the request did not take
  }
}

export default function QuoteListPage() {
  const { lines, summary, submissionKey, formStartedAt, constraints, requirementConstraints, prefill } =
    useLoaderData<typeof loader>();
  useFocusWhenFewer(lines.length, "lines-heading");
  const result = useFormResult();
  const refusedProduct = refusedProductOf(result, INTENT.add);
  const quickAdd = useFormResult(INTENT.quickAdd);
  const listed = lines.filter((line) => line.unitPriceCents != null);
  const listedTotal = listed.reduce((sum, line) => sum + (line.unitPriceCents ?? 0) * line.quantity, 0);
  return (
    <>
      <header className="page-header">
        <h1>Quote list</h1>
        <p>
          Collect the items you need, with quantities and notes; our sales engineers answer with prices, lead times and
          validity.
        </p>
      </header>
      {/* The request form says its own problems, an add from a product page its own; every other refusal is said here. */}
      {refusedProduct ? (
        <NotAddedForm
          refused={refusedProduct}
          typed={result?.values.quantity ?? ""}
          action="/quote"
          intent={INTENT.add}
          max={MAX_LINE_QUANTITY}
          submit="Add to quote"
        />
      ) : result?.formError && result.intent !== INTENT.submitRequest ? (
        <p role="alert" className="notice notice--error">
          {result.formError}
        </p>
      ) : null}
      {lines.length === 0 ? (
        <section className="empty-state">
          <p>Your quote list is empty.</p>
          <p>
            Add items with “Add to quote” on any product, category or search page, paste part numbers below, or describe
            something that is not in the catalog. <Link to="/search">Search the catalog</Link>.
          </p>
        </section>
      ) : (
        <section aria-labelledby="lines-heading">
          <h2 id="lines-heading">{plural(lines.length, "item")}</h2>
          <ul className="quote-lines">
            {lines.map((line) => (
              <QuoteLineItem key={line.lineId} line={line} constraints={constraints} />
            ))}
          </ul>
          {listed.length ? (
            <p className="quote-total">
              Catalog value of {listed.length} of {plural(lines.length, "item")}, at these quantities:{" "}
              <strong>{formatMoney(listedTotal)}</strong>
            </p>
          ) : null}
          <EngineeringSummary summary={summary} />
        </section>
      )}
      <RequestForm
        submissionKey={submissionKey}
        formStartedAt={formStartedAt}
        disabled={lines.length === 0}
        constraints={constraints}
        prefill={prefill}
      />
      <div className="quote-tools">
        {/* Keyed so that after a change the forms show what the server says, not stale input. */}
        <QuickAddForm key={`quick-${lines.length}-${quickAdd?.values.lines ?? ""}`} constraints={constraints} />
        <FreeFormLineForm
          key={`free-${lines.length}`}
          constraints={constraints}
          requirementConstraints={requirementConstraints}
        />
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
