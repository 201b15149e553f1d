import { useSearchParams } from "@remix-run/react";
import { useFormResult } from "~/lib/forms";

/**
 * What a page says when a form sent without JavaScript brings the buyer back to it with
 * `?done=<key>`: `messages[key]`, unless a form's answer is on the page (it speaks for itself).
 */
export function DoneNotice({ messages }: { messages: Readonly<Record<string, string>> }) {
  const [search] = useSearchParams();
  const answered = useFormResult();
  const done = answered ? undefined : messages[search.get("done") ?? ""];
  return done ? (
    <p className="notice" role="status">
      {done}
    </p>
  ) : null;
}
