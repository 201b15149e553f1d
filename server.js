// Production server: Remix behind Express, with compression, long-lived caching of fingerprinted
// assets, security headers and a fresh CSP nonce per request.
import crypto from "node:crypto";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

const build = await import("./build/index.js");
const port = Number(process.env.PORT ?? 3000);
const production = process.env.NODE_ENV === "production";

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", process.env.TRUST_PROXY === "1");
app.use(compression());
app.use((req, res, next) => {
  res.set({
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  });
  if (production) res.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (res.statusCode >= 500 || process.env.LOG_REQUESTS === "1") {
      console.info(JSON.stringify({ method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }));
    }
  });
  next();
});
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.all(
  "*",
  createRequestHandler({
    build,
    mode: build.mode,
    getLoadContext: () => ({ cspNonce: crypto.randomBytes(16).toString("base64") }),
  }),
);

const server = app.listen(port, () => console.info(`IronAxis listening on http://localhost:${port}`));

function shutdown() {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
