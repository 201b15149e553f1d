import { data } from "@remix-run/node";
import { z } from "zod";
import { FORM_OUT_OF_DATE, type Constraints, type FormResult } from "./forms";
import { blankIfInvisible, showable } from "./plain-text";

type FormLike = URLSearchParams | FormData;

/**
 * The form's text fields as sent (files left out). A field sent twice counts as first sent, as
 * `get` reads it and as a multipart body is read (`readUpload`): one value for every reader. A
 * field with nothing visible in it is empty (`blankIfInvisible`).
 */
function fieldsOf(form: FormLike, omit: readonly string[]) {
  const fields: Record<string, string> = {};
  for (const [key, value] of form)
    if (typeof value === "string" && !omit.includes(key) && !Object.hasOwn(fields, key))
      fields[key] = blankIfInvisible(value);
  return fields;
}

/** The form's text fields as typed (files left out), to show them again beside the errors (`showable`). */
export function typedValues(form: FormLike, omit: readonly string[] = []): Record<string, string> {
  return Object.fromEntries(Object.entries(fieldsOf(form, omit)).map(([key, value]) => [key, showable(value)]));
}

/** The first message for each field (dotted path for nested fields); issues of the whole form under "form". */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[issue.path.length ? issue.path.join(".") : "form"] ??= issue.message;
  return errors;
}

export type Parsed<T> =
  | { status: "success"; data: T; intent?: string; values: Record<string, string> }
  | (FormResult & { status: "error"; data?: undefined });

/**
 * Checks a form against its schema: the one way actions read a form. For a page with several
 * forms, the schema is a `z.discriminatedUnion("intent", …)` and the result says which form it was.
 * `extra` adds values that are not typed by the user (the route's own ids), checked with the rest.
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  form: FormLike,
  { omit = [], extra = {} }: { omit?: readonly string[]; extra?: Record<string, unknown> } = {},
): Parsed<z.output<S>> {
  const values = typedValues(form, omit);
  const intent = values.intent;
  // Every field a buyer types in has its own message in the schema; what has none is a field the
  // page sent itself (an id, an `intent`), so the form as a whole was forged or is out of date.
  const parsed = schema.safeParse({ ...fieldsOf(form, omit), ...extra }, { error: () => FORM_OUT_OF_DATE });
  if (parsed.success) return { status: "success", data: parsed.data, intent, values };
  const { form: formError, ...errors } = fieldErrorsOf(parsed.error);
  const atFields = Object.fromEntries(Object.entries(errors).filter(([, message]) => message !== FORM_OUT_OF_DATE));
  const outOfDate = Object.keys(atFields).length < Object.keys(errors).length;
  return {
    status: "error",
    intent,
    fieldErrors: atFields,
    formError: formError ?? (outOfDate ? FORM_OUT_OF_DATE : undefined),
    values,
  };
}

/** A form sent back with a message about the whole of it (a conflict, a refusal by the model). */
export function formErrorResult(
  values: Record<string, string>,
  formError: string,
  { intent, fieldErrors = {} }: { intent?: string; fieldErrors?: Record<string, string> } = {},
): FormResult {
  return { status: "error", intent, fieldErrors, formError, values };
}

/**
 * The action's answer for a form it did not accept: the result, with a 4xx status, and its
 * values as a page can show them again (`showable`), however they were read.
 */
export function invalid(
  result: FormResult,
  status: 400 | 403 | 404 | 409 | 413 | 415 | 422 | 429 = 400,
  headers?: HeadersInit,
) {
  const values = Object.fromEntries(Object.entries(result.values).map(([key, value]) => [key, showable(value)]));
  return data<FormResult>({ ...result, values, status: "error" }, { status, headers });
}

const constraintCache = new WeakMap<z.ZodType, Constraints>();

/**
 * `required`, `minLength`, `maxLength`, `min` and `max` of each field, read from the schema that
 * checks the form, for loaders to hand to the page (zod stays on the server). For a union of
 * forms the constraints of every member are merged by field name.
 */
export function constraintsOf(schema: z.ZodType): Constraints {
  const cached = constraintCache.get(schema);
  if (cached) return cached;
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const constraints: Constraints = {};
  for (const member of json.oneOf ?? json.anyOf ?? [json]) {
    const required = new Set(member.required ?? []);
    for (const [name, field] of Object.entries(member.properties ?? {})) {
      if (field.const !== undefined) continue;
      const constraint = (constraints[name] ??= {});
      const textRequired = field.type !== "string" || (field.minLength ?? 0) > 0 || field.enum !== undefined;
      if (required.has(name) && textRequired) constraint.required = true;
      if (field.minLength !== undefined) constraint.minLength = field.minLength;
      if (field.maxLength !== undefined) constraint.maxLength = field.maxLength;
      if (field.minimum !== undefined) constraint.min = field.minimum;
      if (field.maximum !== undefined) constraint.max = field.maximum;
    }
  }
  constraintCache.set(schema, constraints);
  return constraints;
}

type JsonField = {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
};
type JsonObject = { properties?: Record<string, JsonField>; required?: string[] };
type JsonSchema = JsonObject & { oneOf?: JsonObject[]; anyOf?: JsonObject[] };
