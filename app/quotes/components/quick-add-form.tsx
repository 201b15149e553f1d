import { Form } from "@remix-run/react";
import { useRef } from "react";
import { useFocusOnRefusal } from "~/components/ui/field";
import { useFormResult, type Constraints } from "~/lib/forms";
import { QUOTE_LIST_INTENT } from "~/quotes/quote-intents";

const INTENT = QUOTE_LIST_INTENT.quickAdd;

/** The order pad: "part-number quantity" per line. Lines that failed come back to be fixed. */
export function QuickAddForm({ constraints }: { constraints: Constraints }) {
  const result = useFormResult(INTENT);
  const form = useRef<HTMLFormElement>(null);
  const refusedAt = useFocusOnRefusal(form, result);
  // Each line that was not added comes back, its message under its place in the field.
  const problems = result?.values.lines
    ? result.values.lines.split("\n").map((line, i) => ({ line, message: result.fieldErrors[`lines.${i}`] }))
    : [];
  // Sent with no line at all.
  const nothing = result?.fieldErrors.lines;
  return (
    <Form method="post" className="panel" aria-labelledby="quick-add-heading" ref={form}>
      <h2 id="quick-add-heading">Quick add by part number</h2>
      <input type="hidden" name="intent" value={INTENT} />
      <label htmlFor="quick-add-lines">
        One part number per line, then the quantity (for example: GC-PG63-SS-16B 20)
      </label>
      <textarea
        id="quick-add-lines"
        name="lines"
        rows={5}
        {...constraints.lines}
        defaultValue={problems.map((p) => p.line).join("\n")}
        aria-invalid={problems.length || nothing ? true : undefined}
        // eslint-disable-next-line jsx-a11y/no-autofocus -- only on a refusal, at the field refused (`firstRefused`)
        autoFocus={refusedAt("lines")}
        aria-describedby={problems.length ? "quick-add-problems" : nothing ? "quick-add-lines-error" : undefined}
        className="mono"
      />
      {nothing ? (
        <span id="quick-add-lines-error" className="field-error">
          {nothing}
        </span>
      ) : null}
      {result?.message ? (
        <p role="status" className="notice">
          {result.message}
        </p>
      ) : null}
      {problems.length ? (
        <div id="quick-add-problems" role="alert" className="field-error">
          <p>These lines were not added; correct them and add again:</p>
          <ul>
            {problems.map((problem) => (
              <li key={problem.line}>
                <span className="mono">{problem.line}</span> — {problem.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <button type="submit" className="button button--secondary">
        Add to list
      </button>
    </Form>
  );
}
