import { Form } from "@remix-run/react";
import type { QuickAddProblem } from "~/models/quote-list.server";

/** The order pad: "part-number quantity" per line. Lines that failed come back to be fixed. */
export function QuickAddForm({ problems, added }: { problems?: QuickAddProblem[]; added?: number }) {
  return (
    <Form method="post" className="panel" aria-labelledby="quick-add-heading">
      <h2 id="quick-add-heading">Quick add by part number</h2>
      <input type="hidden" name="intent" value="quick-add" />
      <label htmlFor="quick-add-lines">One part number per line, then the quantity (for example: PG63-SS-16B 20)</label>
      <textarea
        id="quick-add-lines"
        name="lines"
        rows={5}
        maxLength={20000}
        defaultValue={problems?.map((p) => p.line).join("\n")}
        aria-invalid={problems?.length ? true : undefined}
        aria-describedby={problems?.length ? "quick-add-problems" : undefined}
        className="mono"
      />
      {added ? (
        <p role="status" className="notice">
          Added {added} {added === 1 ? "line" : "lines"} to the list.
        </p>
      ) : null}
      {problems?.length ? (
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
