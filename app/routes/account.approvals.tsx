import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ApprovalForm } from "~/accounts/approval-schema";
import { awaitingApproval, decideOrder } from "~/accounts/approvals.server";
import { APPROVAL_INTENT } from "~/accounts/company-intents";
import { requireCustomer } from "~/accounts/customer-session.server";
import { DoneNotice } from "~/components/done-notice";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, FormError, TextAreaField } from "~/components/ui/field";
import { formatDateTimeUtc } from "~/lib/dates";
import { type Constraints, typedOr, unclaimed, useFormResult, useIsPending } from "~/lib/forms";
import { constraintsOf, formErrorResult, invalid, parseForm } from "~/lib/forms.server";
import { formatMoney } from "~/lib/money";
import { taxLineText } from "~/orders/tax-line";
import { readForm } from "~/lib/request-body.server";

export const meta: MetaFunction = () => [{ title: "Approvals · IronAxis" }];

const DONE: Record<string, string> = {
  approved: "Approved: the buyer is told, and the order goes on.",
  declined: "Declined: the order is cancelled and the buyer has your note.",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const customer = await requireCustomer(request);
  return data({ page: awaitingApproval(customer) ?? null, constraints: constraintsOf(ApprovalForm) });
}

export async function action({ request }: ActionFunctionArgs) {
  const customer = await requireCustomer(request);
  const parsed = parseForm(ApprovalForm, await readForm(request, 8 * 1024));
  if (parsed.status === "error") return invalid(parsed, 400);
  const decided = decideOrder(customer, parsed.data);
  if (!decided.ok)
    return invalid(formErrorResult(parsed.values, decided.message, { intent: parsed.data.intent }), decided.status);
  return redirect(
    `/account/approvals?done=${parsed.data.intent === APPROVAL_INTENT.approve ? "approved" : "declined"}`,
  );
}

type Waiting = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["page"]>["orders"][number];

function Decision({ order, constraints }: { order: Waiting; constraints: Constraints }) {
  const answered = useFormResult();
  const mine = answered && answered.values.orderId === String(order.id) ? answered : undefined;
  const noteId = `note-${order.id}`;
  const errors = mine?.fieldErrors.note ? { [noteId]: mine.fieldErrors.note } : {};
  const pending = useIsPending();
  return (
    <Form method="post" aria-label={`Approve or decline order ${order.reference}`}>
      {mine?.formError ? (
        <p className="field-error" role="alert">
          {mine.formError}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <input type="hidden" name="orderId" value={order.id} />
      <TextAreaField
        id={noteId}
        name="note"
        label={`Note to ${order.contactName || order.email}`}
        hint="Needed to decline: say why."
        rows={2}
        maxLength={constraints.note?.maxLength}
        defaultValue={typedOr(mine, "note", "")}
        error={errors[noteId]}
      />
      <div className="actions">
        <button
          type="submit"
          name="intent"
          value={APPROVAL_INTENT.approve}
          className="button"
          aria-disabled={pending || undefined}
        >
          Approve {order.reference}
        </button>
        <button
          type="submit"
          name="intent"
          value={APPROVAL_INTENT.decline}
          className="button button--secondary"
          aria-disabled={pending || undefined}
        >
          Decline
        </button>
      </div>
    </Form>
  );
}

export default function AccountApprovals() {
  const { page, constraints } = useLoaderData<typeof loader>();
  const answered = useFormResult();
  // The rows with a decision form: not one's own order, none for someone who may not approve (any more).
  const ids = page?.canApprove ? page.orders.filter((order) => !order.mine).map((order) => order.id) : [];
  return (
    <section aria-labelledby="approvals-heading">
      <h1 id="approvals-heading">Approvals</h1>
      <DoneNotice messages={DONE} />
      <FormError result={unclaimed(answered, "orderId", ids)} />
      {!page ? (
        <p>
          Approvals are for companies: an order over a buyer’s spending limit waits here for an approver.{" "}
          <Link to="/account/company">Set up your company</Link>.
        </p>
      ) : page.orders.length === 0 ? (
        <p>No order is waiting for approval.</p>
      ) : (
        <>
          <p className="muted">
            {page.canApprove
              ? "Orders over a colleague’s spending limit wait for you or another approver. Nothing is charged or invoiced before it is approved."
              : "These orders are over a buyer’s spending limit and wait for an approver of your company."}
          </p>
          <ul className="panel-list">
            {page.orders.map((order) => (
              <li key={order.id} className="panel">
                <h2>
                  {order.href ? <Link to={order.href}>Order {order.reference}</Link> : `Order ${order.reference}`}:{" "}
                  {formatMoney(order.totalCents)}
                </h2>
                <p className="muted">
                  {order.placedBy ? `Placed by ${order.placedBy}; contact ` : ""}
                  {order.contactName ? `${order.contactName} (${order.email})` : order.email} ·{" "}
                  {formatDateTimeUtc(order.createdAt)} · pay by {order.paymentMethod}
                  {order.poNumber ? ` · PO ${order.poNumber}` : ""}
                  {order.spendingLimitCents !== null
                    ? ` · spending limit ${formatMoney(order.spendingLimitCents)}`
                    : ""}
                </p>
                {order.decideBy ? (
                  <p>
                    Decide by the end of {order.decideBy} (UTC), the quote’s last valid day: after it, this order
                    lapses.
                  </p>
                ) : null}
                <ul>
                  {order.lines.map((line, i) => (
                    <li key={i}>
                      {line.quantity} × {line.name}
                      {line.partNumber ? <span className="mono"> {line.partNumber}</span> : null} at{" "}
                      {formatMoney(line.unitPriceCents)}
                    </li>
                  ))}
                  {taxLineText(order) ? (
                    <li>
                      {taxLineText(order)}: {formatMoney(order.taxCents)}
                    </li>
                  ) : null}
                </ul>
                {!page.canApprove ? null : order.mine ? (
                  <p>Your own order: another approver or a company admin decides it.</p>
                ) : (
                  <Decision order={order} constraints={constraints} />
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
