import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { limitBody } from "./request-body.server";

export type MultipartForm = { ok: true; form: FormData } | { ok: false; field: string; error: string };

/**
 * Reads a multipart form into memory, refusing a body larger than `maxBytes` (413, whatever
 * Content-Length said) and any one part larger than `maxPartBytes` (reported against that field,
 * so the form can say so). A body that is not well-formed multipart, such as an upload cut off
 * half-way, is a 400.
 */
export async function readMultipartForm(request: Request, { maxBytes, maxPartBytes }: { maxBytes: number; maxPartBytes: number }): Promise<MultipartForm> {
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    throw new Response("Unsupported form encoding", { status: 415 });
  }
  if (Number(request.headers.get("Content-Length") ?? 0) > maxBytes) throw new Response("Request body too large", { status: 413 });
  const limited = limitBody(request, maxBytes);
  try {
    const form = await unstable_parseMultipartFormData(limited.request, unstable_createMemoryUploadHandler({ maxPartSize: maxPartBytes }));
    return { ok: true, form };
  } catch (error) {
    if (limited.exceeded()) throw new Response("Request body too large", { status: 413 });
    if (error instanceof MaxPartSizeExceededError) {
      return { ok: false, field: error.field, error: `Too large: at most ${Math.round(maxPartBytes / 1024 / 1024)} MB` };
    }
    throw new Response("The form could not be read; please send it again.", { status: 400 });
  }
}

/** The text fields of a form, without files. */
export function textFields(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === "string" && !(key in values)) values[key] = value;
  return values;
}
