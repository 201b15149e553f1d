import { describe, expect, it } from "vitest";
import { env } from "~/lib/env.server";
import { ACCOUNT_LIMIT_FACTOR } from "./sign-in-throttle";
import { eq } from "drizzle-orm";
import { users } from "~db/schema";
import { db } from "~/lib/db.server";
import {
  createOrResetUser,
  createUser,
  findSessionUser,
  resetPassword,
  setUserDisabled,
  startSession,
  verifySignIn,
} from "./user.server";

describe("sign-in", () => {
  it("answers an unknown account exactly like a wrong password, and signs in with the right one", async () => {
    await createUser({ email: "Pat@IronAxis.test", name: "Pat", role: "sales", password: "pat-password-long" });
    expect(await verifySignIn("nobody@ironaxis.test", "pat-password-long", { address: "10.0.0.1" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await verifySignIn("pat@ironaxis.test", "wrong", { address: "10.0.0.1" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    const ok = await verifySignIn(" PAT@ironaxis.test ", "pat-password-long", { address: "10.0.0.1" });
    expect(ok).toMatchObject({ ok: true, user: { email: "pat@ironaxis.test", role: "sales" } });
  });

  const N = env.LOGIN_ATTEMPTS_PER_15_MIN;
  const secondsFrom = (start: number) => (seconds: number) => new Date(start + seconds * 1000);

  it(`throttles an account after ${N * ACCOUNT_LIMIT_FACTOR} failures from unknown browsers, even with the right password, from any address; a known device still signs in`, async () => {
    const created = await createUser({
      email: "target@ironaxis.test",
      name: "T",
      role: "admin",
      password: "target-password-long",
    });
    if (!created.ok) throw new Error("user not created");
    const now = new Date();
    for (let i = 0; i < N * ACCOUNT_LIMIT_FACTOR; i++) {
      expect(
        await verifySignIn(
          "target@ironaxis.test",
          `guess-${i}`,
          { address: `10.1.${Math.floor(i / 200)}.${i % 200}` },
          now,
        ),
      ).toEqual({ ok: false, reason: "invalid" });
    }
    expect(
      await verifySignIn("target@ironaxis.test", "target-password-long", { address: "10.9.9.9" }, now),
    ).toMatchObject({ ok: false, reason: "throttled" });
    const knownDevice = { id: "target-laptop", userIds: [created.id] };
    expect(
      await verifySignIn("target@ironaxis.test", "target-password-long", { address: "10.9.9.9", knownDevice }, now),
    ).toMatchObject({ ok: true });
    // A device known for another account is unknown for this one.
    const otherDevice = { id: "target-laptop", userIds: [created.id + 1000] };
    expect(
      await verifySignIn(
        "target@ironaxis.test",
        "target-password-long",
        { address: "10.9.9.9", knownDevice: otherDevice },
        now,
      ),
    ).toMatchObject({ reason: "throttled" });
  }, 60_000);

  it(`throttles an address after ${N} failures across accounts`, async () => {
    await createUser({ email: "victim@ironaxis.test", name: "V", role: "sales", password: "victim-password-long" });
    for (let i = 0; i < N; i++) await verifySignIn(`spray-${i}@ironaxis.test`, "password", { address: "10.2.0.1" });
    expect(await verifySignIn("victim@ironaxis.test", "victim-password-long", { address: "10.2.0.1" })).toMatchObject({
      ok: false,
      reason: "throttled",
    });
    expect(await verifySignIn("victim@ironaxis.test", "victim-password-long", { address: "10.2.0.2" })).toMatchObject({
      ok: true,
    });
  });

  it("makes one address wait after three failures on an account, twice as long after each more, while another address signs in", async () => {
    await createUser({ email: "typo@ironaxis.test", name: "Typo", role: "sales", password: "typo-password-long" });
    const at = secondsFrom(Date.now());
    const attempt = (password: string, address: string, seconds: number) =>
      verifySignIn("typo@ironaxis.test", password, { address }, at(seconds));
    for (let i = 0; i < 3; i++) expect(await attempt("wrong", "10.7.0.1", 0)).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt("typo-password-long", "10.7.0.1", 0)).toEqual({
      ok: false,
      reason: "throttled",
      retryAfterSeconds: 1,
    });
    expect(await attempt("typo-password-long", "10.7.0.2", 0)).toMatchObject({ ok: true });
    expect(await attempt("wrong", "10.7.0.1", 1)).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt("typo-password-long", "10.7.0.1", 2)).toEqual({
      ok: false,
      reason: "throttled",
      retryAfterSeconds: 1,
    });
    expect(await attempt("typo-password-long", "10.7.0.1", 3)).toMatchObject({ ok: true });
  });

  it(`lets an attacker's ${N} failures from one address hold up neither another address nor a known device on the same address`, async () => {
    const created = await createUser({
      email: "owner@ironaxis.test",
      name: "O",
      role: "admin",
      password: "owner-password-long",
    });
    if (!created.ok) throw new Error("user not created");
    const at = secondsFrom(Date.now());
    // Spaced past the doubling wait, so every guess is tried; the last one is what stops the address.
    for (let i = 0; i < N; i++) {
      expect(await verifySignIn("owner@ironaxis.test", `guess-${i}`, { address: "10.8.0.1" }, at(i * 70))).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    const after = at(N * 70);
    expect(
      await verifySignIn("owner@ironaxis.test", "owner-password-long", { address: "10.8.0.1" }, after),
    ).toMatchObject({ ok: false, reason: "throttled" });
    expect(
      await verifySignIn("owner@ironaxis.test", "owner-password-long", { address: "10.8.0.2" }, after),
    ).toMatchObject({ ok: true });
    const knownDevice = { id: "office-desktop", userIds: [created.id] };
    expect(
      await verifySignIn("owner@ironaxis.test", "owner-password-long", { address: "10.8.0.1", knownDevice }, after),
    ).toMatchObject({ ok: true });
  });

  it("counts a known device's own failures on that device only", async () => {
    const created = await createUser({
      email: "device@ironaxis.test",
      name: "D",
      role: "sales",
      password: "device-password-long",
    });
    if (!created.ok) throw new Error("user not created");
    const knownDevice = { id: "shared-tablet", userIds: [created.id] };
    const now = new Date();
    for (let i = 0; i < 3; i++)
      await verifySignIn("device@ironaxis.test", "wrong", { address: "10.10.0.1", knownDevice }, now);
    expect(
      await verifySignIn("device@ironaxis.test", "device-password-long", { address: "10.10.0.1", knownDevice }, now),
    ).toMatchObject({ reason: "throttled" });
    expect(
      await verifySignIn("device@ironaxis.test", "device-password-long", { address: "10.10.0.1" }, now),
    ).toMatchObject({ ok: true });
  });

  it("rotates the session token at sign-in and ends every session of a disabled user", async () => {
    const created = await createUser({
      email: "rotate@ironaxis.test",
      name: "R",
      role: "sales",
      password: "rotate-password-long",
    });
    if (!created.ok) throw new Error("user not created");
    const { id } = created;
    const first = startSession(id, undefined);
    expect(findSessionUser(first)?.id).toBe(id);
    const second = startSession(id, first);
    expect(second).not.toBe(first);
    expect(findSessionUser(first)).toBeUndefined();
    expect(findSessionUser(second)?.id).toBe(id);
    setUserDisabled(id, true);
    expect(findSessionUser(second)).toBeUndefined();
    expect(await verifySignIn("rotate@ironaxis.test", "rotate-password-long", { address: "10.3.0.1" })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});

describe("creating users", () => {
  const stored = (email: string) => db.select().from(users).where(eq(users.email, email)).get();

  it("refuses an e-mail already in use, in any case, at the e-mail field, and leaves that user as it was", async () => {
    const first = await createUser({
      email: "Kim@IronAxis.test",
      name: "Kim",
      role: "sales",
      password: "kim-password-long",
    });
    expect(first.ok).toBe(true);
    const before = stored("kim@ironaxis.test")!;
    const again = await createUser({
      email: " KIM@ironaxis.TEST ",
      name: "Mallory",
      role: "admin",
      password: "other-password-long",
    });
    expect(again).toEqual({ ok: false, errors: { email: "There is already a user with this e-mail address" } });
    expect(stored("kim@ironaxis.test")).toEqual(before);
    expect(await verifySignIn("kim@ironaxis.test", "kim-password-long", { address: "10.4.0.1" })).toMatchObject({
      ok: true,
      user: { name: "Kim", role: "sales" },
    });
  });

  it("lets only one of two requests for the same e-mail at once create the user", async () => {
    const results = await Promise.all(
      ["Twin@ironaxis.test", "twin@IRONAXIS.test"].map((email, i) =>
        createUser({ email, name: `Twin ${i}`, role: "sales", password: "twin-password-long" }),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(db.select().from(users).where(eq(users.email, "twin@ironaxis.test")).all()).toHaveLength(1);
  });

  it("npm run admin:create still resets the name, role and password of an existing user, and enables it", async () => {
    const created = await createUser({
      email: "reset@ironaxis.test",
      name: "Old",
      role: "sales",
      password: "old-password-long",
    });
    if (!created.ok) throw new Error("user not created");
    setUserDisabled(created.id, true);
    const session = startSession(created.id, undefined);
    const reset = await createOrResetUser({
      email: "RESET@ironaxis.test",
      name: "New",
      role: "admin",
      password: "new-password-long",
    });
    expect(reset.id).toBe(created.id);
    expect(findSessionUser(session)).toBeUndefined();
    expect(stored("reset@ironaxis.test")).toMatchObject({ name: "New", role: "admin", disabledAt: null });
    expect(await verifySignIn("reset@ironaxis.test", "new-password-long", { address: "10.5.0.1" })).toMatchObject({
      ok: true,
    });
  });
});

describe("resetting a password", () => {
  it("sets the new password, ends every session of that user, and answers false for no such user", async () => {
    const created = await createUser({
      email: "forgot@ironaxis.test",
      name: "Forgot",
      role: "sales",
      password: "forgot-password-long",
    });
    if (!created.ok) throw new Error("user not created");
    const session = startSession(created.id, undefined);
    expect(await resetPassword(created.id, "remembered-password-long")).toBe(true);
    expect(findSessionUser(session)).toBeUndefined();
    expect(await verifySignIn("forgot@ironaxis.test", "forgot-password-long", { address: "10.6.0.1" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(
      await verifySignIn("forgot@ironaxis.test", "remembered-password-long", { address: "10.6.0.1" }),
    ).toMatchObject({ ok: true, user: { name: "Forgot", role: "sales" } });
    expect(await resetPassword(999_999, "remembered-password-long")).toBe(false);
  });
});
