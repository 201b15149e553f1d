import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "./env.server";

const derived = new Map<string, Buffer>();

/**
 * The server's secret: LINK_SECRET, or, without it, a random secret made once and kept beside
 * the database (`link-secret.key`), never inside it, so a copy of the database alone opens no link.
 */
function serverSecret() {
  let secret = env.LINK_SECRET;
  if (!secret) {
    const file = path.join(path.dirname(path.resolve(env.DATABASE_PATH)), "link-secret.key");
    if (!fs.existsSync(file)) {
      // Written whole under another name, then linked into place: of processes starting
      // together, one makes the secret and every one reads the same.
      const draft = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}`;
      fs.writeFileSync(draft, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
      try {
        fs.linkSync(draft, file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      } finally {
        fs.rmSync(draft, { force: true });
      }
    }
    secret = fs.readFileSync(file, "utf8").trim();
  }
  return secret;
}

/** A key of its own for each use of the server's secret, derived from it: a use cannot open another's. */
export function derivedKey(
  purpose: "buyer links" | "form signatures" | "known devices" | "passkey user handles" | "sign-in codes",
) {
  let key = derived.get(purpose);
  if (!key) {
    key = Buffer.from(crypto.hkdfSync("sha256", serverSecret(), "", `ironaxis ${purpose}`, 32));
    derived.set(purpose, key);
  }
  return key;
}

/** The key that seals buyers' private links kept for later e-mails. */
function linkKey() {
  return derivedKey("buyer links");
}

/** A token sealed (AES-256-GCM) for keeping in the database. */
export function sealToken(token: string) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", linkKey(), iv);
  const sealed = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64url");
}

/** The token back, or undefined for a value sealed under another secret (or none at all). */
export function openToken(sealed: string | null | undefined) {
  if (!sealed) return undefined;
  try {
    const bytes = Buffer.from(sealed, "base64url");
    const decipher = crypto.createDecipheriv("aes-256-gcm", linkKey(), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return undefined;
  }
}
