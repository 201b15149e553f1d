// Production server: Remix behind Express, one worker per core (WEB_CONCURRENCY), with
// compression, security headers, a fresh CSP nonce per request, and two answers given before
// Express: the files under public/ (held in memory, compressed once) and the page cache.
import cluster from "node:cluster";
import crypto from "node:crypto";
import http from "node:http";
import os from "node:os";
import zlib from "node:zlib";
import { createRequestHandler as createExpressHandler } from "@remix-run/express";
import { createRequestHandler as createFetchHandler } from "@remix-run/node";
import compression from "compression";
import express from "express";

const workers = Math.max(1, Number(process.env.WEB_CONCURRENCY ?? os.availableParallelism()));

/** Exit code of a worker whose environment is invalid: restarting it would not help. */
const EXIT_CONFIG = 78;

if (cluster.isPrimary && workers > 1) {
  let stopping = false;
  let quickExits = 0;
  const forkedAt = new Map();
  // A young generation of 2 MB semi-spaces instead of V8's 16 MB: under 50 concurrent
  // connections, paired runs peaked at 200-243 MB per worker instead of 232-265 MB, at the same
  // request counts. An operator's own --max-semi-space-size wins.
  if (![...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((arg) => arg.includes("--max-semi-space-size"))) {
    cluster.setupPrimary({ execArgv: [...process.execArgv, "--max-semi-space-size=2"] });
  }
  const fork = () => forkedAt.set(cluster.fork().id, Date.now());
  for (let i = 0; i < workers; i++) fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    if (code === EXIT_CONFIG) {
      // The worker has printed what is wrong with the environment; every other worker would too.
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill("SIGTERM");
      process.exit(EXIT_CONFIG);
    }
    console.error(JSON.stringify({ event: "worker_exit", pid: worker.process.pid, code, signal }));
    // A worker that dies right after starting (port taken, bad build) would die again: give up.
    if (Date.now() - forkedAt.get(worker.id) < 5_000 && ++quickExits >= workers * 2) {
      console.error("Workers keep failing at start-up; stopping.");
      process.exit(1);
    }
    fork();
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), 11_000).unref();
    cluster.on("exit", () => Object.keys(cluster.workers ?? {}).length === 0 && process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} else {
  await serve();
}

/**
 * Loads the server build. Its modules validate the environment and open the database on import:
 * a bad setting ends the process with one clear message instead of a stack trace.
 */
async function loadBuild() {
  try {
    return await import("./build/index.js");
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.startsWith("Invalid environment")) {
      console.error(`IronAxis cannot start. ${message}\nFix these variables (see README, "Configuration") and start again.`);
      process.exit(EXIT_CONFIG);
    }
    if (error?.code === "ERR_MODULE_NOT_FOUND" && /build[\\/]index\.js/.test(message)) {
      console.error("IronAxis cannot start: no server build. Run `npx remix build` first.");
      process.exit(1);
    }
    console.error(`IronAxis cannot start: ${message}`);
    process.exit(1);
  }
}

/** Request paths as logged: no query string, and no private link tokens (status pages, orders). */
function loggedPath(rawUrl) {
  const path = (rawUrl ?? "/").split("?")[0].slice(0, 300);
  return path.replace(/^\/(quotes|orders)\/[^/]+/, "/$1/:token");
}

/** One JSON line per request: what happened and how long it took, nothing about who asked. */
function logRequest(id, method, rawUrl, status, started, cache) {
  if (process.env.LOG_REQUESTS === "0") return;
  const ms = Math.round((Number(process.hrtime.bigint() - started) / 1e6) * 10) / 10;
  const line = { time: new Date().toISOString(), id, method, path: loggedPath(rawUrl), status, ms };
  if (cache) line.cache = cache;
  pendingLog += `${JSON.stringify(line)}\n`;
  if (pendingLog.length > 64 * 1024) flushLog();
  else if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flushLog);
  }
}

// Lines are written in batches, one write per turn of the event loop rather than one per request:
// under load that is a large share of the cost of serving a cached page.
let pendingLog = "";
let flushScheduled = false;
function flushLog() {
  flushScheduled = false;
  if (!pendingLog) return;
  process.stdout.write(pendingLog);
  pendingLog = "";
}

const UNREADABLE = "That address or request could not be read.";

/**
 * Whether the request's target and host make a URL, as Express and Remix will build one: a
 * path (not "*" or a full URL), and a host (the proxy's forwarded one too, when trusted) that
 * parses and carries no user name.
 */
function hasReadableUrl(req) {
  if (!req.url?.startsWith("/")) return false;
  const hosts = [req.headers.host];
  if (process.env.TRUST_PROXY === "1") hosts.push(req.headers["x-forwarded-host"]?.split(",")[0].trim());
  for (const host of hosts) {
    if (host === undefined) continue;
    try {
      const url = new URL(req.url, `http://${host}`);
      if (url.username || url.password) return false;
    } catch {
      return false;
    }
  }
  return true;
}

async function serve() {
  const build = await loadBuild();
  const { cachedPage, closeDatabase, isPublicPage, lookupCachedPage, lookupStaticFile, startBackgroundJobs } = build.entry.module;
  startBackgroundJobs();
  const port = Number(process.env.PORT ?? 3000);
  const production = process.env.NODE_ENV === "production";
  const newNonce = () => crypto.randomBytes(16).toString("base64");
  const handleFetch = createFetchHandler(build, build.mode);

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", process.env.TRUST_PROXY === "1");
  app.use(compression());
  const securityHeaders = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(production && { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" }),
  };
  app.use((req, res, next) => {
    res.set(securityHeaders);
    next();
  });
  // A form posted from another origin is refused here with 403 (Remix itself would answer 500).
  app.use((req, res, next) => {
    const origin = req.get("origin");
    if (!origin || !["POST", "PUT", "PATCH", "DELETE"].includes(req.method)) return next();
    const host = req.get("x-forwarded-host")?.split(",")[0].trim() || req.get("host");
    let originHost = "invalid";
    try {
      originHost = new URL(origin).host;
    } catch {}
    if (originHost !== host) return res.status(403).type("text/plain").send("Cross-site request refused");
    next();
  });

  // Public pages: from the page cache (rendered once per content version).
  app.use(async (req, res, next) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || !isPublicPage(req.path)) return next();
    try {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers.set(name, value);
      }
      const request = new Request(new URL(req.originalUrl, `http://${req.get("host") ?? "localhost"}`), { method: req.method, headers });
      // The page is always rendered as a GET: Remix answers a HEAD with no body, and that empty
      // page would be stored and handed to every later GET of the URL.
      const render = (context) => handleFetch(new Request(request.url, { method: "GET", headers: request.headers }), context);
      const response = await cachedPage(request, render, newNonce());
      res.status(response.status);
      for (const [name, value] of response.headers) res.setHeader(name, value);
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      next(error);
    }
  });

  // Everything personal or written (quote list, forms): rendered per request, never stored.
  // A route's own header replaces the default of the same name: Remix's adapter appends, and
  // Express would then send both values.
  const defaults = new Set([...Object.keys(securityHeaders), "Cache-Control"].map((name) => name.toLowerCase()));
  app.use((req, res, next) => {
    res.set("Cache-Control", "private, no-store");
    const append = res.append.bind(res);
    res.append = (name, value) => (defaults.has(name.toLowerCase()) ? res.set(name, value) : append(name, value));
    next();
  });
  app.all("*", createExpressHandler({ build, mode: build.mode, getLoadContext: (req) => ({ cspNonce: newNonce(), clientIp: req.ip }) }));
  // Express's own errors (a malformed %-escape in the path, a broken body): a short answer, no stack.
  app.use((error, req, res, _next) => {
    const status = Number(error?.status ?? error?.statusCode) || 500;
    if (status >= 500) console.error(JSON.stringify({ event: "request_error", id: res.getHeader("X-Request-Id"), message: String(error?.message ?? error) }));
    if (res.headersSent) return res.end();
    res.status(status).type("text/plain").send(status >= 500 ? "Something went wrong on our side. Please try again." : UNREADABLE);
  });

  // Files under public/ and hits of the page cache are answered before Express: no middleware,
  // no Fetch API objects.
  const server = http.createServer((req, res) => {
    const started = process.hrtime.bigint();
    const id = crypto.randomUUID();
    res.setHeader("X-Request-Id", id);
    let cache;
    // A body refused before its end (an upload over the limits) is not read on: the answer says
    // the connection closes, the client gets a moment to read it, then the connection is dropped.
    // (A request without a body is not complete yet while it is answered from memory here.)
    const hasBody = Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;
    if (hasBody) {
      const writeHead = res.writeHead;
      res.writeHead = function (...args) {
        if (!req.complete) this.setHeader("Connection", "close");
        return writeHead.apply(this, args);
      };
    }
    res.on("finish", () => {
      logRequest(id, req.method, req.url, res.statusCode, started, cache);
      if (hasBody && !req.complete) setTimeout(() => !req.complete && req.socket?.destroy(), 2_000).unref();
    });
    if (!hasReadableUrl(req)) {
      return send(res, { status: 400, headers: [["Content-Type", "text/plain; charset=utf-8"]], body: UNREADABLE });
    }
    if (req.method !== "GET" && req.method !== "HEAD") return app(req, res);
    const head = req.method === "HEAD";
    const path = req.url?.split("?")[0] ?? "/";
    const file = lookupStaticFile(path, {
      acceptEncoding: req.headers["accept-encoding"],
      ifNoneMatch: req.headers["if-none-match"],
      head,
    });
    if (file) return send(res, file);
    const hit = isPublicPage(path) ? lookupCachedPage(req.url, req.headers["if-none-match"] ?? null, newNonce(), head) : undefined;
    if (!hit) return app(req, res);
    cache = "hit";
    let body = hit.body;
    const headers = [...hit.headers, ["Vary", "Accept-Encoding"]];
    if (body && body.length > 1024 && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
      body = zlib.gzipSync(body, { level: 4 });
      headers.push(["Content-Encoding", "gzip"]);
    }
    if (body) headers.push(["Content-Length", String(body.length)]);
    send(res, { status: hit.status, headers, body });
  });
  function send(res, { status, headers, body }) {
    res.statusCode = status;
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    for (const [name, value] of headers) res.setHeader(name, value);
    res.end(body);
  }
  // Node closes an idle keep-alive connection after 5 s; a client (or a proxy) that reuses it at
  // that moment gets a reset instead of an answer. Idle connections are cheap: keep them longer
  // than common proxies do (60 s), so the proxy, not the server, closes them.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen(port, () => console.info(`IronAxis listening on http://localhost:${port} (pid ${process.pid})`));
  // SIGTERM: stop accepting, let requests in flight finish, close the database, exit 0.
  let shuttingDown = false;
  const shutdown = () => {
    if (shuttingDown) return;
    shuttingDown = true;
    server.close(() => {
      closeDatabase();
      flushLog();
      process.exit(0);
    });
    // Keep-alive connections would hold the server open: close each one as soon as it is idle,
    // that is now for most and right after its response for those in flight.
    setInterval(() => server.closeIdleConnections(), 100).unref();
    setTimeout(() => {
      console.error(JSON.stringify({ event: "shutdown_timeout", message: "requests still running after 10 s" }));
      process.exit(1);
    }, 10_000).unref();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}
