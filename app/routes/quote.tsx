import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EngineeringSummary } from "~/components/quote/engineering-summary";
import { FreeFormLineForm, type FreeFormState } from "~/components/quote/free-form-line-form";
import { QuickAddForm } from "~/components/quote/quick-add-form";
import { QuoteLineItem, type LineError } from "~/components/quote/quote-line-item";
import { RequestForm, type RequestFormState } from "~/components/quote/request-form";
import { formatMoney } from "~/lib/money";
import { parseRequirements, QuoteListAction } from "~/lib/quote-list-schema";
import { quoteListCookie, readQuoteListToken } from "~/lib/quote-list-cookie.server";
import { QuoteRequestForm } from "~/lib/quote-request-schema";
import { readForm } from "~/lib/request-body.server";
import { discardFiles, MAX_ATTACHMENTS, readUpload, storeFile, type UploadedFile } from "~/lib/attachments.server";
import { env } from "~/lib/env.server";
import { pageMeta } from "~/lib/seo";
import { createToken } from "~/lib/tokens.server";
import {
  addFreeFormLine,
  addProductToQuoteList,
  getQuoteList,
  quickAddToQuoteList,
  removeQuoteListLine,
  summariseQuoteList,
  updateQuoteListLine,
  type QuickAddProblem,
} from "~/models/quote-list.server";
import { submitQuoteRequest } from "~/models/quote-request.server";

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
  const { lines } = getQuoteList(await readQuoteListToken(request));
  // A fresh key per rendering of the form: sending the same form twice makes one request.
  return data(
    { lines, summary: summariseQuoteList(lines), submissionKey: createToken(), formStartedAt: Date.now() },
    { headers: { "Cache-Control": "private, no-store" } }
  );
}

type ActionResult =
  | { added: { quantity: number } }
  | { formError: string }
  | { lineError: LineError }
  | { quickAdd: { added: number; problems: QuickAddProblem[] } }
  | { freeForm: FreeFormState }
  | { request: RequestFormState };

const cookieHeaders = async (token: string) => ({ "Set-Cookie": await quoteListCookie.serialize(token) });

export async function action({ request, context }: ActionFunctionArgs) {
  // The request form carries files; every other change to the list is a small url-encoded form.
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    return submitWithAttachments(request, await readQuoteListToken(request), context.clientIp);
  }
  const form = await readForm(request);
  const token = await readQuoteListToken(request);
  const typed = Object.fromEntries(form) as Record<string, string>;
  if (typed.intent === "submit-request") return submitRequest(token, typed, context.clientIp);
  const parsed = QuoteListAction.safeParse(typed);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
    const lineId = Number(typed.lineId);
    if (typed.intent === "update" && Number.isSafeInteger(lineId)) {
      const message = Object.values(errors)[0];
      return data<ActionResult>(
        { lineError: { lineId, message, quantity: typed.quantity ?? "", note: typed.note ?? "" } },
        { status: 400 }
      );
    }
    if (typed.intent === "add-free-form")
      return data<ActionResult>({ freeForm: { errors, values: typed } }, { status: 400 });
    return data<ActionResult>(
      { formError: Object.values(errors)[0] ?? "That change could not be made" },
      { status: 400 }
    );
  }
  const change = parsed.data;
  switch (change.intent) {
    case "add": {
      const result = addProductToQuoteList(token, change.productId, change.quantity);
      if (!result.ok) return data<ActionResult>({ formError: "That product is no longer available." }, { status: 404 });
      // With JavaScript the buyer stays on the product; without it they see the list.
      if (change.stay)
        return data<ActionResult>(
          { added: { quantity: change.quantity } },
          { headers: await cookieHeaders(result.token) }
        );
      throw redirect("/quote", { headers: await cookieHeaders(result.token) });
    }
    case "quick-add": {
      const result = quickAddToQuoteList(token, change.lines);
      const headers = result.token ? await cookieHeaders(result.token) : undefined;
      if (result.problems.length === 0 && result.added > 0) throw redirect("/quote", { headers });
      return data<ActionResult>(
        { quickAdd: { added: result.added, problems: result.problems } },
        { status: result.added ? 200 : 400, headers }
      );
    }
    case "add-free-form": {
      const { requirements, errors } = parseRequirements(change);
      if (Object.keys(errors).length)
        return data<ActionResult>({ freeForm: { errors, values: typed } }, { status: 400 });
      const result = addFreeFormLine(token, {
        description: change.description,
        quantity: change.quantity,
        targetPriceCents: change.targetPrice,
        requirements,
        equivalentAccepted: change.equivalentAccepted === "on",
        note: change.note,
      });
      throw redirect("/quote", { headers: await cookieHeaders(result.token) });
    }
    case "update":
      updateQuoteListLine(token, change.lineId, { quantity: change.quantity, note: change.note });
      throw redirect("/quote");
    case "remove":
      removeQuoteListLine(token, change.lineId);
      throw redirect("/quote");
  }
}

async function submitWithAttachments(request: Request, listToken: string | undefined, clientIp?: string) {
  const upload = await readUpload(request, {
    fileField: "attachments",
    maxFiles: MAX_ATTACHMENTS,
    kinds: ["pdf", "png", "jpg", "dxf", "step"],
    kindsText: "a PDF, PNG, JPEG, DXF or STEP file",
  });
  if (!upload.ok) {
    const refuse = (attachments: string) =>
      data<ActionResult>({ request: { errors: { attachments }, values: upload.fields } }, { status: upload.status });
    if (upload.problem === "body") return refuse(`The files are too large: at most ${MAX_ATTACHMENTS} files of 10 MB each.`);
    if (upload.problem === "file") return refuse("Each file must be at most 10 MB.");
    if (upload.problem === "field") return data<ActionResult>({ formError: "A field of the form is too long." }, { status: 413 });
    throw new Response("The form could not be read.", { status: 400 });
  }
  if (upload.problems.length) {
    return data<ActionResult>(
      { request: { errors: { attachments: upload.problems.join(" ") }, values: upload.fields } },
      { status: 400 }
    );
  }
  return submitRequest(listToken, upload.fields, clientIp, upload.files);
}

async function submitRequest(
  listToken: string | undefined,
  typed: Record<string, string>,
  clientIp = "unknown",
  attachments: UploadedFile[] = []
) {
  const parsed = QuoteRequestForm.safeParse(typed);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    if (errors.website)
      return data<ActionResult>(
        { formError: "Your request could not be accepted. Please contact sales by e-mail." },
        { status: 400 }
      );
    return data<ActionResult>({ request: { errors, values: typed } }, { status: 400 });
  }
  const { website: _honeypot, formStartedAt, ...form } = parsed.data;
  const refuse = (message: string, status: number) =>
    data<ActionResult>({ request: { errors: { form: message }, values: typed } }, { status });
  if (Date.now() - formStartedAt < env.QUOTE_MIN_FILL_SECONDS * 1000) {
    return refuse(
      "That was sent faster than a person can fill in the form. Check your details and send it again.",
      400
    );
  }
  const stored = attachments.map((file) => storeFile(file.name, file.bytes, file.kind));
  let result: ReturnType<typeof submitQuoteRequest>;
  try {
    result = submitQuoteRequest(listToken, form, clientIp, stored);
  } catch (error) {
    discardFiles(stored);
    throw error;
  }
  if (!result.ok || result.repeated) discardFiles(stored);
  if (!result.ok) {
    return result.reason === "empty"
      ? refuse("Your quote list is empty: add items before sending a request.", 400)
      : refuse(
          "Too many requests have been sent from your network in the last hour. Please try again later or e-mail our sales team.",
          429
        );
  }
  throw redirect(`/quotes/${result.token}`);
}

export default function QuoteListPage() {
  const { lines, summary, submissionKey, formStartedAt } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionResult>();
  const lineError = actionData && "lineError" in actionData ? actionData.lineError : undefined;
  const listed = lines.filter((line) => line.product?.priceCents != null);
  const listedTotal = listed.reduce((sum, line) => sum + (line.product?.priceCents ?? 0) * line.quantity, 0);
  return (
    <>
      <header className="page-header">
        <h1>Quote list</h1>
        <p>
          Collect the items you need, with quantities and notes; our sales engineers answer with prices, lead times and
          validity.
        </p>
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
            Add items with “Add to quote” on any product, category or search page, paste part numbers below, or describe
            something that is not in the catalog. <Link to="/search">Search the catalog</Link>.
          </p>
        </section>
      ) : (
        <section aria-labelledby="lines-heading">
          <h2 id="lines-heading">
            {lines.length} {lines.length === 1 ? "item" : "items"}
          </h2>
          <ul className="quote-lines">
            {lines.map((line) => (
              <QuoteLineItem
                key={line.lineId}
                line={line}
                error={lineError?.lineId === line.lineId ? lineError : undefined}
              />
            ))}
          </ul>
          {listed.length ? (
            <p className="quote-total">
              List-price value of {listed.length} of {lines.length} items: <strong>{formatMoney(listedTotal)}</strong>
            </p>
          ) : null}
          <EngineeringSummary summary={summary} />
        </section>
      )}
      <RequestForm
        submissionKey={submissionKey}
        formStartedAt={formStartedAt}
        disabled={lines.length === 0}
        state={actionData && "request" in actionData ? actionData.request : undefined}
      />
      <div className="quote-tools">
        {/* Keyed so that after a change the forms show what the server says, not stale input. */}
        <QuickAddForm
          key={`quick-${lines.length}-${
            actionData && "quickAdd" in actionData ? actionData.quickAdd.problems.map((p) => p.line).join("|") : ""
          }`}
          problems={actionData && "quickAdd" in actionData ? actionData.quickAdd.problems : undefined}
          added={actionData && "quickAdd" in actionData ? actionData.quickAdd.added : undefined}
        />
        <FreeFormLineForm
          key={`free-${lines.length}`}
          state={actionData && "freeForm" in actionData ? actionData.freeForm : undefined}
        />
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
