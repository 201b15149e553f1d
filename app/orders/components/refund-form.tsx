import { useRef } from "react";
import { OnceForm } from "./once-form";
import { SelectField, TextField, useFocusOnRefusal } from "~/components/ui/field";
import { typedOr, useFormResult, useIsPending } from "~/lib/forms";
import { formatMoney } from "~/lib/money";
import { ADMIN_ORDER_INTENT } from "~/orders/order-fields";
import type { CardRefundable } from "~/orders/refund.server";

/**
 * Sales refunds part or all of a card payment through Stripe: what is left to refund is offered,
 * the reason goes on the credit note. An order paid by card more than once lists the payments
 * with something left, the last of them chosen: one refund goes back to one payment. `requestKey`
 * is this page view's: submitted twice, the refund is made once.
 */
export function RefundForm({
  refundable,
  requestKey,
}: {
  refundable: { cents: number; payments: CardRefundable[] };
  requestKey: string;
}) {
  const result = useFormResult(ADMIN_ORDER_INTENT.refund);
  const form = useRef<HTMLFormElement>(null);
  const refusedAt = useFocusOnRefusal(form, result);
  const pending = useIsPending({ intent: ADMIN_ORDER_INTENT.refund });
  const left = refundable.payments.filter((payment) => payment.cents > 0);
  const chosen = left[left.length - 1];
  if (!chosen) return null;
  return (
    <OnceForm ref={form} requestKey={requestKey} className="stack" aria-labelledby="refund-heading">
      <h3 id="refund-heading">Refund to the card</h3>
      <input type="hidden" name="intent" value={ADMIN_ORDER_INTENT.refund} />
      {left.length > 1 ? (
        <SelectField
          id="refund-payment"
          name="payment"
          label="Card payment to refund"
          options={left.map((payment) => [
            payment.paymentIntentId,
            `${formatMoney(payment.paidCents)} paid ${payment.receivedOn}: ${formatMoney(payment.cents)} left to refund`,
          ])}
          defaultValue={typedOr(result, "payment", chosen.paymentIntentId)}
          error={result?.fieldErrors.payment}
          autoFocus={refusedAt("payment")}
        />
      ) : (
        <>
          <input type="hidden" name="payment" value={chosen.paymentIntentId} />
          {/* The payment sent was not this page's (the field is not one to correct): said above the rest. */}
          {result?.fieldErrors.payment ? (
            <p className="field-error" role="alert">
              {result.fieldErrors.payment}
            </p>
          ) : null}
        </>
      )}
      <TextField
        id="refund-amount"
        name="amount"
        label="Amount to refund (USD)"
        inputMode="decimal"
        hint={
          left.length > 1
            ? `Paid by card and not yet refunded: ${formatMoney(refundable.cents)}, at most what is left of the payment chosen`
            : `Paid and not yet refunded: ${formatMoney(chosen.cents)}`
        }
        defaultValue={typedOr(result, "amount", (chosen.cents / 100).toFixed(2))}
        error={result?.fieldErrors.amount}
        autoFocus={refusedAt("amount")}
      />
      <TextField
        id="refund-reason"
        name="creditReason"
        label="Reason (on the credit note the buyer gets)"
        maxLength={500}
        defaultValue={typedOr(result, "creditReason", "")}
        error={result?.fieldErrors.creditReason}
        autoFocus={refusedAt("creditReason")}
      />
      <button type="submit" className="button" aria-disabled={pending || undefined}>
        {pending ? "Refunding…" : "Refund"}
      </button>
    </OnceForm>
  );
}
