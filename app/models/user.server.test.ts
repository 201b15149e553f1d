import { describe, expect, it } from "vitest";
import { env } from "~/lib/env.server";
import { createUser, findSessionUser, setUserDisabled, startSession, verifySignIn } from "./user.server";

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
    const { id } = await createUser({ email: "rotate@ironaxis.test", name: "R", role: "sales", password: "rotate-password-long" });
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
