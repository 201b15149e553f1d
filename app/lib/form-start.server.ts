import crypto from "node:crypto";
import { derivedKey } from "./link-secret.server";
import { createToken, looksLikeToken } from "./tokens.server";

/** A request form left open longer than this is shown again with a fresh start. */
export const FORM_START_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** Servers sharing a database may disagree on the time by a little; no more. */
const CLOCK_SKEW_MS = 5_000;

const sign = (startedAt: number, submissionKey: string) =>
  crypto
    .createHmac("sha256", derivedKey("form signatures"))
    .update(`quote-request-form\n${submissionKey}\n${startedAt}`)
    .digest("base64url");

/**
 * When the request form was shown, as the server saw it: "<ms since epoch>.<HMAC>", bound to
 * the form's submission key, so a client can neither choose the time nor move it to another form.
 */
export function issueFormStart(submissionKey: string, now = Date.now()) {
  return `${now}.${sign(now, submissionKey)}`;
}

export type FormStartCheck =
  | { ok: true; startedAt: number }
  | { ok: false; reason: "missing" | "forged" | "future" | "expired" | "too-fast"; startedAt?: number };

/**
 * Whether a form carrying `value` may be accepted now: a start we signed for this submission
 * key, not in the future, not older than FORM_START_MAX_AGE_MS, and at least `minFillSeconds` ago.
 */
export function checkFormStart(
  value: string | undefined,
  submissionKey: string | undefined,
  { minFillSeconds, now = Date.now() }: { minFillSeconds: number; now?: number },
): FormStartCheck {
  if (!value || !submissionKey) return { ok: false, reason: "missing" };
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!match) return { ok: false, reason: "forged" };
  const startedAt = Number(match[1]);
  const expected = Buffer.from(sign(startedAt, submissionKey));
  if (!crypto.timingSafeEqual(expected, Buffer.from(match[2]))) return { ok: false, reason: "forged" };
  if (startedAt > now + CLOCK_SKEW_MS) return { ok: false, reason: "future", startedAt };
  if (now - startedAt > FORM_START_MAX_AGE_MS) return { ok: false, reason: "expired", startedAt };
  if (now - startedAt < minFillSeconds * 1000) return { ok: false, reason: "too-fast", startedAt };
  return { ok: true, startedAt };
}

/** What a person is told when the signed start refuses their form: it expired, or it was sent faster than a person can. */
export function formStartRefusal(reason: Exclude<FormStartCheck, { ok: true }>["reason"]) {
  return reason === "expired"
    ? "The form expired: check your details and send it again."
    : "That was sent faster than a person can fill in the form. Check your details and send it again.";
}

export type FormStart = { submissionKey: string; formStartedAt: string };

/** A new form: a fresh submission key and its signed start. */
export function newFormStart(now = Date.now()): FormStart {
  const submissionKey = createToken();
  return { submissionKey, formStartedAt: issueFormStart(submissionKey, now) };
}

/**
 * What the form shown again after a refusal carries: the same key and start when we signed them
 * and they are still good (a person correcting a field is not made to start over), or a fresh
 * pair when they were missing, forged or expired.
 */
export function formStartToKeep(typed: Record<string, string | undefined>, now = Date.now()): FormStart {
  const { submissionKey, formStartedAt } = typed;
  const check = checkFormStart(formStartedAt, submissionKey, { minFillSeconds: 0, now });
  if (check.ok && submissionKey && looksLikeToken(submissionKey) && formStartedAt)
    return { submissionKey, formStartedAt };
  return newFormStart(now);
}
