import { Form, Link } from "@remix-run/react";
import { typedOr, useFormResult, type Constraints, type FieldConstraint } from "~/lib/forms";
import { SALES_QUOTE_INTENT as INTENT } from "~/quotes/quote-intents";

/** What sales may do with a request besides quoting it: start the review, decline it with a reason, mark it read or unread. */
export function SalesRequestActions({
  canStartReview,
  canDecline,
  unread,
  constraints,
}: {
  canStartReview: boolean;
  canDecline: boolean;
  unread: boolean;
  constraints: Constraints;
}) {
  const declined = useFormResult(INTENT.decline);
  const declineError = declined?.fieldErrors.note;
  return (
    <div className="actions">
      {canStartReview ? (
        <Form method="post">
          <input type="hidden" name="intent" value={INTENT.startReview} />
          <button className="button button--secondary">Start review</button>
        </Form>
      ) : null}
      {canDecline ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value={INTENT.decline} />
          <label htmlFor="decline-note">Reason (sent to the buyer)</label>
          <input
            id="decline-note"
            name="note"
            {...constraints.note}
            defaultValue={declined?.values.note ?? ""}
            aria-invalid={declineError ? true : undefined}
            aria-describedby={declineError ? "decline-note-error" : undefined}
          />
          {declineError ? (
            <span id="decline-note-error" className="field-error">
              {declineError}
            </span>
          ) : null}
          <button className="button button--secondary">Decline request</button>
        </Form>
      ) : null}
      <Form method="post">
        <input type="hidden" name="intent" value={unread ? INTENT.seen : INTENT.unseen} />
        <button className="button button--secondary">{unread ? "Mark as read" : "Mark as unread"}</button>
      </Form>
    </div>
  );
}

/**
 * The request's company account: a link to it, or for a guest's request a form that makes one
 * from it and invites the buyer as its company admin.
 */
export function RequestCompany({
  company,
  suggestedName,
  email,
  constraint,
}: {
  company: { id: number; name: string } | null;
  suggestedName: string;
  email: string;
  constraint?: FieldConstraint;
}) {
  const failed = useFormResult(INTENT.createCompany);
  const error = failed?.fieldErrors.companyName;
  if (company)
    return (
      <p>
        Company account: <Link to={`/admin/companies/${company.id}`}>{company.name}</Link>
      </p>
    );
  return (
    <Form method="post" className="inline-form" aria-label="Company account from this request">
      <input type="hidden" name="intent" value={INTENT.createCompany} />
      <label htmlFor="company-name">Company account</label>
      <input
        id="company-name"
        name="companyName"
        {...constraint}
        defaultValue={typedOr(failed, "companyName", suggestedName)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "company-name-error" : undefined}
      />
      {error ? (
        <span id="company-name-error" className="field-error">
          {error}
        </span>
      ) : null}
      <button className="button button--secondary">Create it and invite {email}</button>
    </Form>
  );
}
