import { useActionData, useFormAction, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { focusHeading } from "./focus";

/**
 * What every action answers about a form it did not accept (or, for forms that stay on the page,
 * did accept): the one shape the form components read. No zod here: this module ships to the
 * browser.
 */
export type FormResult = {
  status: "success" | "error";
  /** Which form of the page this answers, when a page has several (the form's `intent`). */
  intent?: string;
  /** The first message for each field, by field name (dotted for nested fields). */
  fieldErrors: Record<string, string>;
  /** A message about the whole form, shown above it. */
  formError?: string;
  /** What was typed, to show again. Files are never sent back. */
  values: Record<string, string>;
  /** A short confirmation, for forms that stay on the page. */
  message?: string;
};

/** HTML constraints of a form's fields, derived on the server from the same schema that checks them. */
export type FieldConstraint = {
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
};
export type Constraints = Record<string, FieldConstraint>;

/**
 * The action's answer for this page's form, or for one form of it when `intent` is given.
 * Actions return `FormResult` (or throw/redirect), so nothing here needs a cast.
 */
export function useFormResult(intent?: string): FormResult | undefined {
  const result = useActionData<FormResult>();
  if (!result || typeof result !== "object" || !("fieldErrors" in result)) return undefined;
  if (intent !== undefined && result.intent !== intent) return undefined;
  return result;
}

/** What an error summary lists of a refused form: the form's own message first (`form`), then each field's. */
export const errorsOf = (result: FormResult | undefined): Record<string, string> =>
  result?.formError ? { form: result.formError, ...result.fieldErrors } : (result?.fieldErrors ?? {});

/** What a form is told when a field the page itself filled in does not check out. */
export const FORM_OUT_OF_DATE = "This form is out of date: reload the page and try again.";

/**
 * A refused answer of a row's form (one that sends `field`, the row's id) that no form of the page
 * has now (`ids`: the rows whose forms are drawn): the row went meanwhile (decided, removed or
 * deleted on another page), the person may no longer act on it, or the id was forged. Its message
 * goes above the list, or nobody would see it; a refusal at a field of the form that is gone says
 * the form is out of date.
 */
export function unclaimed(result: FormResult | undefined, field: string, ids: readonly (number | string)[]) {
  const id = result?.values[field];
  if (!result || result.status !== "error" || id === undefined || ids.some((row) => String(row) === id))
    return undefined;
  return { ...result, formError: result.formError ?? FORM_OUT_OF_DATE };
}

/** What to show in a field: what was typed if the form came back, else the stored value. */
export function typedOr(result: FormResult | undefined, name: string, stored: string | number | null | undefined) {
  if (result && name in result.values) return result.values[name];
  return stored == null ? "" : String(stored);
}

/**
 * Whether a form of this page is being sent (or its answer loaded): for pending buttons and
 * spinners. `intent` narrows it to one form of the page; `formAction` to one action URL.
 */
export function useIsPending({
  intent,
  formAction,
  formMethod = "POST",
  state = "non-idle",
}: {
  intent?: string;
  formAction?: string;
  formMethod?: "POST" | "GET";
  state?: "submitting" | "loading" | "non-idle";
} = {}) {
  const currentAction = useFormAction();
  const navigation = useNavigation();
  const inState = state === "non-idle" ? navigation.state !== "idle" : navigation.state === state;
  return (
    inState &&
    navigation.formMethod === formMethod &&
    navigation.formAction === (formAction ?? currentAction) &&
    (intent === undefined || navigation.formData?.get("intent") === intent)
  );
}

/**
 * When a list's rows drop in number (a line removed from its own row's form, which goes with it),
 * the focus would be left on the page itself: it goes to the list's heading, which says how many
 * are left (`headingId`, made focusable).
 */
export function useFocusWhenFewer(count: number, headingId: string) {
  const before = useRef(count);
  useEffect(() => {
    const fewer = count < before.current;
    before.current = count;
    if (!fewer) return;
    focusHeading(document.getElementById(headingId) ?? document.querySelector<HTMLElement>("main h1"));
  }, [count, headingId]);
}
