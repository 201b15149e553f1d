// Production server: Remix behind Express, one worker per core (WEB_CONCURRENCY), with
// compression, long-lived caching of fingerprinted assets, security headers, a fresh CSP nonce
// per request, and public pages answered from the build's page cache.
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

if (cluster.isPrimary && workers > 1) {
  let stopping = false;
  let quickExits = 0;
  const forkedAt = new Map();
  const fork = () => forkedAt.set(cluster.fork().id, Date.now());
  for (let i = 0; i < workers; i++) fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
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

async function serve() {
  const build = await import("./build/index.js");
  const { cachedPage, isPublicPage, lookupCachedPage, startBackgroundJobs } = build.entry.module;
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
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (res.statusCode >= 500 || process.env.LOG_REQUESTS === "1") {
        console.info(JSON.stringify({ method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }));
      }
    });
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
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));

  // Public pages: from the page cache (rendered once per content version).
  app.use(async (req, res, next) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || !isPublicPage(req.path)) return next();
    try {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers.set(name, value);
      }
      const request = new Request(new URL(req.originalUrl, `http://${req.get("host") ?? "localhost"}`), { method: req.method, headers });
      const response = await cachedPage(request, (context) => handleFetch(new Request(request.url, request), context), newNonce());
      res.status(response.status);
      for (const [name, value] of response.headers) res.setHeader(name, value);
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      next(error);
    }
  });

  // Everything personal or written (quote list, forms): rendered per request, never stored.
  app.use((req, res, next) => {
    res.set("Cache-Control", "private, no-store");
    next();
  });
  app.all("*", createExpressHandler({ build, mode: build.mode, getLoadContext: (req) => ({ cspNonce: newNonce(), clientIp: req.ip }) }));

  // Hits of the page cache are answered before Express: no middleware, no Fetch API objects.
  const server = http.createServer((req, res) => {
    const path = req.url?.split("?")[0] ?? "/";
    const hit =
      (req.method === "GET" || req.method === "HEAD") && isPublicPage(path)
        ? lookupCachedPage(req.url, req.headers["if-none-match"] ?? null, newNonce(), req.method === "HEAD")
        : undefined;
    if (!hit) return app(req, res);
    res.statusCode = hit.status;
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    for (const [name, value] of hit.headers) res.setHeader(name, value);
    res.setHeader("Vary", "Accept-Encoding");
    let body = hit.body;
    if (body && body.length > 1024 && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
      body = zlib.gzipSync(body, { level: 4 });
      res.setHeader("Content-Encoding", "gzip");
    }
    if (body) res.setHeader("Content-Length", body.length);
    res.end(body);
    if (process.env.LOG_REQUESTS === "1") console.info(JSON.stringify({ method: req.method, path, status: hit.status, cache: "hit" }));
  });
  server.listen(port, () => console.info(`IronAxis listening on http://localhost:${port} (pid ${process.pid})`));
  const shutdown = () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}
