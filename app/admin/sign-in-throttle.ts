import { plural } from "~/lib/plural";

/**
 * How failed back-office sign-ins slow guessing without locking the owner out (ADR 14).
 * Failures are counted in a sliding window, per counter:
 * - a browser that signed in to the account before (its signed known-device cookie lists the
 *   account) has a counter of its own and no other: nobody else's failures hold it up;
 * - any other browser is checked against the account from its address, its address over all
 *   accounts, and the account over all addresses, which takes several times the limit, so
 *   one address alone cannot hold the account up for the others.
 * The narrow counters (a device, an account from one address) let the first few failures
 * through at once and then double the wait after each: 1 s, 2 s, 4 s, …
 */
export const SIGN_IN_WINDOW_SECONDS = 15 * 60;
const WINDOW_MS = SIGN_IN_WINDOW_SECONDS * 1000;
const FAILURES_BEFORE_DELAY = 3;
/** How many times the per-address limit an account takes from unknown browsers over all addresses. */
export const ACCOUNT_LIMIT_FACTOR = 5;

/** `limit` failures in the window stop the counter until the oldest leave it; from `delayAfter` on, each failure adds a doubling wait. */
export type ThrottleRule = { limit: number; delayAfter: number };
export type ThrottleCounter = { action: string; key: string; rule: ThrottleRule };

export function signInCounters(
  { account, address, knownDevice }: { account: string; address: string; knownDevice?: string },
  limit: number,
): ThrottleCounter[] {
  const narrow = { limit, delayAfter: Math.min(FAILURES_BEFORE_DELAY, limit) };
  if (knownDevice) return [{ action: "sign-in-failure-device", key: knownDevice, rule: narrow }];
  const wide = limit * ACCOUNT_LIMIT_FACTOR;
  return [
    { action: "sign-in-failure-account-ip", key: `${account} ${address}`, rule: narrow },
    { action: "sign-in-failure-ip", key: address, rule: { limit, delayAfter: limit } },
    { action: "sign-in-failure-account", key: account, rule: { limit: wide, delayAfter: wide } },
  ];
}

/** Whole seconds before a counter with these failures (ms since the epoch) takes another attempt; 0: now. */
export function secondsToWait(failures: readonly number[], now: number, { limit, delayAfter }: ThrottleRule) {
  const recent = failures.filter((time) => time > now - WINDOW_MS && time <= now).sort((a, b) => a - b);
  const n = recent.length;
  let openAt = 0;
  if (n >= limit) openAt = recent[n - limit] + WINDOW_MS;
  else if (n >= delayAfter) openAt = recent[n - 1] + Math.min(2 ** (n - delayAfter) * 1000, WINDOW_MS);
  return Math.max(0, Math.ceil((openAt - now) / 1000));
}

/** "45 seconds", "1 minute", "15 minutes": a wait in words, rounded up to the minute past one. */
export function describeWait(seconds: number) {
  return seconds < 60 ? plural(Math.max(1, seconds), "second") : plural(Math.ceil(seconds / 60), "minute");
}
