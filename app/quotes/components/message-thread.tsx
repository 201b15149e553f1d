import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { TextAreaField, TextField, useFocusOnRefusal } from "~/components/ui/field";
import { formatDateTimeUtc } from "~/lib/dates";
import { focusHeading } from "~/lib/focus";
import { useFormResult, type FieldConstraint } from "~/lib/forms";
import { MESSAGE_FILES_FIELD, QUOTE_FILES } from "~/quotes/quote-files";
import { AttachmentList } from "./request-attachments";

type MessageFile = { id: number; originalName: string; sizeBytes: number };
type Message = {
  id: number;
  author: "buyer" | "sales";
  /** Who wrote it, when known by name: a person of the buyer's company, a sales user. */
  authorName: string;
  body: string;
  createdAt: string;
  files: MessageFile[];
};

/**
 * Once this form's message shows in the thread, the form is made anew (`sends`, its key), which
 * empties it, and the message just sent takes the focus the old form had: a screen reader says
 * what arrived, and the keyboard goes on from there. A refused form, or news another form of the
 * page brings, leaves the form as it is: what was typed, and the focus at its field.
 */
function useSent(count: number, intent: string, refused: boolean) {
  const navigation = useNavigation();
  const sending = useRef(false);
  const latest = useRef<HTMLLIElement>(null);
  const shown = useRef(count);
  const [sends, setSends] = useState(0);
  const sent = navigation.formData?.get("intent") === intent;
  useEffect(() => {
    if (sent) sending.current = true;
  }, [sent]);
  useEffect(() => {
    const more = count > shown.current;
    shown.current = count;
    if (more && sending.current && !refused) {
      setSends((n) => n + 1);
      focusHeading(latest.current);
    }
    if (navigation.state === "idle") sending.current = false;
  }, [count, navigation.state, refused]);
  return { latest, sends };
}

/** Who a message is from: its writer by name where known, else the page's name for the buyer, or sales. */
function fromWhom({ author, authorName }: Message, buyerName: string) {
  if (author === "buyer") return authorName || buyerName;
  return authorName ? `${authorName}, IronAxis sales` : "IronAxis sales";
}

/**
 * A request's messages, oldest first, each with the files that came with it, and the form that
 * adds one (words, files or both; it posts its files without JavaScript too). The buyer and
 * sales see the same thread; each page names the buyer, words the form and links the files its
 * own way.
 */
export function MessageThread({
  messages,
  buyerName,
  empty,
  intent,
  field,
  submit,
  constraint,
  fileHref,
}: {
  messages: Message[];
  buyerName: string;
  empty: string;
  /** The `intent` of the page's message form. */
  intent: string;
  field: { id: string; label: string };
  submit: string;
  constraint?: FieldConstraint;
  /** Where this audience downloads a file (the buyer's private link, or the back office). */
  fileHref: (file: MessageFile) => string;
}) {
  const result = useFormResult(intent);
  const form = useRef<HTMLFormElement>(null);
  const refusedAt = useFocusOnRefusal(form, result);
  const { latest, sends } = useSent(messages.length, intent, result !== undefined);
  return (
    <section aria-labelledby="messages-heading">
      <h2 id="messages-heading">Messages</h2>
      {messages.length ? (
        <ol className="messages">
          {messages.map((message, i) => (
            <li
              key={message.id}
              className={`message message--${message.author}`}
              ref={i === messages.length - 1 ? latest : undefined}
            >
              <p className="muted">
                {fromWhom(message, buyerName)} ·{" "}
                <time dateTime={message.createdAt}>{formatDateTimeUtc(message.createdAt)}</time>
              </p>
              {message.body ? <p className="message">{message.body}</p> : null}
              {message.files.length ? (
                <AttachmentList files={message.files} hrefOf={fileHref} label="Files with this message" />
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{empty}</p>
      )}
      {/* Made anew for each message sent from it: emptied (without JavaScript, the page is). */}
      <Form method="post" encType="multipart/form-data" className="panel" key={sends} ref={form}>
        <input type="hidden" name="intent" value={intent} />
        <TextAreaField
          id={field.id}
          name="body"
          label={field.label}
          rows={3}
          {...constraint}
          defaultValue={result?.values.body ?? ""}
          error={result?.fieldErrors.body}
          autoFocus={refusedAt("body")}
        />
        {/* Files are never sent back: after a refusal they are chosen again. */}
        <TextField
          id={`${field.id}-files`}
          name={MESSAGE_FILES_FIELD}
          type="file"
          multiple
          accept={QUOTE_FILES.accept}
          label="Attach files (optional)"
          hint={QUOTE_FILES.hint}
          error={result?.fieldErrors[MESSAGE_FILES_FIELD]}
          autoFocus={refusedAt(MESSAGE_FILES_FIELD)}
        />
        <button type="submit" className="button button--secondary">
          {submit}
        </button>
      </Form>
    </section>
  );
}
