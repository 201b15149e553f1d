import crypto from "node:crypto";
import type http from "node:http";
import helmet from "helmet";

const nonces = new WeakMap<http.ServerResponse, string>();

// Random bytes are drawn 4 KB at a time, as Node's randomUUID does, and each 16 are used once:
// one call into the system's generator per 256 responses rather than one per response.
const pool = Buffer.alloc(4096);
let drawn = pool.length;
function randomNonce() {
  if (drawn === pool.length) {
    crypto.randomFillSync(pool);
    drawn = 0;
  }
  drawn += 16;
  return pool.toString("base64", drawn - 16, drawn);
}

/** This response's CSP nonce, made on first use: the header, the page and its scripts share it. */
export function nonceOf(res: http.ServerResponse) {
  let nonce = nonces.get(res);
  if (!nonce) {
    nonce = randomNonce();
    nonces.set(res, nonce);
  }
  return nonce;
}

// Where each response's nonce goes in the headers helmet writes once (base64 never holds "!").
const NONCE_MARK = "!nonce!";

/**
 * The security headers of every response, files and cached pages included: a Content-Security-
 * Policy allowing only our own files and inline scripts and styles by this response's nonce,
 * HSTS in production, nosniff, and the referrer, opener and permissions policies. helmet's other
 * defaults are off: the site never sent them, and a Cross-Origin-Resource-Policy would keep
 * product pictures out of the e-mail clients that load them. helmet writes them once, with a mark
 * where the nonce goes; each response gets them with its own (a tenth of the cost of helmet's
 * middleware per request, on a path that answers a cached page in a fraction of a millisecond).
 */
export function securityHeaders({ production, checkoutOrigins }: { production: boolean; checkoutOrigins: string[] }) {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", `'nonce-${NONCE_MARK}'`],
        styleSrc: ["'self'", `'nonce-${NONCE_MARK}'`],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        // Checkout forms answer with a redirect to Stripe's hosted payment page.
        formAction: ["'self'", ...checkoutOrigins],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginOpenerPolicy: { policy: "same-origin" },
    crossOriginResourcePolicy: false,
    crossOriginEmbedderPolicy: false,
    originAgentCluster: false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    strictTransportSecurity: production ? { maxAge: 63_072_000, includeSubDomains: true } : false,
    xContentTypeOptions: true,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xFrameOptions: false,
    xPermittedCrossDomainPolicies: false,
    xPoweredBy: true,
    xXssProtection: false,
  });
  const written: [string, string][] = [["Permissions-Policy", "camera=(), microphone=(), geolocation=()"]];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: string) => written.push([name, value]),
    removeHeader: (name: string) => removed.push(name),
  };
  headers({} as http.IncomingMessage, recorder as unknown as http.ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return (_req: http.IncomingMessage, res: http.ServerResponse) => {
    for (const [name, value] of written)
      res.setHeader(name, value.includes(NONCE_MARK) ? value.replaceAll(NONCE_MARK, nonceOf(res)) : value);
    for (const name of removed) res.removeHeader(name);
  };
}
