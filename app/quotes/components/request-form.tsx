import { Form } from "@remix-run/react";
import { ErrorSummary, TextField } from "~/components/ui/field";
import { useFormResult, useIsPending, type Constraints } from "~/lib/forms";
import { QUOTE_FILES } from "~/quotes/quote-files";
import { QUOTE_LIST_INTENT } from "~/quotes/quote-intents";
import { INCOTERMS, QUOTE_REQUEST_LABELS } from "~/quotes/quote-request-fields";

const INTENT = QUOTE_LIST_INTENT.submitRequest;

/**
 * The request for quotation. Errors show at each field and in a summary at the top that
 * links to them (the GOV.UK pattern); everything typed comes back, with the submission key and
 * signed start the form keeps.
 */
export function RequestForm({
  submissionKey,
  formStartedAt,
  disabled,
  constraints,
  prefill,
}: {
  submissionKey: string;
  formStartedAt: string;
  disabled: boolean;
  constraints: Constraints;
  /** A signed-in buyer's company, name and e-mail, to start the form with. */
  prefill?: Record<string, string>;
}) {
  const result = useFormResult(INTENT);
  const sending = useIsPending({ intent: INTENT, state: "submitting" });
  const errors: Record<string, string> = {
    ...(result?.formError ? { form: result.formError } : {}),
    ...result?.fieldErrors,
  };

  const input = (name: string, label: string, props: Record<string, unknown> = {}, hint?: string) => (
    <TextField
      id={`rq-${name}`}
      name={name}
      label={label}
      hint={hint}
      defaultValue={result?.values[name] ?? prefill?.[name] ?? ""}
      {...constraints[name]}
      error={errors[name]}
      {...props}
    />
  );

  return (
    <Form method="post" encType="multipart/form-data" className="panel request-form" aria-labelledby="request-heading">
      <h2 id="request-heading">Send the request</h2>
      <ErrorSummary errors={errors} labels={QUOTE_REQUEST_LABELS} fieldIdPrefix="rq-" />
      <input type="hidden" name="intent" value={INTENT} />
      {/* Shown again after a refusal, the form keeps its key and the time it was first shown. */}
      <input type="hidden" name="submissionKey" value={result?.values.submissionKey ?? submissionKey} />
      <input type="hidden" name="formStartedAt" value={result?.values.formStartedAt ?? formStartedAt} />
      <div className="honeypot" aria-hidden="true">
        <label htmlFor="rq-website">Website</label>
        <input id="rq-website" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <div className="request-form__grid">
        {input("company", "Company", { autoComplete: "organization" })}
        {input("contactName", "Your name", { autoComplete: "name" })}
        {/* The address's checks come after trimming: the schema cannot say "required" for it. */}
        {input("email", "E-mail", { type: "email", required: true, autoComplete: "email" })}
        {input("phone", "Phone (optional)", { type: "tel", autoComplete: "tel" })}
        {input("country", "Country", { autoComplete: "country-name" })}
        {input("deliveryLocation", "Delivery location (optional)", {}, "City, site or port")}
        <div className="field">
          <label htmlFor="rq-incoterm">Preferred Incoterm (optional)</label>
          {errors.incoterm ? (
            <span id="rq-incoterm-error" className="field-error">
              {errors.incoterm}
            </span>
          ) : null}
          <select
            id="rq-incoterm"
            name="incoterm"
            defaultValue={result?.values.incoterm ?? ""}
            aria-invalid={errors.incoterm ? true : undefined}
          >
            <option value="">No preference</option>
            {INCOTERMS.map((term) => (
              <option key={term} value={term}>
                {term}
              </option>
            ))}
          </select>
        </div>
        {input("neededBy", "Needed by (optional)", { type: "date" })}
      </div>
      <div className="field">
        <label htmlFor="rq-message">Message (optional)</label>
        {errors.message ? (
          <span id="rq-message-error" className="field-error">
            {errors.message}
          </span>
        ) : null}
        <textarea
          id="rq-message"
          name="message"
          rows={4}
          {...constraints.message}
          defaultValue={result?.values.message ?? ""}
          aria-invalid={errors.message ? true : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor="rq-attachments">Drawings or spec sheets (optional)</label>
        <span id="rq-attachments-hint" className="muted">
          {QUOTE_FILES.hint}
        </span>
        {errors.attachments ? (
          <span id="rq-attachments-error" className="field-error">
            {errors.attachments}
          </span>
        ) : null}
        <input
          id="rq-attachments"
          name="attachments"
          type="file"
          multiple
          accept={QUOTE_FILES.accept}
          aria-invalid={errors.attachments ? true : undefined}
          aria-describedby={errors.attachments ? "rq-attachments-error rq-attachments-hint" : "rq-attachments-hint"}
        />
      </div>
      <button type="submit" className="button" disabled={disabled} aria-disabled={sending || undefined}>
        {sending ? "Sending…" : "Send request for quotation"}
      </button>
      {disabled ? <p className="muted">Add at least one item to the list above to send a request.</p> : null}
    </Form>
  );
}
