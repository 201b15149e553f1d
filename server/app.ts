import type http from "node:http";
import { createRequestHandler as createExpressHandler } from "@remix-run/express";
import { createRequestHandler as createFetchHandler } from "@remix-run/node";
import compression from "compression";
import express, { type ErrorRequestHandler } from "express";
import { isCompressibleType, MIN_COMPRESS_BYTES, PER_RESPONSE_BROTLI, pickEncoding } from "~/lib/encoding.server";
import { CROSS_SITE_REFUSAL, passesOriginCheck, policyFor } from "~/lib/policy";
import type { AppBuild } from "./build";
import { errorLog } from "./log";
import { routeHeadersReplacePreset } from "./policy-headers";
import { forwardedHost, UNREADABLE } from "./request-target";
import { nonceOf } from "./security-headers";

/**
 * Everything that is not a file or a page-cache hit: public pages rendered into the page cache,
 * then Remix for everything personal or written (quote list, forms). The security and policy
 * headers are on the response already (see serve.ts).
 */
export function createApp(build: AppBuild, { trustProxy }: { trustProxy: boolean }) {
  const { cachedPage } = build.entry.module;
  const handleFetch = createFetchHandler(build, build.mode);
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxy);

  // A form posted from another origin is refused here with 403 (Remix itself would answer 500).
  app.use((req, res, next) => {
    const evidence = {
      method: req.method,
      origin: req.get("origin"),
      fetchSite: req.get("sec-fetch-site"),
      host: forwardedHost(req) ?? req.get("host"),
      secure: build.entry.module.secureCookies,
    };
    if (passesOriginCheck(policyFor(req.path).originCheck, evidence)) return next();
    res.status(403).type("text/plain").send(CROSS_SITE_REFUSAL);
  });

  // Public pages: from the page cache (rendered once per content version), or rendered on the same
  // path for a signed-in buyer and kept by nobody. Whether a page is public is decided inside
  // cachedPage, on the URL that is rendered and stored. Before the encoding is narrowed below:
  // a stored page goes out in gzip put together around its nonce to a client that takes gzip,
  // whatever else it takes (encoding.server.ts), and compressed per response only otherwise.
  app.use(async (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    try {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers.set(name, value);
      }
      const request = new Request(new URL(req.originalUrl, `http://${req.get("host") ?? "localhost"}`), {
        method: req.method,
        headers,
      });
      const response = await cachedPage(request, handleFetch, nonceOf(res));
      if (!response) return next();
      res.status(response.status);
      for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
      const cookies = response.headers.getSetCookie();
      if (cookies.length) res.setHeader("Set-Cookie", cookies);
      // The browser keeps its copy's CSP: a new nonce would not match the copy's scripts.
      if (response.status === 304) res.removeHeader("Content-Security-Policy");
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      next(error);
    }
  });

  // One decision on encoding for the whole site (encoding.server.ts): the middleware streams, and
  // is told which encoding the client gets by leaving it only that one to choose.
  app.use((req, _res, next) => {
    req.headers["accept-encoding"] = pickEncoding(req.headers["accept-encoding"]) ?? "identity";
    next();
  });
  app.use(
    compression({
      threshold: MIN_COMPRESS_BYTES,
      filter: (_req, res) => isCompressibleType(String(res.getHeader("Content-Type") ?? "")),
      brotli: PER_RESPONSE_BROTLI,
    }),
  );

  app.use((_req, res, next) => {
    routeHeadersReplacePreset(res);
    next();
  });
  app.all(
    "*",
    createExpressHandler({
      build,
      mode: build.mode,
      getLoadContext: (req, res) => ({ cspNonce: nonceOf(res), clientIp: req.ip }),
    }),
  );
  app.use(expressErrors);
  return app as unknown as http.RequestListener;
}

/** Express's own errors (a malformed %-escape in the path, a broken body): a short answer, no stack. */
const expressErrors: ErrorRequestHandler = (
  error: { status?: number; statusCode?: number; message?: string },
  _req,
  res,
  _next,
) => {
  const status = Number(error?.status ?? error?.statusCode) || 500;
  if (status >= 500)
    errorLog.error({
      event: "request_error",
      id: res.getHeader("X-Request-Id"),
      message: String(error?.message ?? error),
    });
  if (res.headersSent) return res.end();
  res
    .status(status)
    .type("text/plain")
    .send(status >= 500 ? "Something went wrong on our side. Please try again." : UNREADABLE);
};
