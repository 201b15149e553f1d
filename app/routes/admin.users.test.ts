import { eq } from "drizzle-orm";
import type { FormResult } from "~/lib/forms";
import { describe, expect, it } from "vitest";
import { users } from "~db/schema";
import { signIn } from "~/admin/auth.server";
import { db } from "~/lib/db.server";
import { createUser } from "~/admin/user.server";
import { action } from "./admin.users";

async function adminCookie(email: string) {
  const created = await createUser({ email, name: "Boss", role: "admin", password: "boss-password-long" });
  if (!created.ok) throw new Error("user not created");
  const signedIn = await signIn(
    new Request("http://localhost/admin/login"),
    { id: created.id, email, name: "Boss", role: "admin" },
    "/admin",
  );
  return signedIn.headers.get("Set-Cookie")!.split(";")[0];
}

const post = (cookie: string, fields: Record<string, string>) =>
  action({
    request: new Request("http://localhost/admin/users", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost", Cookie: cookie },
      body: new URLSearchParams(fields).toString(),
    }),
    params: {},
    context: { cspNonce: "test" },
  }) as unknown as Promise<{
    init: { status: number };
    data: FormResult;
  }>;

describe("back-office users: create", () => {
  it("refuses an existing e-mail in any case at the field, shows what was typed again, and changes nothing", async () => {
    const cookie = await adminCookie("boss@ironaxis.test");
    await createUser({ email: "lee@ironaxis.test", name: "Lee", role: "sales", password: "lee-password-long" });
    const before = db.select().from(users).where(eq(users.email, "lee@ironaxis.test")).get();
    const answer = await post(cookie, {
      intent: "create",
      email: "LEE@IronAxis.test",
      name: "Not Lee",
      role: "admin",
      password: "another-password",
    });
    expect(answer.init.status).toBe(409);
    expect(answer.data.fieldErrors).toEqual({ email: "There is already a user with this e-mail address" });
    expect(answer.data.values).toEqual({
      intent: "create",
      email: "LEE@IronAxis.test",
      name: "Not Lee",
      role: "admin",
    });
    expect(db.select().from(users).where(eq(users.email, "lee@ironaxis.test")).get()).toEqual(before);
  });
});

describe("back-office users: reset a password", () => {
  it("refuses a short password or no user at the field, keeping the choice, and redirects once set", async () => {
    const cookie = await adminCookie("chief@ironaxis.test");
    const created = await createUser({
      email: "pat@ironaxis.test",
      name: "Pat",
      role: "sales",
      password: "pat-password-long",
    });
    if (!created.ok) throw new Error("user not created");
    const short = await post(cookie, { intent: "reset", userId: String(created.id), newPassword: "short" });
    expect(short.init.status).toBe(400);
    expect(short.data.fieldErrors).toEqual({ newPassword: "Use at least 12 characters" });
    expect(short.data.values).toEqual({ intent: "reset", userId: String(created.id) });
    const nobody = await post(cookie, { intent: "reset", userId: "", newPassword: "a-long-enough-password" });
    expect(nobody.data.fieldErrors).toEqual({ userId: "Choose a user" });
    const done = (await post(cookie, {
      intent: "reset",
      userId: String(created.id),
      newPassword: "a-long-enough-password",
    })) as unknown as Response;
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/admin/users?reset=1");
  });
});
