import pino from "pino";

// The ISO time, written once per millisecond: a worker under load logs several lines in each.
let stampedAt = 0;
let stamp = "";
function isoTime() {
  const now = Date.now();
  if (now !== stampedAt) {
    stampedAt = now;
    stamp = `,"time":"${new Date(now).toISOString()}"`;
  }
  return stamp;
}

/**
 * What the server writes: one JSON object per line. Requests and events go to stdout through
 * pino's asynchronous destination, in writes of 4 KB or more (about 30 request lines), and at
 * least once a second and when the process exits, however it exits but killed: a write per line
 * made a cached page cost the server 63–81 µs of CPU instead of 55–60. Errors go to stderr at
 * once. Neither holds IPs, e-mails or bodies.
 */
const options: pino.LoggerOptions = {
  base: undefined,
  timestamp: isoTime,
  formatters: { level: (label) => ({ level: label }) },
};
const stdout = pino.destination({ dest: 1, sync: false, minLength: 4096 });
export const log = pino(options, stdout);
export const errorLog = pino(options, pino.destination({ dest: 2, sync: true }));
setInterval(() => stdout.flush(), 1000).unref();
process.once("exit", () => {
  try {
    stdout.flushSync();
  } catch {
    // nothing was written yet
  }
});

/** Request paths as logged: no query string, and no private link tokens (status pages, orders). */
export function loggedPath(rawUrl: string | undefined) {
  const path = (rawUrl ?? "/").split("?")[0].slice(0, 300);
  return path.replace(/^\/(quotes|orders)\/[^/]+/, "/$1/:token");
}

const requestsLogged = process.env.LOG_REQUESTS !== "0";

/** One line per request: what happened and how long it took, nothing about who asked. */
export function logRequest(
  request: { id: string; method: string | undefined; url: string | undefined; status: number; started: bigint },
  cache: "hit" | undefined,
) {
  if (!requestsLogged) return;
  const ms = Math.round((Number(process.hrtime.bigint() - request.started) / 1e6) * 10) / 10;
  const { id, method, url, status } = request;
  log.info({ id, method, path: loggedPath(url), status, ms, ...(cache && { cache }) });
}
