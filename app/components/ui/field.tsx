import { useActionData } from "@remix-run/react";
import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  type InputHTMLAttributes,
  type ReactNode,
  type RefObject,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import type { FormResult } from "~/lib/forms";

type Common = { id: string; label: ReactNode; error?: string; hint?: ReactNode };

/** Label, hint, error at the field, and the ARIA wiring between them. */
function FieldShell({ id, label, error, hint, children }: Common & { children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span id={`${id}-hint`} className="muted">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : null}
      {children}
    </div>
  );
}

const described = ({ id, error, hint }: Common) => ({
  "aria-invalid": error ? true : undefined,
  "aria-describedby": [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(" ") || undefined,
});

export function TextField({ id, label, error, hint, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      {/* A text field says so: checkers match an autocomplete token against the declared type. */}
      <input id={id} type="text" {...described({ id, label, error, hint })} {...input} />
    </FieldShell>
  );
}

export function TextAreaField({
  id,
  label,
  error,
  hint,
  ...textarea
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <textarea id={id} {...described({ id, label, error, hint })} {...textarea} />
    </FieldShell>
  );
}

export function SelectField({
  id,
  label,
  error,
  hint,
  options,
  ...select
}: Common &
  SelectHTMLAttributes<HTMLSelectElement> & { options: readonly (readonly [value: string, label: string])[] }) {
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <select id={id} {...described({ id, label, error, hint })} {...select}>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** What a form's answer says of the form as a whole (not of one field), where the form is. */
export function FormError({ result }: { result: FormResult | undefined }) {
  return result?.formError ? (
    <p className="field-error" role="alert">
      {result.formError}
    </p>
  ) : null;
}

// Before the browser paints: nothing typed once the summary shows can land anywhere but where it was typed.
const useBeforePaint = typeof document === "undefined" ? useEffect : useLayoutEffect;

/**
 * The GOV.UK error summary: what is wrong, each linking to its field (`#<fieldIdPrefix><key>`;
 * `form` is the form's own message, said without a link). It takes the focus when it appears and
 * at each new answer of the page's form, so after a refused form a keyboard or screen-reader user
 * starts from what is wrong rather than from the top of the page. `children`: more to say under
 * the list.
 */
export function ErrorSummary({
  errors,
  labels,
  fieldIdPrefix = "",
  children,
}: {
  errors: Record<string, string>;
  labels?: Record<string, string>;
  fieldIdPrefix?: string;
  children?: ReactNode;
}) {
  const summary = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const keys = Object.keys(errors);
  const said = keys.map((key) => `${key}: ${errors[key]}`).join("\n");
  // A form refused again the same way is a new answer: the focus comes back here for it too.
  const answer = useActionData();
  useBeforePaint(() => {
    if (said) summary.current?.focus();
  }, [said, answer]);
  if (!keys.length) return null;
  return (
    <div
      className="error-summary"
      role="alert"
      tabIndex={-1}
      ref={summary}
      aria-labelledby={titleId}
      // eslint-disable-next-line jsx-a11y/no-autofocus -- a refused form's page, as the server sends it (no JavaScript), starts at what is wrong
      autoFocus
    >
      <h2 id={titleId}>There is a problem</h2>
      <ul>
        {keys.map((key) => (
          <li key={key}>
            {key === "form" ? (
              errors[key]
            ) : (
              <a href={`#${fieldIdPrefix}${key}`}>
                {labels?.[key] ? `${labels[key]}: ` : ""}
                {errors[key]}
              </a>
            )}
          </li>
        ))}
      </ul>
      {children}
    </div>
  );
}

/**
 * A form with no error summary (a field or two): when its answer refuses, its first field marked
 * invalid takes the focus, so a screen reader says the field, that it is invalid and its message
 * (`aria-describedby`), and the keyboard is where the fix goes. A refusal of something outside the
 * form (a quote's choices, above its accept buttons) focuses the first such field of the page.
 */
export function useFocusOnRefusal(form: RefObject<HTMLFormElement | null>, result: FormResult | undefined) {
  useBeforePaint(() => {
    if (!result || !Object.keys(result.fieldErrors).length) return;
    const invalid = '[aria-invalid="true"]';
    (
      form.current?.querySelector<HTMLElement>(invalid) ?? document.querySelector<HTMLElement>(`main ${invalid}`)
    )?.focus();
  }, [result]);
  return firstRefused(result);
}

/**
 * Whether a field is the one a refused form's page, as the server sends it, gives the focus to
 * (`autoFocus`): without JavaScript, no effect runs, and the browser starts from the top of the
 * page. The first field the answer refuses (a line of it, `lines.2`, is the field's); one field,
 * as HTML allows one `autofocus`.
 */
export const firstRefused = (result: FormResult | undefined) => {
  const [first] = Object.keys(result?.fieldErrors ?? {});
  return (name: string): true | undefined =>
    first !== undefined && (first === name || first.startsWith(`${name}.`)) ? true : undefined;
};
