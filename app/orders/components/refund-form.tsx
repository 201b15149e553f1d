import { useRef } from "react";
import { OnceForm } from "./once-form";
import { TextField, useFocusOnRefusal } from "~/components/ui/field";
import { typedOr, useFormResult, useIsPending } from "~/lib/forms";
import { formatMoney } from "~/lib/money";
import { ADMIN_ORDER_INTENT } from "~/orders/order-fields";

/**
 * Sales refunds part or all of the card payment through Stripe: what is left to refund is
 * offered, the reason goes on the credit note. `requestKey` is this page view's: submitted twice,
 * the refund is made once.
 */
export function RefundForm({ refundableCents, requestKey }: { refundableCents: number; requestKey: string }) {
  const result = useFormResult(ADMIN_ORDER_INTENT.refund);
  const form = useRef<HTMLFormElement>(null);
  const refusedAt = useFocusOnRefusal(form, result);
  const pending = useIsPending({ intent: ADMIN_ORDER_INTENT.refund });
  return (
    <OnceForm ref={form} requestKey={requestKey} className="stack" aria-labelledby="refund-heading">
      <h3 id="refund-heading">Refund to the card</h3>
      <input type="hidden" name="intent" value={ADMIN_ORDER_INTENT.refund} />
      <TextField
        id="refund-amount"
        name="amount"
        label="Amount to refund (USD)"
        inputMode="decimal"
        hint={`Paid and not yet refunded: ${formatMoney(refundableCents)}`}
        defaultValue={typedOr(result, "amount", (refundableCents / 100).toFixed(2))}
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
