import { useRef } from "react";
import { OnceForm } from "./once-form";
import { FormError, TextField, useFocusOnRefusal } from "~/components/ui/field";
import { typedOr, useFormResult, useIsPending } from "~/lib/forms";
import { formatMoney } from "~/lib/money";
import { ADMIN_ORDER_INTENT } from "~/orders/order-fields";

/**
 * Sales corrects an open invoice with a credit note (a price or tax charged too high): the amount
 * comes off what the invoice owes, with the tax in it (said, or in proportion), and the reason is
 * printed on the credit note the buyer gets.
 */
export function CreditNoteForm({
  balanceCents,
  remaining,
  requestKey,
}: {
  balanceCents: number;
  /** What the invoice still comes to after its credit notes, and the tax still in it. */
  remaining: { totalCents: number; taxCents: number };
  requestKey: string;
}) {
  const result = useFormResult(ADMIN_ORDER_INTENT.creditInvoice);
  const form = useRef<HTMLFormElement>(null);
  const refusedAt = useFocusOnRefusal(form, result);
  const pending = useIsPending({ intent: ADMIN_ORDER_INTENT.creditInvoice });
  return (
    <OnceForm ref={form} requestKey={requestKey} className="stack" aria-labelledby="credit-heading">
      <h3 id="credit-heading">Credit the invoice</h3>
      <FormError result={result} />
      <input type="hidden" name="intent" value={ADMIN_ORDER_INTENT.creditInvoice} />
      <TextField
        id="credit-amount"
        name="amount"
        label="Amount to credit (USD)"
        inputMode="decimal"
        hint={`Still owed: ${formatMoney(balanceCents)}. To credit all of an unpaid invoice, cancel the order.`}
        defaultValue={typedOr(result, "amount", "")}
        error={result?.fieldErrors.amount}
        autoFocus={refusedAt("amount")}
      />
      {remaining.taxCents > 0 ? (
        <TextField
          id="credit-tax"
          name="tax"
          label="Of which sales tax (USD, optional)"
          inputMode="decimal"
          hint={`Left empty, in proportion: the invoice still comes to ${formatMoney(remaining.totalCents)}, ${formatMoney(remaining.taxCents)} of it tax. A tax charged too high is all tax.`}
          defaultValue={typedOr(result, "tax", "")}
          error={result?.fieldErrors.tax}
          autoFocus={refusedAt("tax")}
        />
      ) : null}
      <TextField
        id="credit-reason"
        name="creditReason"
        label="Reason (on the credit note the buyer gets)"
        maxLength={500}
        defaultValue={typedOr(result, "creditReason", "")}
        error={result?.fieldErrors.creditReason}
        autoFocus={refusedAt("creditReason")}
      />
      <button type="submit" className="button button--secondary" aria-disabled={pending || undefined}>
        {pending ? "Issuing…" : "Issue the credit note"}
      </button>
    </OnceForm>
  );
}
