import { describe, expect, it } from "vitest";
import {
  ACCOUNT_LIMIT_FACTOR,
  describeWait,
  secondsToWait,
  signInCounters,
  SIGN_IN_WINDOW_SECONDS,
} from "./sign-in-throttle";

const NOW = Date.parse("2026-12-01T12:00:00.000Z");
const ago = (seconds: number) => NOW - seconds * 1000;
const rule = { limit: 10, delayAfter: 3 };

describe("sign-in throttling", () => {
  it("lets the first failures through at once, then doubles the wait after each", () => {
    expect(secondsToWait([], NOW, rule)).toBe(0);
    expect(secondsToWait([ago(0), ago(0)], NOW, rule)).toBe(0);
    const waits = [3, 4, 5, 6, 7, 8, 9].map((n) => secondsToWait(Array(n).fill(NOW), NOW, rule));
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64]);
    // The wait runs from the last failure.
    expect(secondsToWait([ago(100), ago(100), ago(100), ago(10), ago(10)], NOW, rule)).toBe(0); // 5 failures: 4 s after the last
    expect(secondsToWait([ago(100), ago(100), ago(100), ago(2), ago(1)], NOW, rule)).toBe(3);
  });

  it("stops a counter at its limit until the oldest failures leave the window, and forgets failures older than it", () => {
    const full = Array.from({ length: 10 }, (_, i) => ago(600 - i * 10)); // 10 failures 10 s apart, from 10 minutes ago
    expect(secondsToWait(full, NOW, rule)).toBe(SIGN_IN_WINDOW_SECONDS - 600);
    expect(secondsToWait(full, ago(-299), rule)).toBe(1); // still 10 in the window
    expect(secondsToWait(full, ago(-300), rule)).toBe(0); // the oldest has left; the doubling wait after the last is long over
    expect(
      secondsToWait(
        full.map((time) => time - SIGN_IN_WINDOW_SECONDS * 1000),
        NOW,
        rule,
      ),
    ).toBe(0);
    // A rule without a delay phase is open right up to its limit.
    expect(secondsToWait(Array(9).fill(NOW), NOW, { limit: 10, delayAfter: 10 })).toBe(0);
    expect(secondsToWait(Array(10).fill(NOW), NOW, { limit: 10, delayAfter: 10 })).toBe(SIGN_IN_WINDOW_SECONDS);
  });

  it("never waits longer than the window, whatever the limit", () => {
    expect(secondsToWait(Array(40).fill(NOW), NOW, { limit: 50, delayAfter: 3 })).toBe(SIGN_IN_WINDOW_SECONDS);
  });

  it("counts a known device on its own counter only, and any other browser per account and address, per address and per account", () => {
    const known = signInCounters({ account: "ada@ironaxis.test", address: "10.0.0.1", knownDevice: "device-1 7" }, 10);
    expect(known).toEqual([
      { action: "sign-in-failure-device", key: "device-1 7", rule: { limit: 10, delayAfter: 3 } },
    ]);
    const unknown = signInCounters({ account: "ada@ironaxis.test", address: "10.0.0.1" }, 10);
    expect(unknown.map(({ action, key, rule }) => [action, key, rule.limit])).toEqual([
      ["sign-in-failure-account-ip", "ada@ironaxis.test 10.0.0.1", 10],
      ["sign-in-failure-ip", "10.0.0.1", 10],
      ["sign-in-failure-account", "ada@ironaxis.test", 10 * ACCOUNT_LIMIT_FACTOR],
    ]);
    expect(signInCounters({ account: "a", address: "b" }, 1)[0].rule).toEqual({ limit: 1, delayAfter: 1 });
  });

  it("says how long to wait in words", () => {
    expect([0, 1, 45, 59, 60, 61, 600, 900].map(describeWait)).toEqual([
      "1 second",
      "1 second",
      "45 seconds",
      "59 seconds",
      "1 minute",
      "2 minutes",
      "10 minutes",
      "15 minutes",
    ]);
  });
});
