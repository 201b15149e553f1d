import { Form } from "@remix-run/react";
import { TextAreaField } from "~/components/ui/field";
import { formatDateTimeUtc } from "~/lib/dates";
import { useFormResult, useIsPending, type FieldConstraint } from "~/lib/forms";
import { SALES_QUOTE_INTENT as INTENT } from "~/quotes/quote-intents";
import type { ApprovalState } from "~/quotes/quote-approval";

type Draft = {
  savedAt: string;
  savedBy: string | null;
  approval: ApprovalState;
  approvalReasons: string[];
  approvalNote: string;
};

/**
 * Where the next revision stands with an admin's approval: waiting (an admin approves it, which
 * sends it, or declines it with a reason), or declined (with the reason, for sales to change it).
 * Nothing when no approval was asked.
 */
export function ApprovalPanel({
  draft,
  nextVersion,
  canDecide,
  noteConstraint,
}: {
  draft: Draft | undefined;
  nextVersion: number;
  /** The signed-in user is an admin. */
  canDecide: boolean;
  noteConstraint?: FieldConstraint;
}) {
  const declined = useFormResult(INTENT.declineApproval);
  const approving = useIsPending({ intent: INTENT.approve });
  if (!draft?.approval) return null;
  const reasons = (
    <ul>
      {draft.approvalReasons.map((reason) => (
        <li key={reason}>{reason}</li>
      ))}
    </ul>
  );
  if (draft.approval === "declined")
    return (
      <section aria-labelledby="approval-heading" className="panel notice notice--warn">
        <h2 id="approval-heading">v{nextVersion} was declined by an admin</h2>
        <p className="message">Why: {draft.approvalNote}</p>
        <p>It was held because:</p>
        {reasons}
        <p className="muted">Change the draft below and send it again.</p>
      </section>
    );
  return (
    <section aria-labelledby="approval-heading" className="panel notice">
      <h2 id="approval-heading">v{nextVersion} waits for an admin&rsquo;s approval</h2>
      <p>
        Asked {draft.savedBy ? `by ${draft.savedBy} ` : ""}
        <time dateTime={draft.savedAt}>{formatDateTimeUtc(draft.savedAt)}</time>, because:
      </p>
      {reasons}
      {canDecide ? (
        <>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value={INTENT.approve} />
            <input type="hidden" name="savedAt" value={draft.savedAt} />
            <button type="submit" className="button" aria-disabled={approving || undefined}>
              {approving ? "Sending…" : `Approve and send v${nextVersion} to the buyer`}
            </button>
          </Form>
          <Form method="post" className="panel">
            <input type="hidden" name="intent" value={INTENT.declineApproval} />
            <input type="hidden" name="savedAt" value={draft.savedAt} />
            <TextAreaField
              id="approvalNote"
              name="approvalNote"
              label="Decline, and tell sales why"
              rows={2}
              {...noteConstraint}
              defaultValue={declined?.values.approvalNote ?? ""}
              error={declined?.fieldErrors.approvalNote}
            />
            <button type="submit" className="button button--secondary">
              Decline
            </button>
          </Form>
        </>
      ) : (
        <p className="muted">
          The draft below is what the admin sees. Changing it takes the request for approval back: send it again when it
          is ready.
        </p>
      )}
    </section>
  );
}
