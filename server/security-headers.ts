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

const nonceSource = (_req: http.IncomingMessage, res: http.ServerResponse) => `'nonce-${nonceOf(res)}'`;

/**
 * The security headers of every response, files and cached pages included: a Content-Security-
 * Policy allowing only our own files and inline scripts and styles by this response's nonce,
 * HSTS in production, nosniff, and the referrer, opener and permissions policies. helmet's other
 * defaults are off: the site never sent them, and a Cross-Origin-Resource-Policy would keep
 * product pictures out of the e-mail clients that load them.
 */
export function securityHeaders({ production, checkoutOrigins }: { production: boolean; checkoutOrigins: string[] }) {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", nonceSource],
        styleSrc: ["'self'", nonceSource],
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
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    headers(req, res, () => undefined);
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  };
}
