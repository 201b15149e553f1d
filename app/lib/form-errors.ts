import type { z } from "zod";

/** The first message for each field (dotted path for nested fields), for showing at the field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[issue.path.length ? issue.path.join(".") : "form"] ??= issue.message;
  return errors;
}

/** The form's fields as typed, to show them again beside the errors. */
export function typedValues(form: URLSearchParams, omit: readonly string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form) if (!omit.includes(key)) values[key] = value;
  return values;
}
