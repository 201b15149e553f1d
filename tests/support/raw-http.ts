import http from "node:http";

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/**
 * One HTTP request with the request target sent byte for byte (fetch would normalise `//x`,
 * `\` and bad %-escapes before they reach the server, which is exactly what must be tested).
 */
export function rawRequest(
  origin: string,
  target: string,
  {
    method = "GET",
    headers = {},
    body,
    agent = false,
  }: { method?: string; headers?: Record<string, string>; body?: Buffer | string; agent?: http.Agent | false } = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        hostname,
        port,
        method,
        path: target,
        agent,
        headers: { ...(body !== undefined && { "Content-Length": String(Buffer.byteLength(body)) }), ...headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/**
 * A chunked upload (no Content-Length) written a megabyte at a time until the server answers:
 * how many bytes had gone out by then shows whether the limit held while the body streamed.
 */
export function streamUntilAnswered(
  origin: string,
  target: string,
  headers: Record<string, string>,
  parts: Iterable<Buffer>,
) {
  const { hostname, port } = new URL(origin);
  return new Promise<{ status: number; body: string; sentBytes: number }>((resolve, reject) => {
    let sentBytes = 0;
    let answered = false;
    const request = http.request(
      {
        hostname,
        port,
        method: "POST",
        path: target,
        agent: false,
        headers: { ...headers, "Transfer-Encoding": "chunked" },
      },
      (response) => {
        answered = true;
        const atAnswer = sentBytes;
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        // The connection broke before the answer's end (a reset): fail now, not at the test's timeout.
        response.on("error", reject);
        response.on("end", () => {
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString(), sentBytes: atAnswer });
          request.destroy();
        });
      },
    );
    request.on("error", (error) => (answered ? undefined : reject(error)));
    (async () => {
      for (const part of parts) {
        for (let at = 0; at < part.length && !answered; at += 1024 * 1024) {
          const chunk = part.subarray(at, at + 1024 * 1024);
          sentBytes += chunk.length;
          if (!request.write(chunk)) await new Promise((r) => request.once("drain", r));
        }
        if (answered) return;
      }
      request.end();
    })().catch(() => undefined);
  });
}
