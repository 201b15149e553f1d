import type http from "node:http";
import { MAX_CATALOG_CSV_MB } from "~/lib/upload-limits";

/**
 * How long a client may take to send a request. Headers: 10 s, plenty on any link. A body: 10 s
 * plus its declared size at 64 KB/s (about 0.5 Mbit/s, a slow ADSL uplink), so a 2 KB form has
 * 10 s, a 51 MB quote request with five drawings 14 min and a 100 MB catalog import (the largest
 * body any form takes) 27 min; a chunked body, whose size is not declared, is allowed that
 * largest one's time. A client that
 * trickles a body (Node's default is 300 s for any request) holds a connection no longer than
 * the honest upload of the size it declared.
 */
export const HEADERS_TIMEOUT_MS = 10_000;
const BODY_BYTES_PER_SECOND = 64 * 1024;
const LARGEST_BODY_BYTES = (MAX_CATALOG_CSV_MB + 1) * 1024 * 1024;
export const LONGEST_REQUEST_MS = HEADERS_TIMEOUT_MS + Math.ceil((LARGEST_BODY_BYTES / BODY_BYTES_PER_SECOND) * 1000);

/** How long after its headers a request's body may take to arrive (see HEADERS_TIMEOUT_MS). */
export function bodyTimeout(req: http.IncomingMessage) {
  const declared = Number(req.headers["content-length"]);
  const bytes =
    req.headers["transfer-encoding"] === undefined && Number.isSafeInteger(declared)
      ? Math.min(declared, LARGEST_BODY_BYTES)
      : LARGEST_BODY_BYTES;
  return HEADERS_TIMEOUT_MS + Math.ceil((bytes / BODY_BYTES_PER_SECOND) * 1000);
}

/**
 * After answering a request whose body is still arriving (an upload refused for its size), the
 * rest of the body is read and thrown away for this long before the connection is dropped.
 * Dropping it at once, with the client's bytes unread, makes the kernel reset the connection and
 * discard whatever of the answer was still queued to go out: the client, still uploading, gets a
 * reset or half a page instead of the 413 that says why (nginx's `lingering_close` does the same).
 */
const LINGER_MS = 5_000;

/**
 * Past the first HEADERS_TIMEOUT_MS, a body must have come at this average rate at least (a
 * 64 kbit/s link), checked every PACE_CHECK_MS: a client trickling a byte at a time, or sending a
 * chunk and then nothing, holds its connection seconds rather than until its deadline (for a
 * chunked body, the largest upload's 27 minutes).
 */
const MIN_BODY_BYTES_PER_SECOND = 8 * 1024;
const PACE_CHECK_MS = 2_000;

/**
 * Guards a request that has a body: one still unfinished at its deadline, or coming slower than
 * MIN_BODY_BYTES_PER_SECOND, is dropped with its connection; and one answered before its end (an
 * upload over the limits) is not served on: the answer says the connection closes, goes out
 * whole, then the connection lingers (LINGER_MS).
 */
export function limitBody(req: http.IncomingMessage, res: http.ServerResponse) {
  const socket = req.socket;
  const deadline = setTimeout(() => !req.complete && socket?.destroy(), bodyTimeout(req)).unref();
  const [startedAt, readBefore] = [Date.now(), socket?.bytesRead ?? 0];
  const pace = setInterval(() => {
    const late = (Date.now() - startedAt - HEADERS_TIMEOUT_MS) / 1000;
    if (late > 0 && !req.complete && socket.bytesRead - readBefore < late * MIN_BODY_BYTES_PER_SECOND) socket.destroy();
  }, PACE_CHECK_MS).unref();
  const done = () => {
    clearTimeout(deadline);
    clearInterval(pace);
  };
  req.once("end", done);
  res.once("close", done);
  res.once("finish", () => clearInterval(pace));
  const writeHead = res.writeHead;
  res.writeHead = function (this: http.ServerResponse, ...args: Parameters<typeof writeHead>) {
    if (!req.complete) {
      this.setHeader("Connection", "close");
      lingerAfterAnswer(req);
    }
    return writeHead.apply(this, args);
  } as typeof writeHead;
}

/**
 * Node closes a connection marked to close with `socket.destroySoon()` once the answer is
 * written: here that becomes a half-close (the answer, then FIN) while what the client still
 * sends is read and discarded, until it closes its end or LINGER_MS have passed.
 */
function lingerAfterAnswer(req: http.IncomingMessage) {
  const socket = req.socket;
  socket.destroySoon = function (this: typeof socket) {
    this.end();
    req.removeAllListeners("data");
    req.resume();
    setTimeout(() => this.destroy(), LINGER_MS).unref();
  };
}

/** Whether a request carries a body (a request without one is complete while it is answered). */
export function hasBody(req: http.IncomingMessage) {
  return Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;
}
