import { Form } from "@remix-run/react";
import { TextAreaField } from "~/components/ui/field";
import { formatDateTimeUtc } from "~/lib/dates";
import { useFormResult, type FieldConstraint } from "~/lib/forms";
import { SALES_QUOTE_INTENT as INTENT } from "~/quotes/quote-intents";

type InternalNote = { id: number; body: string; createdAt: string; authorName: string | null };

/** Sales' own notes on a request, oldest first, and the form that adds one. Only sales' page shows them. */
export function InternalNotes({ notes, constraint }: { notes: InternalNote[]; constraint?: FieldConstraint }) {
  const result = useFormResult(INTENT.internalNote);
  return (
    <section aria-labelledby="internal-notes-heading">
      <h2 id="internal-notes-heading">Internal notes</h2>
      <p className="muted">For sales only: the buyer never sees them.</p>
      {notes.length ? (
        <ol className="messages">
          {notes.map((note) => (
            <li key={note.id} className="message">
              <p className="muted">
                {note.authorName ?? "A former user"} ·{" "}
                <time dateTime={note.createdAt}>{formatDateTimeUtc(note.createdAt)}</time>
              </p>
              <p className="message">{note.body}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">No internal notes yet.</p>
      )}
      {/* Keyed by the number of notes: a saved note empties the field. */}
      <Form method="post" className="panel" key={notes.length}>
        <input type="hidden" name="intent" value={INTENT.internalNote} />
        <TextAreaField
          id="internal-note"
          name="internalNote"
          label="Add an internal note"
          rows={3}
          {...constraint}
          defaultValue={result?.values.internalNote ?? ""}
          error={result?.fieldErrors.internalNote}
        />
        <button type="submit" className="button button--secondary">
          Save note
        </button>
      </Form>
    </section>
  );
}
