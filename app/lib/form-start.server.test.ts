import { describe, expect, it } from "vitest";
import {
  checkFormStart,
  FORM_START_MAX_AGE_MS,
  formStartToKeep,
  issueFormStart,
  newFormStart,
} from "./form-start.server";
import { createToken } from "./tokens.server";

describe("signed form start", () => {
  const now = Date.UTC(2027, 2, 1, 12, 0, 0);
  const key = createToken();
  const check = (value: string | undefined, submissionKey = key, minFillSeconds = 3) =>
    checkFormStart(value, submissionKey, { minFillSeconds, now });

  it("accepts a start it signed for this key, long enough ago", () => {
    expect(check(issueFormStart(key, now - 10_000))).toEqual({ ok: true, startedAt: now - 10_000 });
    expect(check(issueFormStart(key, now - FORM_START_MAX_AGE_MS))).toMatchObject({ ok: true });
  });

  it("refuses a missing value or key, and values it did not sign", () => {
    expect(check(undefined)).toEqual({ ok: false, reason: "missing" });
    expect(check("")).toEqual({ ok: false, reason: "missing" });
    expect(check(issueFormStart(key, now - 10_000), "")).toEqual({ ok: false, reason: "missing" });
    for (const forged of [
      "0",
      "1000",
      "-5000",
      String(now - 60_000),
      `${now - 60_000}.${"A".repeat(43)}`,
      `${now}.x`,
      "1e3.abc",
    ]) {
      expect(check(forged)).toEqual({ ok: false, reason: "forged" });
    }
  });

  it("refuses a signature moved to another time or another form", () => {
    const signature = issueFormStart(key, now - 10_000).split(".")[1];
    expect(check(`${now - 60_000}.${signature}`)).toEqual({ ok: false, reason: "forged" });
    expect(check(issueFormStart(createToken(), now - 10_000))).toEqual({ ok: false, reason: "forged" });
  });

  it("refuses a start in the future, one too old, and one too recent", () => {
    expect(check(issueFormStart(key, now + 60_000))).toMatchObject({ ok: false, reason: "future" });
    expect(check(issueFormStart(key, now - FORM_START_MAX_AGE_MS - 1))).toMatchObject({ ok: false, reason: "expired" });
    expect(check(issueFormStart(key, now - 2_000))).toMatchObject({ ok: false, reason: "too-fast" });
  });

  it("checks the signature even when no minimum time is asked for", () => {
    expect(check(issueFormStart(key, now), key, 0)).toMatchObject({ ok: true });
    expect(check("0", key, 0)).toEqual({ ok: false, reason: "forged" });
    expect(check(undefined, key, 0)).toEqual({ ok: false, reason: "missing" });
  });

  it("keeps a good start for the form shown again, and replaces anything else", () => {
    const good = newFormStart(now - 1_000);
    expect(formStartToKeep(good, now)).toEqual(good);
    const none: Record<string, string> = {};
    for (const bad of [
      none,
      { ...good, formStartedAt: "0" },
      { ...good, submissionKey: createToken() },
      newFormStart(now - FORM_START_MAX_AGE_MS - 1),
    ]) {
      const kept = formStartToKeep(bad, now);
      expect(kept.submissionKey).not.toBe(bad.submissionKey);
      expect(check(kept.formStartedAt, kept.submissionKey, 0)).toMatchObject({ ok: true, startedAt: now });
    }
  });
});
