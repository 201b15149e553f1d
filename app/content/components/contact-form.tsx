import { Form, Link } from "@remix-run/react";
import { ErrorSummary, TextAreaField, TextField } from "~/components/ui/field";
import { useFormResult, useIsPending, type Constraints } from "~/lib/forms";
import { CONTACT_LABELS } from "~/content/contact-fields";

type Field = keyof typeof CONTACT_LABELS;

/**
 * The contact form. Errors show at each field and in a summary that links to them; everything
 * typed comes back, with the submission key and signed start the form keeps. Once sent, the
 * confirmation takes its place.
 */
export function ContactForm({
  submissionKey,
  formStartedAt,
  constraints,
  prefill,
}: {
  submissionKey: string;
  formStartedAt: string;
  constraints: Constraints;
  /** A signed-in buyer's name, company and e-mail, to start the form with. */
  prefill?: Partial<Record<Field, string>>;
}) {
  const result = useFormResult();
  const sending = useIsPending({ state: "submitting" });
  const errors: Record<string, string> = {
    ...(result?.formError ? { form: result.formError } : {}),
    ...result?.fieldErrors,
  };

  if (result?.status === "success")
    return (
      <section className="panel" aria-labelledby="contact-heading">
        <h2 id="contact-heading">Message sent</h2>
        <p role="status" className="notice">
          {result.message}
        </p>
        <p>
          <Link to="/contact">Send another message</Link>
        </p>
      </section>
    );

  const field = (name: Field, props: Record<string, unknown> = {}) => (
    <TextField
      id={`contact-${name}`}
      name={name}
      label={CONTACT_LABELS[name]}
      defaultValue={result?.values[name] ?? prefill?.[name] ?? ""}
      {...constraints[name]}
      error={errors[name]}
      {...props}
    />
  );

  return (
    <Form method="post" className="panel contact-form" aria-labelledby="contact-heading">
      <h2 id="contact-heading">Write to us</h2>
      <ErrorSummary errors={errors} labels={CONTACT_LABELS} fieldIdPrefix="contact-" />
      {/* Shown again after a refusal, the form keeps its key and the time it was first shown. */}
      <input type="hidden" name="submissionKey" value={result?.values.submissionKey ?? submissionKey} />
      <input type="hidden" name="formStartedAt" value={result?.values.formStartedAt ?? formStartedAt} />
      <div className="honeypot" aria-hidden="true">
        <label htmlFor="contact-website">Website</label>
        <input id="contact-website" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <div className="request-form__grid">
        {field("name", { autoComplete: "name" })}
        {field("company", { autoComplete: "organization" })}
        {/* The address's checks come after trimming: the schema cannot say "required" for it. */}
        {field("email", { type: "email", required: true, autoComplete: "email" })}
        {field("phone", { type: "tel", autoComplete: "tel" })}
      </div>
      {field("subject")}
      <TextAreaField
        id="contact-message"
        name="message"
        label={CONTACT_LABELS.message}
        rows={6}
        defaultValue={result?.values.message ?? ""}
        {...constraints.message}
        error={errors.message}
      />
      <button type="submit" className="button" aria-disabled={sending || undefined}>
        {sending ? "Sending…" : "Send message"}
      </button>
    </Form>
  );
}
