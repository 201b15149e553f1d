import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RequestedItem } from "~/components/quote/requested-item";
import { Timeline } from "~/components/timeline";
import { TextAreaField, TextField } from "~/components/ui/field";
import { formatDateTimeUtc } from "~/lib/dates";
import { CARD_LIMIT, CARD_LIMIT_TEXT, formatMoney, withinCardLimit } from "~/lib/money";
import { discardFiles, readUpload, storeFile, type StoredFile } from "~/lib/attachments.server";
import { readForm } from "~/lib/request-body.server";
import type { QuoteStatus } from "../../db/schema";
import { RevisionView } from "~/components/quote/revision-view";
import { canWithdraw, getQuoteRequestByToken, postBuyerMessage, withdrawQuoteRequest } from "~/models/quote-request.server";
import { cardPaymentAvailable } from "~/lib/stripe.server";
import { canPayByCard, overCardLimit, startCheckout } from "~/models/checkout.server";
import { allowsPayment } from "~/lib/quote-terms";
import { Acceptance, Message } from "~/lib/quote-status-schema";
import { acceptQuoteWithOrder, getQuoteOrder } from "~/models/quote-order.server";
import { daysLeft, diffRevisions, expireDueQuotes, requestChanges } from "~/models/quote-revision.server";
import { PRIVATE_LINK_HEADERS } from "~/lib/private-link";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `Quote request ${loaded.request.reference} · IronAxis` : "Quote request not found · IronAxis" },
  { name: "robots", content: "noindex" },
];

export const headers: HeadersFunction = () => PRIVATE_LINK_HEADERS;

/** A wrong token is a plain 404: it says nothing about whether such a request exists. */
function findOr404(token: string | undefined) {
  const request = getQuoteRequestByToken(token ?? "");
  if (!request) throw new Response("Not found", { status: 404, headers: PRIVATE_LINK_HEADERS });
  return request;
}

export async function loader({ params }: LoaderFunctionArgs) {
  expireDueQuotes();
  const request = findOr404(params.token);
  const current = request.revisions.at(-1);
  const previous = request.revisions.at(-2);
  const order = getQuoteOrder(params.token!, request.acceptedRevisionId);
  return data(
    {
      request,
      token: params.token!,
      order: order && {
        reference: order.reference,
        status: order.status,
        paymentMethod: order.paymentMethod,
        url: `/orders/${order.token}`,
        payable: canPayByCard(order),
        aboveCardLimit: overCardLimit(order),
      },
      cardAvailable: cardPaymentAvailable(),
      withdrawable: canWithdraw(request.status),
      current,
      daysLeft: current ? daysLeft(current.validUntil) : undefined,
      changes: current && previous ? diffRevisions(previous, current) : [],
      decidable: current !== undefined && (request.status === "quoted" || request.status === "changes_requested"),
      // After accepting, changes can still be asked for until money is committed.
      changeable: current !== undefined && (request.status === "quoted" || request.status === "changes_requested" || (request.status === "accepted" && order !== undefined && (canPayByCard(order) || overCardLimit(order)))),
    },
    { headers: PRIVATE_LINK_HEADERS },
  );
}

const DECISION_ERRORS = {
  superseded: "This version has been replaced by a newer one: review the current quote below.",
  expired: "This quote has expired. Ask sales for a new one below.",
  "not-open": "This quote can no longer be accepted or changed.",
  terms: "This quote’s payment terms do not allow that way of paying.",
  total: "This quote’s total is more than one order can hold: please write to sales below.",
  "card-limit": CARD_LIMIT_TEXT,
} as const;


/** Sends the buyer to Stripe Checkout for the quote's order, or says clearly why not (and the order stays). */
async function payByCard(orderId: number, orderToken: string) {
  const started = await startCheckout(orderId, { orderToken });
  if (started.ok) throw redirect(started.url, { headers: PRIVATE_LINK_HEADERS });
  return data({ payError: started.message }, { status: started.reason === "stripe-error" ? 502 : 409, headers: PRIVATE_LINK_HEADERS });
}


/**
 * The accept-by-invoice form may carry the buyer's PO document (one PDF, PNG or JPEG of at most
 * 10 MB); every other form on the page is small and url-encoded.
 */
async function readDecisionForm(request: Request) {
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    return { form: await readForm(request), poDocument: undefined, refused: undefined };
  }
  const upload = await readUpload(request, { fileField: "poDocument", maxFiles: 1, kinds: ["pdf", "png", "jpg"], kindsText: "a PDF, PNG or JPEG file" });
  const form = new URLSearchParams(upload.fields);
  // Only that form may post files here (a body refused before its first field says nothing yet).
  if (form.get("intent") !== "accept" && (upload.ok || form.has("intent"))) {
    throw new Response("Unsupported form encoding", { status: 415, headers: PRIVATE_LINK_HEADERS });
  }
  if (!upload.ok) {
    if (upload.problem === "unreadable") throw new Response("The form could not be read.", { status: 400, headers: PRIVATE_LINK_HEADERS });
    const refused =
      upload.problem === "field"
        ? { decisionError: "A field of the form is too long.", status: upload.status }
        : { poDocumentError: "The PO document must be at most 10 MB.", status: upload.status };
    return { form, poDocument: undefined, refused };
  }
  const refused = upload.problems.length ? { poDocumentError: upload.problems.join(" "), status: 400 } : undefined;
  return { form, poDocument: upload.files[0], refused };
}

export async function action({ params, request }: ActionFunctionArgs) {
  const quote = findOr404(params.token);
  const { form, poDocument, refused } = await readDecisionForm(request);
  if (refused) {
    const { status, ...error } = refused;
    return data({ ...error, poNumber: form.get("poNumber") ?? "" }, { status, headers: PRIVATE_LINK_HEADERS });
  }
  const intent = form.get("intent");
  if (intent === "accept") {
    const parsed = Acceptance.safeParse({ revisionId: form.get("revisionId"), method: form.get("method"), poNumber: form.get("poNumber") ?? "" });
    if (!parsed.success) return data({ decisionError: parsed.error.issues[0].message }, { status: 400, headers: PRIVATE_LINK_HEADERS });
    const { revisionId, method, poNumber } = parsed.data;
    if (method === "invoice" && !poNumber) {
      return data({ poError: "Enter your purchase order (PO) number", poNumber }, { status: 400, headers: PRIVATE_LINK_HEADERS });
    }
    // Stored before the transaction, and removed again if no new order takes it.
    let stored: StoredFile | undefined;
    let accepted: ReturnType<typeof acceptQuoteWithOrder>;
    try {
      if (method === "invoice" && poDocument) stored = storeFile(poDocument.name, poDocument.bytes, poDocument.kind);
      accepted = acceptQuoteWithOrder(params.token!, revisionId, { method, poNumber, poDocument: stored });
    } catch (error) {
      if (stored) discardFiles([stored]);
      throw error;
    }
    if (stored && (!accepted.ok || accepted.repeated)) discardFiles([stored]);
    if (!accepted.ok) return data({ decisionError: DECISION_ERRORS[accepted.reason] }, { status: 409, headers: PRIVATE_LINK_HEADERS });
    if (accepted.paymentMethod === "card") return payByCard(accepted.orderId, accepted.token);
    throw redirect(`/orders/${accepted.token}`, { headers: PRIVATE_LINK_HEADERS });
  }
  if (intent === "pay") {
    const order = getQuoteOrder(params.token!, quote.acceptedRevisionId);
    if (!order) return data({ decisionError: DECISION_ERRORS["not-open"] }, { status: 409, headers: PRIVATE_LINK_HEADERS });
    return payByCard(order.id, order.token);
  }
  if (intent === "request-changes") {
    const parsed = Message.safeParse({ body: form.get("body") ?? "" });
    if (!parsed.success) {
      return data({ changesError: parsed.error.issues[0].message, body: String(form.get("body") ?? "") }, { status: 400, headers: PRIVATE_LINK_HEADERS });
    }
    const decided = requestChanges(quote.id, parsed.data.body);
    if (!decided.ok) return data({ decisionError: DECISION_ERRORS[decided.reason] }, { status: 409, headers: PRIVATE_LINK_HEADERS });
  }
  if (intent === "message") {
    const parsed = Message.safeParse({ body: form.get("body") ?? "" });
    if (!parsed.success) {
      return data({ messageError: parsed.error.issues[0].message, body: String(form.get("body") ?? "") }, { status: 400, headers: PRIVATE_LINK_HEADERS });
    }
    postBuyerMessage(params.token!, parsed.data.body);
  }
  if (intent === "withdraw") withdrawQuoteRequest(params.token!);
  throw redirect(`/quotes/${params.token}`, { headers: PRIVATE_LINK_HEADERS });
}

const STATUS_TEXT: Record<QuoteStatus, string> = {
  received: "Received: sales will review it shortly",
  in_review: "In review",
  quoted: "Quoted: review the quote below, then accept it or ask for changes",
  changes_requested: "Changes requested: sales is revising the quote",
  accepted: "Accepted",
  declined: "Declined",
  expired: "Expired",
  withdrawn: "Withdrawn",
};

const TIMELINE_TEXT: Record<QuoteStatus, string> = {
  received: "Received",
  in_review: "In review",
  quoted: "Quote sent",
  changes_requested: "You asked for changes",
  accepted: "You accepted the quote",
  declined: "Declined by sales",
  expired: "Expired",
  withdrawn: "Withdrawn",
};


export default function QuoteStatusPage() {
  const { request, token, withdrawable, current, daysLeft, changes, decidable, changeable, order, cardAvailable } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as
    | { messageError?: string; changesError?: string; decisionError?: string; payError?: string; poError?: string; poDocumentError?: string; poNumber?: string; body?: string }
    | undefined;
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && (navigation.formData?.get("intent") === "accept" || navigation.formData?.get("intent") === "pay");
  return (
    <>
      <header className="page-header">
        <p className="eyebrow">Request for quotation</p>
        <h1>{request.reference}</h1>
        <p>
          <span className="status-badge">{request.status.replace("_", " ")}</span> {STATUS_TEXT[request.status]}
        </p>
        <p className="muted">Keep this page’s address private: anyone with it can see this request.</p>
      </header>
      {failed?.decisionError || failed?.payError ? (
        <p className="error-summary" role="alert">
          {failed.decisionError ?? failed.payError}
        </p>
      ) : null}
      {order ? (
        <section aria-labelledby="order-heading" className="panel">
          <h2 id="order-heading">Your order {order.reference}</h2>
          <p>
            <span className="status-badge">{order.status.replace("_", " ")}</span>{" "}
            {order.paymentMethod === "invoice" ? "Paying by invoice against your PO." : "Paying by card."}{" "}
            <Link to={order.url}>View the order</Link>
          </p>
          {order.payable ? (
            cardAvailable ? (
              <Form method="post">
                <input type="hidden" name="intent" value="pay" />
                <button type="submit" className="button" disabled={busy}>
                  {busy ? "Opening the payment page…" : "Pay now"}
                </button>
              </Form>
            ) : (
              <p className="muted">Card payment is not available at the moment; contact sales to pay by invoice.</p>
            )
          ) : order.aboveCardLimit ? (
            <p className="muted">{CARD_LIMIT_TEXT}</p>
          ) : null}
        </section>
      ) : null}
      {current ? (
        <section aria-labelledby="quote-heading" className="quote-offer">
          <h2 id="quote-heading">
            Our quote, version {current.version}
            {request.acceptedRevisionId === current.id ? " (accepted)" : ""}
          </h2>
          {decidable && daysLeft !== undefined ? (
            <p className="countdown" role="status">
              {daysLeft === 0 ? "Valid until the end of today (UTC)." : `Valid for ${daysLeft} more day${daysLeft === 1 ? "" : "s"}, until ${current.validUntil}.`}
            </p>
          ) : null}
          {changes.length ? (
            <div className="panel">
              <h3>What changed since version {current.version - 1}</h3>
              <ul className="changes">
                {changes.map((change) => (
                  <li key={change.field}>
                    {change.field}: <del>{change.from}</del> → <ins>{change.to}</ins>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <RevisionView revision={current} />
          <p>
            <a href={`/quotes/${token}/quote.pdf`} download>
              Download this quote as PDF
            </a>
          </p>
          {decidable || changeable ? (
            <div className="decision">
              {decidable && allowsPayment(current.paymentTerms, "card") ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="accept" />
                  <input type="hidden" name="revisionId" value={current.id} />
                  <input type="hidden" name="method" value="card" />
                  {!withinCardLimit(current.totalCents) ? (
                    <p className="muted">{allowsPayment(current.paymentTerms, "invoice") ? CARD_LIMIT_TEXT : `${CARD_LIMIT}; please write to sales below.`}</p>
                  ) : cardAvailable ? (
                    <button type="submit" className="button" disabled={busy}>
                      {busy ? "Opening the payment page…" : `Accept version ${current.version} and pay by card`}
                    </button>
                  ) : (
                    <p className="muted">Card payment is not available at the moment{allowsPayment(current.paymentTerms, "invoice") ? ": you can accept and pay by invoice." : "; please write to sales below."}</p>
                  )}
                </Form>
              ) : null}
              {decidable && allowsPayment(current.paymentTerms, "invoice") ? (
                <Form method="post" className="panel" encType="multipart/form-data">
                  <input type="hidden" name="intent" value="accept" />
                  <input type="hidden" name="revisionId" value={current.id} />
                  <input type="hidden" name="method" value="invoice" />
                  <TextField
                    id="po-number"
                    name="poNumber"
                    label="Your purchase order (PO) number"
                    maxLength={100}
                    required
                    defaultValue={failed?.poNumber ?? ""}
                    error={failed?.poError}
                  />
                  <TextField
                    id="po-document"
                    name="poDocument"
                    type="file"
                    accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
                    label="Your purchase order document (optional)"
                    hint="PDF, PNG or JPEG, up to 10 MB"
                    error={failed?.poDocumentError}
                  />
                  <button type="submit" className="button button--secondary" disabled={busy}>
                    Accept version {current.version} and pay by invoice
                  </button>
                </Form>
              ) : null}
              <Form method="post" className="panel">
                <input type="hidden" name="intent" value="request-changes" />
                <TextAreaField
                  id="changes-body"
                  name="body"
                  label="Ask for changes"
                  rows={3}
                  maxLength={5000}
                  defaultValue={failed?.changesError ? failed.body : ""}
                  error={failed?.changesError}
                />
                <button type="submit" className="button button--secondary">
                  Ask for changes
                </button>
              </Form>
            </div>
          ) : null}
          {request.revisions.length > 1 ? (
            <details>
              <summary>Earlier versions</summary>
              {request.revisions.slice(0, -1).reverse().map((revision) => (
                <section key={revision.id} aria-label={`Version ${revision.version}`}>
                  <h3>Version {revision.version} (superseded)</h3>
                  <RevisionView revision={revision} />
                </section>
              ))}
            </details>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="lines-heading">
        <h2 id="lines-heading">What you asked for</h2>
        <table className="request-lines">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Quantity</th>
              <th scope="col">List price at request</th>
            </tr>
          </thead>
          <tbody>
            {request.lines.map((line) => (
              <tr key={line.id}>
                <td>
                  <RequestedItem line={line} />
                </td>
                <td>{line.quantity}</td>
                <td>{line.listPriceCents === null ? "On request" : formatMoney(line.listPriceCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {request.attachments.length ? (
        <section aria-labelledby="attachments-heading">
          <h2 id="attachments-heading">Attachments</h2>
          <ul>
            {request.attachments.map((file) => (
              <li key={file.id}>
                <a href={`/quotes/${token}/attachments/${file.id}`} download>
                  {file.originalName}
                </a>{" "}
                <span className="muted">({Math.max(1, Math.round(file.sizeBytes / 1024))} KB)</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="buyer-heading">
        <h2 id="buyer-heading">Your details</h2>
        <p>
          {request.company} · {request.contactName} · {request.email}
          {request.phone ? ` · ${request.phone}` : ""} · {request.country}
          {request.deliveryLocation ? ` · deliver to ${request.deliveryLocation}` : ""}
          {request.incoterm ? ` · ${request.incoterm}` : ""}
          {request.neededBy ? ` · needed by ${request.neededBy}` : ""}
        </p>
        {request.message ? <p className="message">{request.message}</p> : null}
      </section>
      <Timeline events={request.events} describe={(event) => `${TIMELINE_TEXT[event.status]}${event.note ? ` (${event.note})` : ""}`} />
      <section aria-labelledby="messages-heading">
        <h2 id="messages-heading">Messages</h2>
        {request.messages.length ? (
          <ol className="messages">
            {request.messages.map((message) => (
              <li key={message.id} className={`message message--${message.author}`}>
                <p className="muted">
                  {message.author === "buyer" ? "You" : "IronAxis sales"} ·{" "}
                  <time dateTime={message.createdAt}>{formatDateTimeUtc(message.createdAt)}</time>
                </p>
                <p className="message">{message.body}</p>
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">No messages yet. Questions about the items, delivery or terms? Write to sales here.</p>
        )}
        <Form method="post" className="panel" key={request.messages.length}>
          <input type="hidden" name="intent" value="message" />
          <TextAreaField
            id="message-body"
            name="body"
            label="Message to sales"
            rows={3}
            maxLength={5000}
            defaultValue={failed?.messageError ? failed.body : ""}
            error={failed?.messageError}
          />
          <button type="submit" className="button button--secondary">
            Send message
          </button>
        </Form>
      </section>
      {withdrawable ? (
        <Form method="post">
          <input type="hidden" name="intent" value="withdraw" />
          <button type="submit" className="button button--secondary">
            Withdraw this request
          </button>
        </Form>
      ) : null}
      <p>
        <Link to="/">Continue browsing the catalog</Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
