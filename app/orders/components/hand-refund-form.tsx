import { useRef } from "react";
import { OnceForm } from "./once-form";
import { FormError, SelectField, TextField, useFocusOnRefusal } from "~/components/ui/field";
import { typedOr, useFormResult, useIsPending } from "~/lib/forms";
import { formatMoney } from "~/lib/money";
import { PAYMENT_METHOD_OPTIONS, type InvoicePaymentMethod } from "~/orders/invoice-rules";
import { ADMIN_ORDER_INTENT } from "~/orders/order-fields";

/**
 * Sales records a refund it sent by hand (a wire, an ACH credit, a check) of money received that
 * way: what is left to refund is offered, the reason goes on the credit note the buyer gets.
 * `method`: how the money came, the likeliest way back.
 */
export function HandRefundForm({
  refundableCents,
  method,
  today,
  requestKey,
}: {
  refundableCents: number;
  method: InvoicePaymentMethod;
  today: string;
  requestKey: string;
}) {
  const result = useFormResult(ADMIN_ORDER_INTENT.recordRefund);
  const form = useRef<HTMLFormElement>(null);
  const refusedAt = useFocusOnRefusal(form, result);
  const pending = useIsPending({ intent: ADMIN_ORDER_INTENT.recordRefund });
  return (
    <OnceForm ref={form} requestKey={requestKey} className="stack" aria-labelledby="hand-refund-heading">
      <h3 id="hand-refund-heading">Record a refund sent</h3>
      <FormError result={result} />
      <p className="muted">
        For money received by wire, ACH or check: send it back from the bank first, then record it here. The buyer gets
        a credit note for it, which takes it off the invoice too: what is still owed stays as it was. To cancel an order
        paid in part, record what was received refunded, then cancel.
      </p>
      <input type="hidden" name="intent" value={ADMIN_ORDER_INTENT.recordRefund} />
      <TextField
        id="hand-refund-amount"
        name="amount"
        required
        label="Amount refunded (USD)"
        inputMode="decimal"
        hint={`Received this way and not yet refunded: ${formatMoney(refundableCents)}`}
        defaultValue={typedOr(result, "amount", (refundableCents / 100).toFixed(2))}
        error={result?.fieldErrors.amount}
        autoFocus={refusedAt("amount")}
      />
      <TextField
        id="hand-refund-sent-on"
        name="refundedOn"
        required
        type="date"
        label="Sent on"
        max={today}
        defaultValue={typedOr(result, "refundedOn", today)}
        error={result?.fieldErrors.refundedOn}
        autoFocus={refusedAt("refundedOn")}
      />
      <SelectField
        id="hand-refund-method"
        name="method"
        label="Sent by"
        options={PAYMENT_METHOD_OPTIONS}
        defaultValue={typedOr(result, "method", method)}
        error={result?.fieldErrors.method}
        autoFocus={refusedAt("method")}
      />
      <TextField
        id="hand-refund-reference"
        name="reference"
        label="Reference (wire, ACH trace or check number)"
        maxLength={100}
        defaultValue={typedOr(result, "reference", "")}
        error={result?.fieldErrors.reference}
        autoFocus={refusedAt("reference")}
      />
      <TextField
        id="hand-refund-reason"
        name="creditReason"
        required
        label="Reason (on the credit note the buyer gets)"
        maxLength={500}
        defaultValue={typedOr(result, "creditReason", "")}
        error={result?.fieldErrors.creditReason}
      />
      <button type="submit" className="button" aria-disabled={pending || undefined}>
        {pending ? "Recording…" : "Record the refund"}
      </button>
    </OnceForm>
  );
}
