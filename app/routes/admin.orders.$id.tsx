import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useRef } from "react";
import { netTermsText } from "~/accounts/payment-terms";
import { OrderLinesTable } from "~/orders/components/order-lines-table";
import { canConfirmTax, confirmOrderTax } from "~/orders/order-tax.server";
import { Timeline } from "~/components/timeline";
import { requireUser } from "~/admin/auth.server";
import { formatDateTimeUtc } from "~/lib/dates";
import { readForm } from "~/lib/request-body.server";
import { writeTransaction } from "~/lib/db.server";
import { once, SENT_WITH_OTHER_VALUES, SentWithOtherValues } from "~/lib/sent-forms.server";
import { typedOr, useFormResult } from "~/lib/forms";
import { constraintsOf, invalid, parseForm } from "~/lib/forms.server";
import { ADMIN_ORDER_INTENT, FLAG_RESOLUTION } from "~/orders/order-fields";
import { AdminOrderAction } from "~/orders/order-schema";
import { awaitsCardPayment, ORDER_STATUS_LABEL, orderAllows, orderCancelled } from "~/orders/order-lifecycle";
import { TextField, useFocusOnRefusal } from "~/components/ui/field";
import { expireCheckoutSessions } from "~/orders/checkout.server";
import { cancelOrderBySales, getOrderForSales } from "~/orders/order.server";
import { resolvePaymentFlag, takeableAsPayment, waitingPaymentsOf } from "~/orders/payment.server";
import { getInvoiceAccount, recordInvoicePayment } from "~/orders/invoice.server";
import { InvoiceAccountView } from "~/orders/components/invoice-account";
import { RecordPaymentForm } from "~/orders/components/record-payment-form";
import { actorNames } from "~/admin/user.server";
import { ShippingPanel } from "~/orders/components/shipping-panel";
import { markDelivered, orderFulfilment, shipmentRefused, shipOrder } from "~/orders/shipment.server";
import {
  creditInvoice,
  handRefundableOf,
  recordHandRefund,
  refundableOf,
  remainingOf,
  refundFlaggedPayment,
  refundOrder,
} from "~/orders/refund.server";
import { CreditNoteForm } from "~/orders/components/credit-note-form";
import { RefundForm } from "~/orders/components/refund-form";
import { HandRefundForm } from "~/orders/components/hand-refund-form";
import { idParam } from "~/lib/route-params";
import { DoneNotice } from "~/components/done-notice";

/** What the page says once a form's work is done, by the form's intent. */
const DONE: Record<string, string> = {
  [ADMIN_ORDER_INTENT.recordPayment]: "Payment recorded; the buyer was told by e-mail.",
  [ADMIN_ORDER_INTENT.cancel]: "Order cancelled; the buyer was told by e-mail.",
  [ADMIN_ORDER_INTENT.resolveFlag]: "The flagged payment is resolved.",
  [ADMIN_ORDER_INTENT.refund]: "Refunded through Stripe; the buyer was sent the credit note.",
  [ADMIN_ORDER_INTENT.recordRefund]: "Refund recorded; the buyer was sent the credit note.",
  [ADMIN_ORDER_INTENT.creditInvoice]: "Credit note issued; the buyer was sent it.",
  [ADMIN_ORDER_INTENT.confirmTax]: "Tax line confirmed.",
  [ADMIN_ORDER_INTENT.ship]: "Shipment recorded; the buyer was told by e-mail.",
  [ADMIN_ORDER_INTENT.markDelivered]: "Marked delivered; the buyer was told by e-mail.",
};

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.order.reference ?? "Order"} · IronAxis back office` },
  { name: "robots", content: "noindex" },
];

function findOr404(id: string | undefined) {
  const order = getOrderForSales(idParam(id));
  if (!order) throw new Response("Not found", { status: 404 });
  return order;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const order = findOr404(params.id);
  const actors = actorNames(
    order.events.map((event) => event.actor),
    order,
  );
  // Read once: the refund and credit forms' figures come from the same account.
  const invoice = getInvoiceAccount(order.id);
  // Only the lengths go to the page: the server's message says why a note is needed.
  return data({
    order,
    actors,
    ...orderFulfilment(order.id),
    canShip: orderAllows(order.status, "ship"),
    taxConfirmable: canConfirmTax(order),
    constraints: constraintsOf(AdminOrderAction),
    invoice,
    // What the invoice still comes to and the tax in it: a credit note's tax is a share of it.
    remaining: remainingOf(order.id, invoice, order.taxCents),
    refundable: orderAllows(order.status, "refund", { paidByCard: true }) ? refundableOf(order.id, invoice) : undefined,
    handRefundable: orderAllows(order.status, "refund", { paidByHand: true })
      ? handRefundableOf(order.id, invoice)
      : undefined,
    requestKey: crypto.randomUUID(),
    today: new Date().toISOString().slice(0, 10),
    // A flagged payment can be taken as the order's: at most its total, in its currency.
    takeable: takeableAsPayment(order),
    // Card payments that came while the flag is open: each is applied when it is resolved.
    waitingPayments: order.flaggedReason ? waitingPaymentsOf(order.id) : [],
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, ["admin", "sales"]);
  const order = findOr404(params.id);
  const parsed = parseForm(AdminOrderAction, await readForm(request, 16 * 1024));
  if (parsed.status === "error") return invalid(parsed, 400);
  const { data: form, intent, values } = parsed;
  const refuse = (fieldErrors: Record<string, string>) =>
    invalid({ status: "error", intent, fieldErrors, values }, 409);
  const actor = `sales:${user.email}`;
  // A form that would do its work twice if sent twice does it once per page view (its request key).
  // Sent again with other values (Back, a change, send), it is refused (`SentWithOtherValues`, below).
  const sentOnce = <R extends { ok: boolean }>(sent: { intent: string; requestKey: string }, work: () => R) => {
    const { requestKey, ...fields } = sent;
    return writeTransaction(() => once(`order-${order.id}:${sent.intent}:${requestKey}`, fields, work));
  };
  try {
    return await act();
  } catch (error) {
    if (!(error instanceof SentWithOtherValues)) throw error;
    return invalid({ status: "error", intent, fieldErrors: {}, values, formError: SENT_WITH_OTHER_VALUES }, 409);
  }

  async function act() {
    switch (form.intent) {
      case ADMIN_ORDER_INTENT.recordPayment: {
        const { intent: _intent, requestKey: _key, amount, ...payment } = form;
        const recorded = sentOnce(form, () =>
          recordInvoicePayment(order.id, { amountCents: amount, ...payment }, actor),
        );
        if (!recorded.ok)
          return refuse({ [recorded.field === "amountCents" ? "amount" : recorded.field]: recorded.message });
        break;
      }
      case ADMIN_ORDER_INTENT.cancel: {
        const cancelled = cancelOrderBySales(order.id, form.reason, actor);
        if (!cancelled.ok)
          return refuse({
            reason: cancelled.shipped
              ? "Part of this order has shipped: it can no longer be cancelled."
              : cancelled.paidInPart
                ? "Money received against its invoice is still held: record it refunded first, then cancel."
                : "Only an unpaid order can be cancelled.",
          });
        await expireCheckoutSessions(cancelled.staleSessions);
        break;
      }
      case ADMIN_ORDER_INTENT.resolveFlag: {
        if (form.resolution === FLAG_RESOLUTION.refund) {
          const refunded = await refundFlaggedPayment(order.id, form.note, actor, { shownFor: form.flagged });
          if (!refunded.ok) return refuse({ note: refunded.message });
          break;
        }
        const resolution = form.resolution === FLAG_RESOLUTION.accept ? "accept" : "refund";
        if (!resolvePaymentFlag(order.id, resolution, form.note, actor, form.flagged))
          return refuse({
            note:
              takeableAsPayment(order) || form.flagged !== (order.flaggedPaymentIntentId ?? "")
                ? "This payment has been resolved already."
                : "This payment cannot be taken as the order’s (more than its total, in another currency, or after its invoice was voided): refund it.",
          });
        break;
      }
      case ADMIN_ORDER_INTENT.refund: {
        const { amount, creditReason: reason, requestKey, payment } = form;
        const input = { amountCents: amount, reason, requestKey, paymentIntentId: payment || undefined };
        const refunded = await refundOrder(order.id, input, actor);
        if (!refunded.ok) {
          const field = { amount: "amount", reason: "creditReason", payment: "payment" } as const;
          return refuse({ [field[refunded.field]]: refunded.message });
        }
        break;
      }
      case ADMIN_ORDER_INTENT.recordRefund: {
        const { amount, creditReason: reason, method, reference, refundedOn } = form;
        const recorded = sentOnce(form, () =>
          recordHandRefund(order.id, { amountCents: amount, reason, method, reference, refundedOn }, actor),
        );
        if (!recorded.ok)
          return refuse({ [recorded.field === "amountCents" ? "amount" : recorded.field]: recorded.message });
        break;
      }
      case ADMIN_ORDER_INTENT.creditInvoice: {
        const credited = sentOnce(form, () =>
          creditInvoice(order.id, { amountCents: form.amount, reason: form.creditReason, taxCents: form.tax }, actor),
        );
        if (!credited.ok) return refuse({ [credited.field]: credited.message });
        break;
      }
      case ADMIN_ORDER_INTENT.confirmTax: {
        if (!confirmOrderTax(order.id, actor))
          return invalid(
            { status: "error", intent, fieldErrors: {}, values, formError: "This tax line cannot be confirmed now." },
            409,
          );
        break;
      }
      case ADMIN_ORDER_INTENT.ship:
      case ADMIN_ORDER_INTENT.markDelivered: {
        const done =
          form.intent === ADMIN_ORDER_INTENT.ship
            ? sentOnce(form, () => shipOrder(order.id, form, actor))
            : markDelivered({ orderId: order.id, shipmentId: form.shipment }, actor);
        if (!done.ok) return invalid(shipmentRefused(done, intent, values), 409);
        break;
      }
    }
    return redirect(`/admin/orders/${order.id}?done=${form.intent}`);
  }
}

export default function AdminOrder() {
  const {
    order,
    actors,
    constraints,
    shipments,
    fulfilment,
    canShip,
    taxConfirmable,
    invoice,
    refundable,
    handRefundable,
    remaining,
    requestKey,
    today,
    takeable,
    waitingPayments,
  } = useLoaderData<typeof loader>();
  const cancelResult = useFormResult(ADMIN_ORDER_INTENT.cancel);
  const resolveResult = useFormResult(ADMIN_ORDER_INTENT.resolveFlag);
  const cancelForm = useRef<HTMLFormElement>(null);
  const resolveForm = useRef<HTMLFormElement>(null);
  const cancelRefusedAt = useFocusOnRefusal(cancelForm, cancelResult);
  const resolveRefusedAt = useFocusOnRefusal(resolveForm, resolveResult);
  const result = useFormResult();
  const invoiceForms = invoice?.invoice.kind === "invoice";
  const canRecordPayment = invoiceForms && orderAllows(order.status, "record_payment");
  const canCreditInvoice = invoiceForms && orderAllows(order.status, "credit_invoice");
  // Which forms the page shows, by intent. The shipping panel shows its forms' messages whether
  // or not it shows the forms.
  const shown: Record<string, boolean> = {
    [ADMIN_ORDER_INTENT.cancel]: order.cancellable,
    [ADMIN_ORDER_INTENT.resolveFlag]: Boolean(order.flaggedReason),
    [ADMIN_ORDER_INTENT.recordPayment]: canRecordPayment,
    [ADMIN_ORDER_INTENT.creditInvoice]: canCreditInvoice,
    [ADMIN_ORDER_INTENT.refund]: Boolean(refundable?.cents),
    [ADMIN_ORDER_INTENT.recordRefund]: Boolean(handRefundable?.cents),
    [ADMIN_ORDER_INTENT.ship]: true,
    [ADMIN_ORDER_INTENT.markDelivered]: true,
  };
  // A form this page no longer has (another tab refunded the order, say): its message has no
  // field to stand beside, so it stands under the heading.
  const staleForm =
    result && !shown[result.intent ?? ""] ? (result.formError ?? Object.values(result.fieldErrors)[0]) : undefined;
  // A flagged order's payment may be accepted, when Stripe took no more than its total; a paid
  // one's flag is a second payment, to refund.
  const flaggedOrder = orderAllows(order.status, "accept_payment", { flagged: Boolean(order.flaggedReason) });
  const acceptable = flaggedOrder && takeable;
  return (
    <>
      <header className="page-header">
        <p className="eyebrow">
          <Link to="/admin/orders">Orders</Link>
        </p>
        <h1>
          {order.reference} <span className={`status status--${order.status}`}>{ORDER_STATUS_LABEL[order.status]}</span>
        </h1>
        {staleForm ? (
          <p className="error-summary" role="alert">
            {staleForm}
          </p>
        ) : null}
        <DoneNotice messages={DONE} />
        <p>
          <strong>{order.company}</strong> · {order.contactName} · <a href={`mailto:${order.email}`}>{order.email}</a>
        </p>
        {order.shippingAddress ? <p className="message">Ship to: {order.shippingAddress}</p> : null}
        {order.billingAddress && order.billingAddress !== order.shippingAddress ? (
          <p className="message">Invoice to: {order.billingAddress}</p>
        ) : null}
        <p>
          Payment: {order.paymentMethod}
          {order.paymentTerms ? `, ${netTermsText(order.paymentTerms)}` : ""}
          {order.poNumber ? ` · PO ${order.poNumber}` : ""}
          {order.poAttachmentName ? (
            <>
              {" · "}
              <a href={`/admin/orders/${order.id}/purchase-order`} download>
                {order.poAttachmentName}
              </a>
            </>
          ) : null}
          {order.paidAt ? ` · paid ${formatDateTimeUtc(order.paidAt)}` : ""}
          {order.quoteRequestId ? (
            <>
              {" · "}
              <Link to={`/admin/quotes/${order.quoteRequestId}`}>from quote request</Link>
            </>
          ) : null}
        </p>
        {order.flaggedReason ? (
          <>
            <p className="error-summary" role="alert">
              {order.flaggedReason}
            </p>
            {waitingPayments.length ? (
              <p className="message">
                {waitingPayments.length === 1
                  ? "One more card payment waits"
                  : `${waitingPayments.length} more card payments wait`}
                : {waitingPayments.map((payment) => `${payment.charged} (${payment.paymentIntentId})`).join(", ")}. Once
                this one is resolved, each is applied as Stripe reported it, and flagged here again if it cannot be
                taken.
              </p>
            ) : null}
            <Form method="post" ref={resolveForm} className="panel">
              <input type="hidden" name="intent" value={ADMIN_ORDER_INTENT.resolveFlag} />
              <input type="hidden" name="flagged" value={order.flaggedPaymentIntentId ?? ""} />
              <p className="muted">
                {acceptable
                  ? "Accept the payment as Stripe reported it (the order becomes paid and the buyer is told; what it falls short of the total is credited on a credit note), or refund it through Stripe (the order is cancelled and the buyer is told). If it was refunded in Stripe’s dashboard already, record that with a note."
                  : flaggedOrder
                    ? "This payment cannot be taken as the order’s (more than its total, in another currency, or after its invoice was voided): refund it through Stripe (the order is cancelled and the buyer is told). If it was refunded in Stripe’s dashboard already, record that with a note."
                    : "Refund the extra payment through Stripe; if it was refunded in Stripe’s dashboard already, record that with a note."}
                {order.flaggedPaymentIntentId ? ` Payment intent ${order.flaggedPaymentIntentId}.` : ""}
              </p>
              <TextField
                id="flag-note"
                name="note"
                label="Note for the record"
                maxLength={constraints.note?.maxLength}
                defaultValue={typedOr(resolveResult, "note", "")}
                error={resolveResult?.fieldErrors.note}
                autoFocus={resolveRefusedAt("note")}
              />
              {resolveResult?.fieldErrors.resolution ? (
                <p className="field-error">{resolveResult.fieldErrors.resolution}</p>
              ) : null}
              {acceptable ? (
                <button type="submit" name="resolution" value={FLAG_RESOLUTION.accept} className="button">
                  Accept payment as received
                </button>
              ) : null}{" "}
              <button
                type="submit"
                name="resolution"
                value={FLAG_RESOLUTION.refund}
                className="button button--secondary"
              >
                {acceptable ? "Refund through Stripe: cancel the order" : "Refund the duplicate through Stripe"}
              </button>{" "}
              <button type="submit" name="resolution" value={FLAG_RESOLUTION.note} className="button button--secondary">
                {acceptable ? "Refunded in Stripe’s dashboard: cancel the order" : "Refunded in Stripe’s dashboard"}
              </button>
            </Form>
          </>
        ) : null}
        {orderCancelled(order.status) && order.cancelReason ? <p>Cancelled: {order.cancelReason}</p> : null}
        {order.cancellable ? (
          <Form method="post" ref={cancelForm} className="panel">
            <input type="hidden" name="intent" value={ADMIN_ORDER_INTENT.cancel} />
            <TextField
              id="cancel-reason"
              name="reason"
              label="Reason for cancelling (sent to the buyer)"
              maxLength={constraints.reason?.maxLength}
              defaultValue={typedOr(cancelResult, "reason", "")}
              error={cancelResult?.fieldErrors.reason}
              autoFocus={cancelRefusedAt("reason")}
            />
            <button type="submit" className="button button--secondary">
              Cancel the order
            </button>
          </Form>
        ) : null}
        {order.payBy && awaitsCardPayment(order.status, order.paymentMethod) ? (
          <p className="muted">
            Card payment possible until the end of {order.payBy} (UTC), the quote’s last valid day.
          </p>
        ) : null}
      </header>
      {invoice ? (
        <InvoiceAccountView
          account={invoice}
          pdfHref={`/admin/orders/${order.id}/invoice.pdf`}
          creditNoteHref={(number) => `/admin/orders/${order.id}/credit-notes/${number}.pdf`}
        >
          {canRecordPayment ? (
            // A new balance is a new form: its fields start from what is now owed.
            <RecordPaymentForm
              key={invoice.balanceCents}
              balanceCents={invoice.balanceCents}
              today={today}
              requestKey={requestKey}
            />
          ) : null}
          {canCreditInvoice ? (
            <CreditNoteForm
              key={`credit-${invoice.balanceCents}`}
              balanceCents={invoice.balanceCents}
              remaining={remaining}
              requestKey={requestKey}
            />
          ) : null}
          {refundable?.cents ? (
            <RefundForm key={`refund-${refundable.cents}`} refundable={refundable} requestKey={requestKey} />
          ) : null}
          {handRefundable?.cents ? (
            <HandRefundForm
              key={`hand-${handRefundable.cents}`}
              refundableCents={handRefundable.cents}
              method={handRefundable.method}
              today={today}
              requestKey={requestKey}
            />
          ) : null}
        </InvoiceAccountView>
      ) : null}
      <OrderLinesTable lines={order.lines} totalCents={order.totalCents} currency={order.currency} tax={order} />
      {taxConfirmable ? (
        <Form method="post" className="panel" aria-label="Confirm the tax line">
          <input type="hidden" name="intent" value={ADMIN_ORDER_INTENT.confirmTax} />
          <p>
            The tax line is the estimate of the ship-to state’s rate. Confirm it once checked; a correction after the
            invoice is a credit note.
          </p>
          <button type="submit" className="button button--secondary">
            Confirm the tax line
          </button>
        </Form>
      ) : null}
      <ShippingPanel
        orderId={order.id}
        lines={order.lines}
        fulfilment={fulfilment}
        shipments={shipments}
        canShip={canShip}
        requestKey={requestKey}
      />
      <section aria-labelledby="stripe-heading">
        <h2 id="stripe-heading">Stripe</h2>
        {order.stripePaymentIntentId ? (
          <p>
            Payment intent <code>{order.stripePaymentIntentId}</code>
          </p>
        ) : null}
        {order.sessions.length ? (
          <ul>
            {order.sessions.map((session) => (
              <li key={session.id}>
                Checkout session <code>{session.stripeSessionId}</code> · {session.status} ·{" "}
                {formatDateTimeUtc(session.createdAt)}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No checkout session.</p>
        )}
      </section>
      <Timeline
        events={order.events}
        describe={(event) =>
          `${ORDER_STATUS_LABEL[event.status]} by ${actors[event.actor]}${event.note ? ` (${event.note})` : ""}`
        }
      />
    </>
  );
}
