import crypto from "node:crypto";
import http from "node:http";
import type { Duplex } from "node:stream";
import { policyFor, STATIC_FILE_POLICY } from "~/lib/policy";
import { createApp } from "./app";
import { loadBuild } from "./build";
import { HEADERS_TIMEOUT_MS, LONGEST_REQUEST_MS, hasBody, limitBody } from "./limits";
import { errorLog, log, logRequest } from "./log";
import { applyPolicyHeaders } from "./policy-headers";
import {
  hasPlainPath,
  hasReadableUrl,
  isLegacyDataRequest,
  METHODS,
  NOT_FOUND,
  UNREADABLE,
  withEscapedQuery,
} from "./request-target";
import { nonceOf, securityHeaders } from "./security-headers";

type Answer = { status: number; headers: [string, string][]; body: Buffer | Buffer[] | string | null };

/**
 * One worker: checks every request's target and method, gives each response its request id,
 * security headers and the policy's headers, answers files under public/ and page-cache hits
 * from memory (no middleware, no Fetch API objects), and hands the rest to Express.
 */
export async function serve() {
  const build = await loadBuild();
  const { closeDatabase, lookupCachedPage, lookupStaticFile, startBackgroundJobs, checkoutOrigins } =
    build.entry.module;
  startBackgroundJobs();
  const port = Number(process.env.PORT ?? 3000);
  const trustProxy = process.env.TRUST_PROXY === "1";
  const secure = securityHeaders({
    production: process.env.NODE_ENV === "production",
    checkoutOrigins: checkoutOrigins(),
  });
  const app = createApp(build, { trustProxy });

  // Node checks these deadlines every connectionsCheckingInterval (30 s by default).
  const timeouts = {
    headersTimeout: HEADERS_TIMEOUT_MS,
    requestTimeout: LONGEST_REQUEST_MS,
    connectionsCheckingInterval: 1_000,
  };
  const server = http.createServer(timeouts, (req, res) => {
    const started = process.hrtime.bigint();
    const id = crypto.randomUUID();
    res.setHeader("X-Request-Id", id);
    secure(req, res);
    if (hasBody(req)) limitBody(req, res);
    res.on("finish", () => {
      const cache = res.getHeader("x-page-cache") === "HIT" ? "hit" : undefined;
      logRequest({ id, method: req.method, url: req.url, status: res.statusCode, started }, cache);
    });

    if (!hasReadableUrl(req, trustProxy) || !hasPlainPath(req.url ?? "")) {
      return send(res, { status: 400, headers: [["Content-Type", "text/plain; charset=utf-8"]], body: UNREADABLE });
    }
    if (!METHODS.includes(req.method ?? "")) {
      const headers: [string, string][] = [
        ["Content-Type", "text/plain; charset=utf-8"],
        ["Allow", METHODS.join(", ")],
      ];
      return send(res, { status: 405, headers, body: "This method is not allowed here." });
    }
    req.url = withEscapedQuery(req.url ?? "/");
    if (isLegacyDataRequest(req.url)) {
      return send(res, { status: 404, headers: [["Content-Type", "text/plain; charset=utf-8"]], body: NOT_FOUND });
    }
    const path = req.url.split("?")[0];
    const head = req.method === "HEAD";
    if (req.method === "GET" || head) {
      const file = lookupStaticFile(path, {
        acceptEncoding: req.headers["accept-encoding"],
        ifNoneMatch: req.headers["if-none-match"],
        head,
      });
      if (file) {
        applyPolicyHeaders(res, STATIC_FILE_POLICY);
        return send(res, file);
      }
    }
    applyPolicyHeaders(res, policyFor(path));
    if (req.method !== "GET" && !head) return app(req, res);
    const hit = lookupCachedPage(req.url ?? "/", {
      nonce: nonceOf(res),
      ifNoneMatch: req.headers["if-none-match"] ?? null,
      head,
      acceptEncoding: req.headers["accept-encoding"],
      cookie: req.headers.cookie,
    });
    if (!hit) return app(req, res);
    // The browser keeps its copy's CSP: a new nonce would not match the copy's scripts.
    if (hit.status === 304) res.removeHeader("Content-Security-Policy");
    send(res, hit);
  });
  function send(res: http.ServerResponse, { status, headers, body }: Answer) {
    res.statusCode = status;
    for (const [name, value] of headers) res.setHeader(name, value);
    if (!Array.isArray(body)) return void res.end(body);
    // A cached page's parts go out together, as one write of the socket, and are never copied into one buffer.
    res.cork();
    for (const part of body) res.write(part);
    res.end();
    res.uncork();
  }
  // Node closes an idle keep-alive connection after 5 s; a client (or a proxy) that reuses it at
  // that moment gets a reset instead of an answer. Idle connections are cheap: keep them longer
  // than common proxies do (60 s), so the proxy, not the server, closes them.
  server.keepAliveTimeout = 65_000;
  // CONNECT (a proxy's method) never reaches the handler above: Node hands over the socket, and
  // without an answer it would just be closed.
  server.on("connect", (_req: http.IncomingMessage, socket: Duplex) => {
    socket.end(
      `HTTP/1.1 405 Method Not Allowed\r\nAllow: ${METHODS.join(", ")}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
    );
  });
  server.listen(port, () => log.info({ event: "listening", url: `http://localhost:${port}`, pid: process.pid }));

  // SIGTERM: stop accepting, let requests in flight finish, close the database, exit 0.
  let shuttingDown = false;
  const shutdown = () => {
    if (shuttingDown) return;
    shuttingDown = true;
    server.close(() => {
      closeDatabase();
      process.exit(0);
    });
    // Keep-alive connections would hold the server open: close each one as soon as it is idle,
    // that is now for most and right after its response for those in flight.
    setInterval(() => server.closeIdleConnections(), 100).unref();
    setTimeout(() => {
      errorLog.error({ event: "shutdown_timeout", message: "requests still running after 10 s" });
      process.exit(1);
    }, 10_000).unref();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}
