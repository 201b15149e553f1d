import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext } from "@playwright/test";
import { expect, gotoHydrates, test } from "../support/test";
import { freshDatabase, startServer, type Server } from "../reliability/harness";
import { ADMIN, SALES, signIn } from "../support/admin";
import { snapshotFile } from "~/catalog/catalog-index-snapshot.server";

/**
 * Every back-office route, read from app/routes so a new route is covered the day it is added:
 * file name → URL (params become 1), whether it has an action, whether only admins may use it.
 */
function adminRoutes() {
  const dir = path.resolve("app/routes");
  return fs
    .readdirSync(dir)
    .filter((file) => /^admin[._]/.test(file) && !/^admin_\.(login|logout)\./.test(file) && !file.includes(".test."))
    .map((file) => {
      const source = fs.readFileSync(path.join(dir, file), "utf8");
      const segments = file
        .replace(/\.(tsx?|jsx?)$/, "")
        .replace(/\[\.\]/g, "\u0000")
        .split(".")
        // eslint-disable-next-line no-control-regex -- NUL stands in for an escaped dot
        .map((segment) => segment.replace(/\u0000/g, ".").replace(/_$/, ""))
        .filter((segment) => segment !== "_index")
        // A param may be followed by an escaped-dot suffix: `$number[.]pdf` is "1.pdf".
        .map((segment) => segment.replace(/^\$[\w-]+/, "1"));
      return {
        file,
        url: `/${segments.join("/")}`,
        hasAction: /export (async )?function action/.test(source),
        adminOnly: /requireUser\([^)]*\["admin"\]\)/.test(source),
      };
    });
}

async function signInByRequest(request: APIRequestContext, baseURL: string, who: { email: string; password: string }) {
  const response = await request.post("/admin/login", {
    form: { email: who.email, password: who.password },
    headers: { Origin: baseURL },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
}

test("every admin route refuses anonymous visitors, and admin-only routes refuse sales", async ({
  playwright,
  baseURL,
}) => {
  const routes = adminRoutes();
  expect(routes.length).toBeGreaterThanOrEqual(5);
  const origin = { Origin: baseURL! };

  const anonymous = await playwright.request.newContext({ baseURL });
  for (const route of routes) {
    const read = await anonymous.get(route.url, { maxRedirects: 0 });
    expect(read.status(), `GET ${route.url} as anonymous`).toBe(302);
    expect(read.headers().location, route.url).toMatch(/^\/admin\/login/);
    if (route.hasAction) {
      const write = await anonymous.post(route.url, { form: { intent: "anything" }, headers: origin, maxRedirects: 0 });
      expect(write.status(), `POST ${route.url} as anonymous`).toBe(302);
      expect(write.headers().location).toBe("/admin/login");
    }
  }

  const sales = await playwright.request.newContext({ baseURL });
  await signInByRequest(sales, baseURL!, SALES);
  const adminOnly = routes.filter((route) => route.adminOnly);
  expect(adminOnly.map((route) => route.url)).toContain("/admin/users");
  for (const route of adminOnly) {
    expect((await sales.get(route.url, { maxRedirects: 0 })).status(), `GET ${route.url} as sales`).toBe(403);
    if (route.hasAction) {
      const write = await sales.post(route.url, {
        form: { intent: "create", email: "x@y.example", name: "X", role: "admin", password: "p".repeat(20) },
        headers: origin,
      });
      expect(write.status(), `POST ${route.url} as sales`).toBe(403);
    }
  }
  // Sales still reaches its own sections.
  expect((await sales.get("/admin/quotes", { maxRedirects: 0 })).status()).toBe(200);
});

test("cross-site POSTs are refused even with a valid session", async ({ playwright, baseURL }) => {
  const admin = await playwright.request.newContext({ baseURL });
  await signInByRequest(admin, baseURL!, ADMIN);
  const form = {
    intent: "create",
    email: "intruder@evil.example",
    name: "Intruder",
    role: "admin",
    password: "intruder-password-123",
  };
  const attempts: Record<string, string>[] = [
    { Origin: "https://evil.example" },
    { Origin: "null" },
    { "Sec-Fetch-Site": "cross-site" },
    {},
  ];
  for (const headers of attempts) {
    const response = await admin.post("/admin/users", { form, headers, maxRedirects: 0 });
    expect(response.status(), JSON.stringify(headers)).toBe(403);
  }
  const users = await (await admin.get("/admin/users")).text();
  expect(users).not.toContain("intruder@evil.example");
  // A sign-in form posted from another site is refused too (login CSRF).
  const login = await admin.post("/admin/login", {
    form: { email: ADMIN.email, password: ADMIN.password },
    headers: { Origin: "https://evil.example" },
  });
  expect(login.status()).toBe(403);
});

test("a wrong password and an unknown account get the same answer; the right one signs in on a fresh session", async ({
  page,
  baseURL,
}) => {
  const attempt = async (email: string, password: string) => {
    const response = await page.request.post("/admin/login", {
      form: { email, password },
      headers: { Origin: baseURL! },
      maxRedirects: 0,
    });
    const text = await response.text();
    return { status: response.status(), message: /<div class="error-summary".*?<li>([^<]*)</.exec(text)?.[1] };
  };
  const wrong = await attempt(SALES.email, "not-the-password");
  const unknown = await attempt("nobody@ironaxis.test", "not-the-password");
  expect(wrong).toEqual({ status: 401, message: "That e-mail and password do not match an account." });
  expect(unknown).toEqual(wrong);

  // In the browser: the message at the form, the e-mail kept.
  await page.goto("/admin/login?redirectTo=/admin/quotes");
  await page.getByLabel("E-mail").fill(SALES.email);
  await page.getByLabel("Password").fill("still wrong");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("That e-mail and password do not match an account.");
  await expect(page.getByRole("alert")).toBeFocused();
  await expect(page.getByLabel("E-mail")).toHaveValue(SALES.email);

  const cookieBefore = (await page.context().cookies()).find((c) => c.name.includes("ironaxis_admin"));
  expect(cookieBefore).toBeUndefined();
  await page.getByLabel("Password").fill(SALES.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/admin/quotes"); // back where they were going
  const first = (await page.context().cookies()).find((c) => c.name.includes("ironaxis_admin"))!;
  expect(first.httpOnly).toBe(true);
  expect(first.sameSite).toBe("Lax");

  // Signing in again rotates the session: the old token stops working.
  await page.goto("/admin/login");
  await expect(page).toHaveURL(/\/admin$/); // already signed in
  const again = await page.request.post("/admin/login", {
    form: { email: SALES.email, password: SALES.password },
    headers: { Origin: baseURL! },
    maxRedirects: 0,
  });
  expect(again.status()).toBe(302);
  const second = (await page.context().cookies()).find((c) => c.name.includes("ironaxis_admin"))!;
  expect(second.value).not.toBe(first.value);
  const replay = await page.request.get("/admin", {
    headers: { Cookie: `${first.name}=${first.value}` },
    maxRedirects: 0,
  });
  expect(replay.status()).toBe(302);

  // Signing out revokes the session on the server, not only in the browser.
  await page.goto("/admin");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/admin\/login$/);
  const afterLogout = await page.request.get("/admin", {
    headers: { Cookie: `${second.name}=${second.value}` },
    maxRedirects: 0,
  });
  expect(afterLogout.status()).toBe(302);
});

test("redirectTo after sign-in never leaves the back office", async ({ playwright, baseURL }) => {
  for (const target of [
    "https://evil.example/",
    "//evil.example/admin",
    "/\\evil.example",
    "/admin/../../evil",
    "javascript:alert(1)",
    "/admin@evil.example",
  ]) {
    const context = await playwright.request.newContext({ baseURL });
    const response = await context.post("/admin/login", {
      form: { email: SALES.email, password: SALES.password, redirectTo: target },
      headers: { Origin: baseURL! },
      maxRedirects: 0,
    });
    const location = response.headers().location;
    expect(location, target).toMatch(/^\/admin/);
    expect(new URL(location, baseURL).origin, target).toBe(new URL(baseURL!).origin);
    await context.dispose();
  }
});

test("an admin creates a sales user who can then sign in; a new password and disabling each sign them out", async ({
  page,
  browser,
}) => {
  await signIn(page, ADMIN);
  await page.goto("/admin/users");
  await page.getByLabel("E-mail").fill("short@ironaxis.test");
  await page.getByLabel("Name").fill("Short Password");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByRole("button", { name: "Save user" }).click();
  await expect(page.getByText("Use at least 12 characters").first()).toBeVisible();
  await expect(page.getByLabel("E-mail")).toHaveValue("short@ironaxis.test");

  const email = `new-sales-${Date.now()}@ironaxis.test`;
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Name").fill("Nina New");
  await page.getByLabel("Password", { exact: true }).fill("a-long-enough-password");
  await page.getByRole("button", { name: "Save user" }).click();
  await expect(page.getByRole("cell", { name: email })).toBeVisible();

  const other = gotoHydrates(await (await browser.newContext()).newPage());
  await signIn(other, { email, password: "a-long-enough-password" });
  await expect(other.getByRole("link", { name: "Users" })).toHaveCount(0); // sales sees no Users section

  await page.getByLabel("User", { exact: true }).selectOption({ label: `Nina New (${email})` });
  await page.getByLabel("New password").fill("too-short");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("Use at least 12 characters").first()).toBeVisible();
  await expect(page.getByLabel("User", { exact: true })).toHaveValue(/\d+/);
  await page.getByLabel("New password").fill("another-long-enough-password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("Password changed.")).toBeVisible();
  await other.goto("/admin/quotes");
  await expect(other).toHaveURL(/\/admin\/login/);
  await signIn(other, { email, password: "another-long-enough-password" });

  await page.getByRole("button", { name: "Disable Nina New" }).click();
  await expect(page.getByRole("button", { name: "Enable Nina New" })).toBeVisible();
  await other.goto("/admin/quotes");
  await expect(other).toHaveURL(/\/admin\/login/);
});

test.describe("sign-in throttling, on a server of its own behind a proxy", () => {
  // Its own server: the shared one sees every browser as 127.0.0.1, and an attack from that
  // address would hold up the other specs' sign-ins. Behind a proxy each client names its address.
  const port = Number(process.env.E2E_PORT ?? 3210) + 6;
  const OWNER = { email: "owner@ironaxis.test", password: "owner-password-long-enough" };
  const OFFICE = "203.0.113.7";
  let server: Server;
  let database: string;

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    database = freshDatabase(`sign-in-throttle-${port}`);
    execFileSync(
      "npx",
      ["tsx", "db/admin-create.ts", "--email", OWNER.email, "--name", "Olga Owner", "--role", "admin"],
      {
        env: { ...process.env, DATABASE_PATH: database, ADMIN_PASSWORD: OWNER.password },
        stdio: "ignore",
      },
    );
    // Three failures stop an address for the whole window, so no answer depends on how fast
    // the attempts run (the doubling waits below the limit are unit-tested with a clock).
    server = await startServer(database, port, { TRUST_PROXY: "1", LOGIN_ATTEMPTS_PER_15_MIN: "3" });
  });
  test.afterAll(async () => {
    await server?.stop();
    for (const file of [database, `${database}-wal`, `${database}-shm`, snapshotFile(database)])
      fs.rmSync(file, { force: true });
  });

  test("an attacker's wrong passwords from the office address do not stop the owner's right one from a browser that signed in before", async ({
    browser,
    playwright,
  }) => {
    const owner = await browser.newContext({ baseURL: server.origin, extraHTTPHeaders: { "X-Forwarded-For": OFFICE } });
    const ownerPage = gotoHydrates(await owner.newPage());
    await signIn(ownerPage, OWNER);
    await ownerPage.getByRole("button", { name: "Sign out" }).click();
    await expect(ownerPage).toHaveURL(/\/admin\/login$/);

    const attacker = await playwright.request.newContext({
      baseURL: server.origin,
      extraHTTPHeaders: { "X-Forwarded-For": OFFICE, Origin: server.origin },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await attacker.post("/admin/login", {
        form: { email: OWNER.email, password: `guess-${i}` },
        maxRedirects: 0,
      });
      statuses.push(response.status());
    }
    expect(statuses).toEqual([401, 401, 401, ...Array(9).fill(429)]);
    // The attacker holding the right password now is held up too: the answer says for how long.
    const held = await attacker.post("/admin/login", {
      form: { email: OWNER.email, password: OWNER.password },
      maxRedirects: 0,
    });
    expect(held.status()).toBe(429);
    expect(Number(held.headers()["retry-after"])).toBeGreaterThan(0);
    const message = /<div class="error-summary".*?<li>([^<]*)</.exec(await held.text())?.[1];
    expect(message).toMatch(
      /^Too many failed sign-ins\. Try again in 1[45] minutes, or from a browser you have signed in with before\.$/,
    );

    // The owner, same address, in the browser that signed in before.
    await signIn(ownerPage, OWNER);
    await expect(ownerPage.getByRole("heading", { level: 1 })).toBeVisible();

    // Nor is a new browser of the owner's at another address.
    const elsewhere = await browser.newContext({
      baseURL: server.origin,
      extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.20" },
    });
    await signIn(gotoHydrates(await elsewhere.newPage()), OWNER);
    await Promise.all([owner.close(), elsewhere.close(), attacker.dispose()]);
  });
});
