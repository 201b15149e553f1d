import { checkoutOrigins } from "./stripe.server";

/** The Content-Security-Policy of every HTML page: only our own files, inline scripts and styles by nonce. */
export function contentSecurityPolicy(nonce: string) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // Checkout forms answer with a redirect to Stripe's hosted payment page.
    `form-action 'self' ${checkoutOrigins().join(" ")}`,
    "frame-ancestors 'none'",
  ].join("; ");
}
