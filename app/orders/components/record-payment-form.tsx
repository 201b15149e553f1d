import { useRef } from "react";
import { OnceForm } from "./once-form";
import { FormError, SelectField, TextField, useFocusOnRefusal } from "~/components/ui/field";
import { typedOr, useFormResult, useIsPending } from "~/lib/forms";
import { formatMoney } from "~/lib/money";
import { PAYMENT_METHOD_OPTIONS } from "~/orders/invoice-rules";
import { ADMIN_ORDER_INTENT } from "~/orders/order-fields";

/**
 * Sales records money received against the invoice: the balance is offered, part of it may be
 * recorded. What was typed comes back with the message at its field.
 */
export function RecordPaymentForm({
  balanceCents,
  today,
  requestKey,
}: {
  balanceCents: number;
  today: string;
  requestKey: string;
}) {
  const result = useFormResult(ADMIN_ORDER_INTENT.recordPayment);
  const form = useRef<HTMLFormElement>(null);
  const refusedAt = useFocusOnRefusal(form, result);
  const pending = useIsPending({ intent: ADMIN_ORDER_INTENT.recordPayment });
  return (
    <OnceForm ref={form} requestKey={requestKey} className="stack" aria-labelledby="record-payment-heading">
      <h3 id="record-payment-heading">Record a payment</h3>
      <FormError result={result} />
      <input type="hidden" name="intent" value={ADMIN_ORDER_INTENT.recordPayment} />
      <TextField
        id="payment-amount"
        name="amount"
        label="Amount received (USD)"
        inputMode="decimal"
        hint={`Balance due ${formatMoney(balanceCents)}`}
        defaultValue={typedOr(result, "amount", (balanceCents / 100).toFixed(2))}
        error={result?.fieldErrors.amount}
        autoFocus={refusedAt("amount")}
      />
      <TextField
        id="payment-received-on"
        name="receivedOn"
        type="date"
        label="Received on"
        max={today}
        defaultValue={typedOr(result, "receivedOn", today)}
        error={result?.fieldErrors.receivedOn}
        autoFocus={refusedAt("receivedOn")}
      />
      <SelectField
        id="payment-method"
        name="method"
        label="Method"
        options={PAYMENT_METHOD_OPTIONS}
        defaultValue={typedOr(result, "method", "bank_transfer")}
        error={result?.fieldErrors.method}
        autoFocus={refusedAt("method")}
      />
      <TextField
        id="payment-reference"
        name="reference"
        label="Reference (wire, ACH trace or check number)"
        maxLength={100}
        defaultValue={typedOr(result, "reference", "")}
        error={result?.fieldErrors.reference}
        autoFocus={refusedAt("reference")}
      />
      <button type="submit" className="button" aria-disabled={pending || undefined}>
        {pending ? "Recording…" : "Record payment"}
      </button>
    </OnceForm>
  );
}
