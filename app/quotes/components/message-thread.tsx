import { Form } from "@remix-run/react";
import { TextAreaField } from "~/components/ui/field";
import { formatDateTimeUtc } from "~/lib/dates";
import { useFormResult, type FieldConstraint } from "~/lib/forms";

type Message = { id: number; author: "buyer" | "sales"; body: string; createdAt: string };

/**
 * A request's messages, oldest first, and the form that adds one. The buyer and sales see the
 * same thread; each page names the buyer and words the form its own way.
 */
export function MessageThread({
  messages,
  buyerName,
  empty,
  intent,
  field,
  submit,
  constraint,
}: {
  messages: Message[];
  buyerName: string;
  empty: string;
  /** The `intent` of the page's message form. */
  intent: string;
  field: { id: string; label: string };
  submit: string;
  constraint?: FieldConstraint;
}) {
  const result = useFormResult(intent);
  return (
    <section aria-labelledby="messages-heading">
      <h2 id="messages-heading">Messages</h2>
      {messages.length ? (
        <ol className="messages">
          {messages.map((message) => (
            <li key={message.id} className={`message message--${message.author}`}>
              <p className="muted">
                {message.author === "buyer" ? buyerName : "IronAxis sales"} ·{" "}
                <time dateTime={message.createdAt}>{formatDateTimeUtc(message.createdAt)}</time>
              </p>
              <p className="message">{message.body}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{empty}</p>
      )}
      {/* Keyed by the thread's length: a sent message empties the field. */}
      <Form method="post" className="panel" key={messages.length}>
        <input type="hidden" name="intent" value={intent} />
        <TextAreaField
          id={field.id}
          name="body"
          label={field.label}
          rows={3}
          {...constraint}
          defaultValue={result?.values.body ?? ""}
          error={result?.fieldErrors.body}
        />
        <button type="submit" className="button button--secondary">
          {submit}
        </button>
      </Form>
    </section>
  );
}
