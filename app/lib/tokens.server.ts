import crypto from "node:crypto";

/** A 256-bit random token, URL-safe, for links and cookies that must not be guessable. */
export function createToken() {
  return crypto.randomBytes(32).toString("base64url");
}

/** Only the hash of a token is stored, so a leaked database does not leak working links. */
export function hashToken(token: string) {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** Whether a string from a URL has the shape of our tokens (and of status-link HMACs): 43 base64url characters. */
export function looksLikeToken(value: string) {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
