import { Form } from "@remix-run/react";
import { useRef } from "react";
import { SALES_COMPANY_INTENT } from "~/accounts/company-intents";
import { COMPANY_PAYMENT_TERMS_OPTIONS, type CompanyCredit, type CompanyPaymentTerms } from "~/accounts/payment-terms";
import { SelectField, TextField, useFocusOnRefusal } from "~/components/ui/field";
import { typedOr, useFormResult, useIsPending, type Constraints } from "~/lib/forms";
import { formatMoney } from "~/lib/money";

/** A limit as sales types it back: dollars with cents and thousands separators, no sign. */
const dollars = (cents: number) => formatMoney(cents).replace("$", "");

/**
 * Sales sets a company's payment terms and credit limit, beside what its open invoices already
 * use of it. Errors at the field, with what was typed kept.
 */
export function PaymentTermsForm({
  credit,
  saved,
  constraints,
}: {
  credit: CompanyCredit;
  saved: boolean;
  constraints: Constraints;
}) {
  const result = useFormResult(SALES_COMPANY_INTENT.terms);
  const form = useRef<HTMLFormElement>(null);
  const refusedAt = useFocusOnRefusal(form, result);
  const saving = useIsPending({ intent: SALES_COMPANY_INTENT.terms });
  const errors = result?.fieldErrors ?? {};
  return (
    <Form method="post" ref={form} className="panel" aria-labelledby="terms-heading">
      <h2 id="terms-heading">Payment terms</h2>
      <input type="hidden" name="intent" value={SALES_COMPANY_INTENT.terms} />
      <dl className="stats">
        <div>
          <dt>Open invoice balance</dt>
          <dd data-testid="open-invoices">{formatMoney(credit.openInvoiceCents)}</dd>
        </div>
        <div>
          <dt>Available credit</dt>
          <dd data-testid="available-credit">
            {formatMoney(Math.max(0, credit.availableCents))}
            {credit.availableCents < 0 ? ` (owes ${formatMoney(-credit.availableCents)} over the limit)` : ""}
          </dd>
        </div>
      </dl>
      {result?.formError ? (
        <p role="alert" className="notice notice--error">
          {result.formError}
        </p>
      ) : null}
      <div className="form-grid">
        <SelectField
          id="paymentTerms"
          name="paymentTerms"
          label="Terms"
          hint="How the company’s buyers may pay cart orders; a quote’s own terms still decide how it is paid."
          options={COMPANY_PAYMENT_TERMS_OPTIONS}
          defaultValue={typedOr(result, "paymentTerms", credit.terms satisfies CompanyPaymentTerms)}
          error={errors.paymentTerms}
          autoFocus={refusedAt("paymentTerms")}
        />
        <TextField
          id="creditLimit"
          name="creditLimit"
          label="Credit limit (USD)"
          hint="What its unpaid invoice orders may add up to."
          inputMode="decimal"
          defaultValue={typedOr(result, "creditLimit", dollars(credit.creditLimitCents))}
          error={errors.creditLimit}
          autoFocus={refusedAt("creditLimit")}
          {...constraints.creditLimit}
        />
      </div>
      <p className="actions">
        <button type="submit" className="button button--secondary" aria-disabled={saving || undefined}>
          {saving ? "Saving…" : "Save terms"}
        </button>
        {saved && !result ? (
          <span role="status" className="muted">
            Terms saved.
          </span>
        ) : null}
      </p>
    </Form>
  );
}
