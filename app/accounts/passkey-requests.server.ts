import type { z } from "zod";
import { readText, sentAs } from "~/lib/request-body.server";
import { PASSKEY_BODY_MAX_BYTES } from "./passkey-rules";

/** What a passkey resource route answers when it refuses: a 4xx with a sentence the page shows. */
export const refusal = (error: string, status: 400 | 403 | 409 | 413 | 415 | 429 = 400) =>
  Response.json({ error }, { status });

/**
 * Reads a passkey resource route's JSON body: JSON only, size-limited, checked against `schema`.
 * Anything else is thrown as a 4xx answer with a message (never a 500).
 */
export async function readPasskeyBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  if (!sentAs(request, "application/json")) throw refusal("Send the passkey as JSON.", 415);
  let json: unknown;
  try {
    json = JSON.parse(await readText(request, PASSKEY_BODY_MAX_BYTES));
  } catch (error) {
    if (error instanceof Response)
      throw refusal(
        error.status === 413 ? "That is too large for a passkey." : "The passkey could not be read.",
        error.status === 413 ? 413 : 400,
      );
    throw refusal("The passkey could not be read: it is not JSON.");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw refusal("The passkey could not be read: it is not what a browser sends.");
  return parsed.data;
}
