import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { inviteFromRequest } from "~/accounts/company.server";
import { requireUser } from "~/admin/auth.server";
import { Timeline } from "~/components/timeline";
import { useFormResult, type FormResult } from "~/lib/forms";
import { formErrorResult, invalid, parseForm } from "~/lib/forms.server";
import { formatMoney } from "~/lib/money";
import { readForm } from "~/lib/request-body.server";
import { expireCheckoutSessions } from "~/orders/checkout.server";
import { BuyerDetails } from "~/quotes/components/buyer-details";
import { MessageThread } from "~/quotes/components/message-thread";
import { InternalNotes } from "~/quotes/components/internal-notes";
import { RequestAttachments } from "~/quotes/components/request-attachments";
import { RequestOwner } from "~/quotes/components/request-owner";
import { RequestLinesTable } from "~/quotes/components/request-lines-table";
import { RevisionForm } from "~/quotes/components/revision-form";
import { RequestCompany, SalesRequestActions } from "~/quotes/components/sales-request-actions";
import { SentRevisions } from "~/quotes/components/sent-revisions";
import { setRequestStatus, setSeen } from "~/quotes/quote-inbox.server";
import { SALES_QUOTE_INTENT as INTENT } from "~/quotes/quote-intents";
import { QUOTE_STATUS_LABEL } from "~/quotes/quote-lifecycle";
import { ORDER_STATUS_LABEL } from "~/orders/order-lifecycle";
import { cardPaymentAvailable } from "~/orders/stripe.server";
import { addInternalNote, assignRequestOwner } from "~/quotes/quote-owner.server";
import { getQuoteRequestById } from "~/quotes/quote-request.server";
import { postSalesMessage } from "~/quotes/quote-messages.server";
import { declineRequest, todayUtc } from "~/quotes/quote-revision.server";
import { approveDraft, declineDraft, submitRevision } from "~/quotes/quote-approval.server";
import { ApprovalPanel } from "~/quotes/components/approval-panel";
import { saveQuoteDraft } from "~/quotes/quote-draft.server";
import { draftFieldsOf, salesQuoteForm } from "~/quotes/quote-revision-schema";
import { postSalesMessageForm, postsFiles, salesQuotePage } from "~/quotes/sales-quote-page.server";
import { idParam } from "~/lib/route-params";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.request.reference ?? "Quote request"} · IronAxis back office` },
  { name: "robots", content: "noindex" },
];

const notFound = () => new Response("Not found", { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["admin", "sales"]);
  // Reads only: expiry is shown from the dates, and "read" is a form the page posts.
  const page = salesQuotePage(idParam(params.id));
  if (!page) throw notFound();
  return data({ ...page, canApprove: user.role === "admin" });
}

export async function action({ request: httpRequest, params }: ActionFunctionArgs) {
  const user = await requireUser(httpRequest, ["admin", "sales"]);
  const request = getQuoteRequestById(idParam(params.id));
  if (!request) throw notFound();
  if (postsFiles(httpRequest)) return postSalesMessageForm(httpRequest, request.id, user);
  const form = await readForm(httpRequest, 256 * 1024);
  const schema = salesQuoteForm({
    requestLineIds: request.lines.map((line) => line.id),
    today: todayUtc(),
    cardPayments: cardPaymentAvailable(),
  });
  const parsed = parseForm(schema, form);
  if (parsed.status === "error") return invalid(parsed, 400);
  const { values } = parsed;
  const change = parsed.data;
  const back = redirect(`/admin/quotes/${request.id}`);
  switch (change.intent) {
    case INTENT.sendRevision: {
      const sent = submitRevision(request.id, change.revision, draftFieldsOf(values), user);
      // Held for an admin's approval: the page says so.
      if (!sent.ok && sent.reason === "approval") return back;
      if (!sent.ok && sent.reason === "part") {
        const fieldErrors = { [sent.field]: sent.message };
        return invalid({ status: "error", intent: change.intent, fieldErrors, values }, 400);
      }
      if (!sent.ok) {
        const refused = formErrorResult(values, "This request can no longer be quoted.", { intent: change.intent });
        return invalid(refused, 409);
      }
      await expireCheckoutSessions(sent.staleSessions);
      return back;
    }
    case INTENT.saveDraft: {
      if (!saveQuoteDraft(request.id, change.fields, user)) {
        const refused = formErrorResult(values, "This request can no longer be quoted.", { intent: change.intent });
        return invalid(refused, 409);
      }
      // Saved by the page itself as sales types (with JavaScript): it stays as it is.
      if (!change.auto) return back;
      const saved: FormResult = { status: "success", intent: change.intent, fieldErrors: {}, values: {} };
      return data(saved);
    }
    case INTENT.message:
      postSalesMessage(request.id, change.body, user);
      return back;
    case INTENT.startReview:
      setRequestStatus(request.id, "in_review", user);
      return back;
    case INTENT.decline:
      if (!declineRequest(request.id, change.note, user)) {
        const fieldErrors = { note: "This request can no longer be declined." };
        return invalid({ status: "error", intent: change.intent, fieldErrors, values }, 409);
      }
      return back;
    case INTENT.createCompany: {
      const made = inviteFromRequest(request.id, change.companyName, user);
      if (!made.ok) {
        const fieldErrors = { companyName: made.message };
        return invalid({ status: "error", intent: change.intent, fieldErrors, values }, made.status);
      }
      return back;
    }
    case INTENT.assignOwner: {
      const assigned = assignRequestOwner(request.id, change.ownerId, user);
      if (!assigned.ok && assigned.reason === "not-found") throw notFound();
      if (!assigned.ok) {
        const fieldErrors = { ownerId: "That user cannot own requests (disabled or gone): choose another." };
        return invalid({ status: "error", intent: change.intent, fieldErrors, values }, 409);
      }
      return back;
    }
    case INTENT.approve:
    case INTENT.declineApproval: {
      if (user.role !== "admin") throw new Response("Only an admin approves or declines a revision", { status: 403 });
      if (change.intent === INTENT.approve) {
        const approved = approveDraft(request, change.savedAt, user);
        if (!approved.ok) return invalid(formErrorResult(values, approved.message, { intent: change.intent }), 409);
        await expireCheckoutSessions(approved.staleSessions);
        return back;
      }
      const declined = declineDraft(request.id, change.savedAt, change.approvalNote, user);
      if (!declined.ok) return invalid(formErrorResult(values, declined.message, { intent: change.intent }), 409);
      return back;
    }
    case INTENT.internalNote:
      addInternalNote(request.id, change.internalNote, user);
      return back;
    case INTENT.seen:
    case INTENT.unseen: {
      setSeen(request.id, change.intent === INTENT.seen);
      // Marked read by the page itself (with JavaScript): it stays as it is.
      if (change.intent !== INTENT.seen || !change.auto) return back;
      const marked: FormResult = { status: "success", intent: change.intent, fieldErrors: {}, values: {} };
      return data(marked);
    }
  }
}

export default function AdminQuoteRequest() {
  const page = useLoaderData<typeof loader>();
  const { request, orders, unread, actors, constraints } = page;
  const fileHref = (file: { id: number }) => `/admin/quotes/${request.id}/attachments/${file.id}`;
  const result = useFormResult();
  // Opening the page in a browser marks the request read; a prefetch (hovering its link in the
  // inbox) loads data but never mounts the page, so it cannot. Without JavaScript: the button.
  const seen = useFetcher();
  useEffect(() => {
    if (unread) seen.submit({ intent: INTENT.seen, auto: "1" }, { method: "post" });
    // Once per request opened: "Mark as unread" must stay unread.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request.id]);

  return (
    <>
      <header className="page-header">
        <p className="eyebrow">
          <Link to="/admin/quotes">Quote requests</Link>
        </p>
        <h1>
          {request.reference}{" "}
          <span className={`status status--${request.status}`}>{QUOTE_STATUS_LABEL[request.status]}</span>
        </h1>
        <BuyerDetails request={request} audience="sales" />
        <RequestOwner owner={page.owner} choices={page.ownerChoices} />
        <RequestCompany
          company={page.company}
          suggestedName={request.company}
          email={request.email}
          constraint={constraints.companyName}
        />
        {orders.length ? (
          <p>
            Orders:{" "}
            {orders.map((order, i) => (
              <span key={order.id}>
                {i ? ", " : ""}
                <Link to={`/admin/orders/${order.id}`}>{order.reference}</Link> ({ORDER_STATUS_LABEL[order.status]},{" "}
                {order.paymentMethod}, {formatMoney(order.totalCents)})
              </span>
            ))}
          </p>
        ) : null}
        {/* The revision form says its own problems; a form the page no longer knows is said here. */}
        {result?.formError && result.intent !== INTENT.sendRevision ? (
          <p className="error-summary" role="alert">
            {result.formError}
          </p>
        ) : null}
        <SalesRequestActions
          canStartReview={page.canStartReview}
          canDecline={page.canDecline}
          unread={unread}
          constraints={constraints}
        />
      </header>

      <section aria-labelledby="asked-heading">
        <h2 id="asked-heading">What the buyer asked for</h2>
        <RequestLinesTable lines={request.lines} audience="sales" />
        <RequestAttachments files={request.attachments} hrefOf={fileHref} headingLevel={3} />
      </section>

      <SentRevisions
        revisions={request.revisions}
        acceptedRevisionId={request.acceptedRevisionId}
        changes={page.changes}
        pdfUrlOf={(version) => `/admin/quotes/${request.id}/quote.pdf?version=${version}`}
        costs={page.costs}
      />

      {page.canQuote ? (
        <ApprovalPanel
          draft={page.draft}
          nextVersion={request.revisions.length + 1}
          canDecide={page.canApprove}
          noteConstraint={constraints.approvalNote}
        />
      ) : null}
      {page.canQuote ? (
        <RevisionForm
          lines={request.lines}
          catalogPrices={page.catalogPrices}
          nextVersion={request.revisions.length + 1}
          today={page.today}
          defaults={page.defaults}
          constraints={constraints}
          addedSlots={page.addedSlots}
          draft={page.draft}
          cardPayments={page.cardPayments}
          companyTerms={page.companyTerms}
        />
      ) : null}

      <MessageThread
        messages={request.messages}
        buyerName={request.contactName}
        empty="No messages yet."
        intent={INTENT.message}
        field={{ id: "body", label: "Reply to the buyer" }}
        submit="Send reply"
        constraint={page.messageConstraints.body}
        fileHref={fileHref}
      />

      <InternalNotes notes={page.internalNotes} constraint={constraints.internalNote} />

      <Timeline
        events={request.events}
        describe={(event) =>
          event.kind !== "status"
            ? `${event.kind === "approval" ? "Approval: " : ""}${event.note} by ${actors[event.actor]}`
            : `${QUOTE_STATUS_LABEL[event.status]} by ${actors[event.actor]}${event.note ? ` (${event.note})` : ""}`
        }
      />
    </>
  );
}
