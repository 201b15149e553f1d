import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireLinkHolder } from "~/accounts/link-access.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Timeline } from "~/components/timeline";
import { discardUploads } from "~/lib/attachments.server";
import { expireCheckoutSessions } from "~/orders/checkout.server";
import { useFormResult } from "~/lib/forms";
import { parseForm } from "~/lib/forms.server";
import { BuyerDetails } from "~/quotes/components/buyer-details";
import { MessageThread } from "~/quotes/components/message-thread";
import { QuoteOffer } from "~/quotes/components/quote-offer";
import { QuoteOrderPanel } from "~/quotes/components/quote-order-panel";
import { RequestAttachments } from "~/quotes/components/request-attachments";
import { RequestLinesTable } from "~/quotes/components/request-lines-table";
import {
  acceptQuote,
  buyerQuotePage,
  decisionRefused,
  formNotAccepted,
  payByCard,
  readDecisionForm,
} from "~/quotes/buyer-quote-page.server";
import { BUYER_QUOTE_INTENT as INTENT } from "~/quotes/quote-intents";
import { postWithFiles } from "~/quotes/quote-messages.server";
import { getQuoteOrder } from "~/quotes/quote-order.server";
import { getQuoteRequestByToken, postBuyerMessage, withdrawQuoteRequest } from "~/quotes/quote-request.server";
import { requestChanges } from "~/quotes/quote-revision.server";
import { BuyerQuoteForm } from "~/quotes/quote-status-schema";
import { BUYER_QUOTE_EVENT, BUYER_QUOTE_STATUS, QUOTE_STATUS_LABEL } from "~/quotes/quote-lifecycle";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `Quote request ${loaded.request.reference} · IronAxis` : "Quote request not found · IronAxis" },
  { name: "robots", content: "noindex" },
];

/** A wrong token is a plain 404: it says nothing about whether such a request exists. */
const notFound = () => new Response("Not found", { status: 404 });

export async function loader({ params, request }: LoaderFunctionArgs) {
  const customer = await requireLinkHolder(request, { quote: params.token ?? "" });
  const page = buyerQuotePage(params.token ?? "", new URL(request.url), customer);
  if (!page) throw notFound();
  // The company whose people may open it: the one the viewer is signed in for, not a name typed.
  return data({ ...page, openTo: customer?.companyName ?? null });
}

export async function action({ params, request }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const customer = await requireLinkHolder(request, { quote: token });
  const quote = getQuoteRequestByToken(token);
  if (!quote) throw notFound();
  const sent = await readDecisionForm(request);
  try {
    if (sent.refused) return sent.refused;
    const parsed = parseForm(BuyerQuoteForm, sent.form, { extra: { files: sent.files.length } });
    if (parsed.status === "error") return formNotAccepted(parsed);
    const { values } = parsed;
    const decision = parsed.data;
    // A company's quote is decided by one of its people, signed in, who is named for it (ADR 47).
    const by = quote.companyId === null ? undefined : customer;
    switch (decision.intent) {
      case INTENT.accept:
        return await acceptQuote(token, decision, sent.poDocument, sent.form, values, customer);
      case INTENT.pay: {
        const order = getQuoteOrder(token, quote);
        if (!order) return decisionRefused(values, "not-open", decision.intent);
        return await payByCard(order.id, order.token, values, decision.intent);
      }
      case INTENT.requestChanges: {
        const decided = requestChanges(quote.id, decision.body, new Date(), by);
        if (!decided.ok) return decisionRefused(values, decided.reason, decision.intent);
        await expireCheckoutSessions(decided.staleSessions);
        break;
      }
      case INTENT.message:
        postWithFiles(sent.files, (files) => postBuyerMessage(token, decision.body, files, by));
        break;
      case INTENT.withdraw:
        withdrawQuoteRequest(token, by);
        break;
    }
    throw redirect(`/quotes/${token}`);
  } finally {
    // The files no order or message took.
    discardUploads(sent.poDocument ? [sent.poDocument, ...sent.files] : sent.files);
  }
}

export default function QuoteStatusPage() {
  const page = useLoaderData<typeof loader>();
  const { request, token, withdrawable, order, cardAvailable, constraints, openTo } = page;
  const fileHref = (file: { id: number }) => `/quotes/${token}/attachments/${file.id}`;
  const refused = useFormResult()?.formError;
  return (
    <>
      <header className="page-header">
        <p className="eyebrow">Request for quotation</p>
        <h1>{request.reference}</h1>
        <p>
          <span className="status-badge">{QUOTE_STATUS_LABEL[request.status]}</span>{" "}
          {BUYER_QUOTE_STATUS[request.status]}
        </p>
        <p className="muted">
          {request.companyId === null
            ? "Keep this page’s address private: anyone with it can see this request."
            : `Only the people of ${openTo}, signed in, can open this page.`}
        </p>
      </header>
      {refused ? (
        <p className="error-summary" role="alert">
          {refused}
        </p>
      ) : null}
      {order ? <QuoteOrderPanel order={order} cardAvailable={cardAvailable} /> : null}
      {page.current ? (
        <QuoteOffer
          current={page.current}
          earlier={request.revisions.slice(0, -1)}
          accepted={request.acceptedRevisionId === page.current.id}
          daysLeft={page.daysLeft}
          changes={page.changes}
          decidable={page.decidable}
          changeable={page.changeable}
          cardAvailable={cardAvailable}
          pdfUrlOf={(version) => `/quotes/${token}/quote.pdf?version=${version}`}
          constraints={constraints}
          selection={page.selection}
          selectionErrors={page.selectionErrors}
          addresses={page.addresses}
          tax={page.tax}
        />
      ) : null}
      <section aria-labelledby="lines-heading">
        <h2 id="lines-heading">What you asked for</h2>
        <RequestLinesTable lines={request.lines} audience="buyer" />
      </section>
      <RequestAttachments files={request.attachments} hrefOf={fileHref} headingLevel={2} />
      <section aria-labelledby="buyer-heading">
        <h2 id="buyer-heading">Your details</h2>
        <BuyerDetails request={request} audience="buyer" />
      </section>
      <Timeline
        events={request.events}
        describe={(event) =>
          event.kind === "contact"
            ? event.note
            : `${BUYER_QUOTE_EVENT[event.status]}${event.note ? ` (${event.note})` : ""}`
        }
      />
      <MessageThread
        messages={request.messages}
        buyerName="You"
        empty="No messages yet. Questions about the items, delivery or terms? Write to sales here."
        intent={INTENT.message}
        field={{ id: "message-body", label: "Message to sales" }}
        submit="Send message"
        constraint={page.messageConstraints.body}
        fileHref={fileHref}
      />
      {withdrawable ? (
        <Form method="post">
          <input type="hidden" name="intent" value={INTENT.withdraw} />
          <button type="submit" className="button button--secondary">
            {request.revisions.length ? "Decline the quote and close this request" : "Withdraw this request"}
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
