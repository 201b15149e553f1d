import { describe, expect, it } from "vitest";
import { env } from "~/lib/env.server";
import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { db } from "~/lib/db.server";
import { createOrResetUser, createUser, findSessionUser, resetPassword, setUserDisabled, startSession, verifySignIn } from "./user.server";

describe("sign-in", () => {
  it("answers an unknown account exactly like a wrong password, and signs in with the right one", async () => {
    await createUser({ email: "Pat@IronAxis.test", name: "Pat", role: "sales", password: "pat-password-long" });
    expect(await verifySignIn("nobody@ironaxis.test", "pat-password-long", "10.0.0.1")).toEqual({ ok: false, reason: "invalid" });
    expect(await verifySignIn("pat@ironaxis.test", "wrong", "10.0.0.1")).toEqual({ ok: false, reason: "invalid" });
    const ok = await verifySignIn(" PAT@ironaxis.test ", "pat-password-long", "10.0.0.1");
    expect(ok).toMatchObject({ ok: true, user: { email: "pat@ironaxis.test", role: "sales" } });
  });

  it(`throttles an account after ${env.LOGIN_ATTEMPTS_PER_15_MIN} failures, even with the right password, from any address`, async () => {
    await createUser({ email: "target@ironaxis.test", name: "T", role: "admin", password: "target-password-long" });
    for (let i = 0; i < env.LOGIN_ATTEMPTS_PER_15_MIN; i++) {
      expect(await verifySignIn("target@ironaxis.test", `guess-${i}`, `10.1.0.${i}`)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await verifySignIn("target@ironaxis.test", "target-password-long", "10.9.9.9")).toEqual({ ok: false, reason: "throttled" });
  });

  it(`throttles an address after ${env.LOGIN_ATTEMPTS_PER_15_MIN} failures across accounts`, async () => {
    await createUser({ email: "victim@ironaxis.test", name: "V", role: "sales", password: "victim-password-long" });
    for (let i = 0; i < env.LOGIN_ATTEMPTS_PER_15_MIN; i++) await verifySignIn(`spray-${i}@ironaxis.test`, "password", "10.2.0.1");
    expect(await verifySignIn("victim@ironaxis.test", "victim-password-long", "10.2.0.1")).toEqual({ ok: false, reason: "throttled" });
    expect(await verifySignIn("victim@ironaxis.test", "victim-password-long", "10.2.0.2")).toMatchObject({ ok: true });
  });

  it("rotates the session token at sign-in and ends every session of a disabled user", async () => {
    const created = await createUser({ email: "rotate@ironaxis.test", name: "R", role: "sales", password: "rotate-password-long" });
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
    expect(await verifySignIn("rotate@ironaxis.test", "rotate-password-long", "10.3.0.1")).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("creating users", () => {
  const stored = (email: string) => db.select().from(users).where(eq(users.email, email)).get();

  it("refuses an e-mail already in use, in any case, at the e-mail field, and leaves that user as it was", async () => {
    const first = await createUser({ email: "Kim@IronAxis.test", name: "Kim", role: "sales", password: "kim-password-long" });
    expect(first.ok).toBe(true);
    const before = stored("kim@ironaxis.test")!;
    const again = await createUser({ email: " KIM@ironaxis.TEST ", name: "Mallory", role: "admin", password: "other-password-long" });
    expect(again).toEqual({ ok: false, errors: { email: "There is already a user with this e-mail address" } });
    expect(stored("kim@ironaxis.test")).toEqual(before);
    expect(await verifySignIn("kim@ironaxis.test", "kim-password-long", "10.4.0.1")).toMatchObject({ ok: true, user: { name: "Kim", role: "sales" } });
  });

  it("lets only one of two requests for the same e-mail at once create the user", async () => {
    const results = await Promise.all(
      ["Twin@ironaxis.test", "twin@IRONAXIS.test"].map((email, i) => createUser({ email, name: `Twin ${i}`, role: "sales", password: "twin-password-long" })),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(db.select().from(users).where(eq(users.email, "twin@ironaxis.test")).all()).toHaveLength(1);
  });

  it("npm run admin:create still resets the name, role and password of an existing user, and enables it", async () => {
    const created = await createUser({ email: "reset@ironaxis.test", name: "Old", role: "sales", password: "old-password-long" });
    if (!created.ok) throw new Error("user not created");
    setUserDisabled(created.id, true);
    const session = startSession(created.id, undefined);
    const reset = await createOrResetUser({ email: "RESET@ironaxis.test", name: "New", role: "admin", password: "new-password-long" });
    expect(reset.id).toBe(created.id);
    expect(findSessionUser(session)).toBeUndefined();
    expect(stored("reset@ironaxis.test")).toMatchObject({ name: "New", role: "admin", disabledAt: null });
    expect(await verifySignIn("reset@ironaxis.test", "new-password-long", "10.5.0.1")).toMatchObject({ ok: true });
  });
});

describe("resetting a password", () => {
  it("sets the new password, ends every session of that user, and answers false for no such user", async () => {
    const created = await createUser({ email: "forgot@ironaxis.test", name: "Forgot", role: "sales", password: "forgot-password-long" });
    if (!created.ok) throw new Error("user not created");
    const session = startSession(created.id, undefined);
    expect(await resetPassword(created.id, "remembered-password-long")).toBe(true);
    expect(findSessionUser(session)).toBeUndefined();
    expect(await verifySignIn("forgot@ironaxis.test", "forgot-password-long", "10.6.0.1")).toEqual({ ok: false, reason: "invalid" });
    expect(await verifySignIn("forgot@ironaxis.test", "remembered-password-long", "10.6.0.1")).toMatchObject({ ok: true, user: { name: "Forgot", role: "sales" } });
    expect(await resetPassword(999_999, "remembered-password-long")).toBe(false);
  });
});
