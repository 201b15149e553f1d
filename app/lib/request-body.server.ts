/** Reads a url-encoded form body, refusing anything larger than `maxBytes` with a 413. */
export async function readForm(request: Request, maxBytes = 64 * 1024): Promise<URLSearchParams> {
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > maxBytes) throw new Response("Request body too large", { status: 413 });
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded")) {
    throw new Response("Unsupported form encoding", { status: 415 });
  }
  return new URLSearchParams(await readText(request, maxBytes));
}

/**
 * Reads a body as text exactly as it was sent (a signed webhook is verified over these bytes),
 * refusing anything larger than `maxBytes` with a 413 while reading, whatever Content-Length says.
 */
export async function readText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > maxBytes) throw new Response("Request body too large", { status: 413 });
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new Response("Request body too large", { status: 413 });
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}
