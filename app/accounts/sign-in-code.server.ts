import crypto from "node:crypto";
import { and, desc, eq, gt, isNull, lt } from "drizzle-orm";
import { customers, outboxEmails, signInCodes } from "~db/schema";
import { db, writeTransaction } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { derivedKey } from "~/lib/link-secret.server";
import { rateLimitExceeded, recordRateLimitEvent } from "~/lib/rate-limit.server";
import { createToken, hashToken, looksLikeToken } from "~/lib/tokens.server";
import { signInCodeEmail } from "./account-emails.server";
import {
  SIGN_IN_CODE_ATTEMPTS,
  SIGN_IN_CODE_FAILURES_PER_ADDRESS,
  SIGN_IN_CODE_MINUTES,
  SIGN_IN_CODES_PER_EMAIL_PER_HOUR,
} from "./sign-in-rules";

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

const HOUR = 3600;
const FIFTEEN_MINUTES = 15 * 60;

/** A code is kept as an HMAC under the server's secret and the row's id: a leaked table does not give codes. */
function codeHash(id: number, code: string) {
  return crypto.createHmac("sha256", derivedKey("sign-in codes")).update(`${id}:${code}`).digest("hex");
}

const sameHash = (a: string, b: string) =>
  a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));

type IssueResult = { ok: true; code: string; linkToken: string } | { ok: false; reason: "throttled" };

/**
 * Sends a one-time code and link to `email`, whether or not a buyer with it exists yet (the
 * first sign-in makes the account), so the answer says nothing about who is a customer. An
 * earlier unused code for the address is spent: only the newest works.
 */
export function issueSignInCode(
  email: string,
  address: string,
  now = new Date(),
  /** Where the e-mailed link returns to after signing in (a path of this site; else the account). */
  returnTo = "",
): IssueResult {
  const account = normalizeEmail(email);
  const code = crypto.randomInt(0, 1_000_000).toString().padStart(6, "0");
  const linkToken = createToken();
  return writeTransaction(() => {
    const byEmail = { limit: SIGN_IN_CODES_PER_EMAIL_PER_HOUR, windowSeconds: HOUR };
    const byAddress = { limit: env.SIGN_IN_CODES_PER_HOUR, windowSeconds: HOUR };
    if (
      rateLimitExceeded("sign-in-code-email", account, byEmail) ||
      rateLimitExceeded("sign-in-code-ip", address, byAddress)
    )
      return { ok: false, reason: "throttled" } as const;
    recordRateLimitEvent("sign-in-code-email", account, byEmail, now);
    recordRateLimitEvent("sign-in-code-ip", address, byAddress, now);
    db.update(signInCodes)
      .set({ usedAt: now.toISOString() })
      .where(and(eq(signInCodes.email, account), isNull(signInCodes.usedAt)))
      .run();
    db.delete(signInCodes).where(lt(signInCodes.expiresAt, now.toISOString())).run();
    const { id } = db
      .insert(signInCodes)
      .values({
        email: account,
        codeHash: "",
        linkTokenHash: hashToken(linkToken),
        expiresAt: new Date(now.getTime() + SIGN_IN_CODE_MINUTES * 60_000).toISOString(),
        createdAt: now.toISOString(),
      })
      .returning({ id: signInCodes.id })
      .get();
    db.update(signInCodes)
      .set({ codeHash: codeHash(id, code) })
      .where(eq(signInCodes.id, id))
      .run();
    db.insert(outboxEmails)
      .values(signInCodeEmail(account, code, linkToken, returnTo))
      .run();
    return { ok: true, code, linkToken } as const;
  });
}

/** The buyer with this (proven) e-mail, made on their first sign-in. Inside a transaction. */
export function customerIdFor(email: string) {
  const account = normalizeEmail(email);
  const existing = db.select({ id: customers.id }).from(customers).where(eq(customers.email, account)).get();
  return existing?.id ?? db.insert(customers).values({ email: account }).returning({ id: customers.id }).get().id;
}

export type CodeCheck = { ok: true; customerId: number } | { ok: false; reason: "wrong" | "spent" | "throttled" };

/**
 * Checks a typed code against the newest live one sent to `email`, inside the caller's
 * transaction. A wrong code counts against the sign-in (spent after SIGN_IN_CODE_ATTEMPTS) and
 * against the client's address; a right one is spent and signs in. "spent": there is no live
 * code (expired, used, too many wrong tries, or never sent) and a new one must be asked for.
 */
export function checkSignInCode(email: string, code: string, address: string, now = new Date()): CodeCheck {
  const failures = { limit: SIGN_IN_CODE_FAILURES_PER_ADDRESS, windowSeconds: FIFTEEN_MINUTES };
  if (rateLimitExceeded("sign-in-code-failure", address, failures)) return { ok: false, reason: "throttled" };
  const account = normalizeEmail(email);
  const live = db
    .select()
    .from(signInCodes)
    .where(
      and(eq(signInCodes.email, account), isNull(signInCodes.usedAt), gt(signInCodes.expiresAt, now.toISOString())),
    )
    .orderBy(desc(signInCodes.id))
    .get();
  if (!live) {
    recordRateLimitEvent("sign-in-code-failure", address, failures, now);
    return { ok: false, reason: "spent" };
  }
  if (!sameHash(live.codeHash, codeHash(live.id, code))) {
    recordRateLimitEvent("sign-in-code-failure", address, failures, now);
    const failedAttempts = live.failedAttempts + 1;
    const spent = failedAttempts >= SIGN_IN_CODE_ATTEMPTS;
    db.update(signInCodes)
      .set({ failedAttempts, usedAt: spent ? now.toISOString() : null })
      .where(eq(signInCodes.id, live.id))
      .run();
    return { ok: false, reason: spent ? "spent" : "wrong" };
  }
  db.update(signInCodes).set({ usedAt: now.toISOString() }).where(eq(signInCodes.id, live.id)).run();
  return { ok: true, customerId: customerIdFor(account) };
}

/** The live sign-in behind an e-mailed link, if any: its e-mail, to show before it is used. */
export function findSignInLink(token: string, now = new Date()) {
  if (!looksLikeToken(token)) return undefined;
  return db
    .select({ id: signInCodes.id, email: signInCodes.email })
    .from(signInCodes)
    .where(
      and(
        eq(signInCodes.linkTokenHash, hashToken(token)),
        isNull(signInCodes.usedAt),
        gt(signInCodes.expiresAt, now.toISOString()),
      ),
    )
    .get();
}

/** Whether a link was ever e-mailed (live, used or expired): a dead one is gone (410), an unknown one was never here (404). */
export function wasSignInLink(token: string) {
  if (!looksLikeToken(token)) return false;
  return (
    db
      .select({ id: signInCodes.id })
      .from(signInCodes)
      .where(eq(signInCodes.linkTokenHash, hashToken(token)))
      .get() !== undefined
  );
}

/** Spends an e-mailed link, inside the caller's transaction: the customer's id, or undefined if it is not live. */
export function redeemSignInLink(token: string, now = new Date()) {
  const live = findSignInLink(token, now);
  if (!live) return undefined;
  const spent = db
    .update(signInCodes)
    .set({ usedAt: now.toISOString() })
    .where(and(eq(signInCodes.id, live.id), isNull(signInCodes.usedAt)))
    .run();
  return spent.changes === 1 ? customerIdFor(live.email) : undefined;
}
