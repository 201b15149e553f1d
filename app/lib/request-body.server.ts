/** Whether the request's body is of media type `type` (lower case), as its Content-Type says in any case. */
export const sentAs = (
  request: Request,
  type: "application/x-www-form-urlencoded" | "multipart/form-data" | "application/json",
) => (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith(type);

/**
 * What a person is told of a form too large to read: its fields cannot be shown again (they were
 * not read). Each route's limit holds its fields at their `maxLength` in any script (up to nine
 * bytes a character, sent url-encoded), so only a client past them meets it.
 */
const formTooLarge = (maxBytes: number) =>
  `The form was too large to send (over ${Math.round(maxBytes / 1024)} KB): shorten the longest field, then send it again.`;

/** Reads a url-encoded form body, refusing anything larger than `maxBytes` with a 413. */
export async function readForm(request: Request, maxBytes = 64 * 1024): Promise<URLSearchParams> {
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > maxBytes) throw new Response(formTooLarge(maxBytes), { status: 413 });
  if (!sentAs(request, "application/x-www-form-urlencoded")) {
    throw new Response("Unsupported form encoding", { status: 415 });
  }
  return new URLSearchParams(await readText(request, maxBytes, formTooLarge(maxBytes)));
}

/**
 * Reads a body as text exactly as it was sent (a signed webhook is verified over these bytes),
 * refusing anything larger than `maxBytes` with a 413 while reading, whatever Content-Length says.
 */
export async function readText(
  request: Request,
  maxBytes: number,
  tooLarge = "Request body too large",
): Promise<string> {
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > maxBytes) throw new Response(tooLarge, { status: 413 });
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Left unread, not cancelled: cancelling the source would destroy the socket before the
      // 413 could be sent (as `limitBody` says).
      reader.releaseLock();
      throw new Response(tooLarge, { status: 413 });
    }
    chunks.push(value);
  }
  // Browsers send forms as UTF-8; bytes that are not would be stored as U+FFFD replacement marks.
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new Response("The form could not be read: it is not UTF-8 text.", { status: 400 });
  }
}

/**
 * The same request with a body that fails once more than `maxBytes` have arrived, whatever the
 * Content-Length said (a chunked upload declares none). `exceeded()` tells the caller why the
 * body broke off, so it can answer 413 instead of a parse error.
 */
export function limitBody(request: Request, maxBytes: number) {
  let size = 0;
  let exceeded = false;
  const body = request.body?.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > maxBytes) {
          exceeded = true;
          controller.error(new Error("Request body too large"));
        } else controller.enqueue(chunk);
      },
    }),
    // Cancelling the source would destroy the socket before the 413 could be sent.
    { preventCancel: true },
  );
  const limited = new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body,
    duplex: "half",
  } as RequestInit);
  return { request: limited, exceeded: () => exceeded };
}
