/**
 * Passkeys in real Chromium with its virtual authenticator (CDP WebAuthn domain). An IP address
 * cannot be a WebAuthn RP ID, so this spec runs a server of its own (port E2E_PORT + 7, its own
 * database) whose SITE_URL is http://localhost:…, and browses it by that name.
 */
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { freshDatabase, inspect, startServer, type Server } from "../reliability/harness";
import { signInByCode } from "../support/accounts";
import { expectNoSeriousAxeViolations } from "../support/axe";
import { SMTP_PORT } from "../support/mail";
import { expect, hydrated, test } from "../support/test";
import { snapshotFile } from "~/catalog/catalog-index-snapshot.server";

const OWN_PORT = Number(process.env.E2E_PORT ?? 3210) + 7;
const SITE = `http://localhost:${OWN_PORT}`;

test.use({ baseURL: SITE });
test.describe.configure({ mode: "serial" });

let server: Server;
let database: string;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  database = freshDatabase(`passkeys-${OWN_PORT}`);
  server = await startServer(database, OWN_PORT, { SITE_URL: SITE, SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}` });
});

test.afterAll(async () => {
  await server?.stop();
  for (const file of [database, `${database}-wal`, `${database}-shm`, snapshotFile(database)])
    fs.rmSync(file, { force: true });
});

/** A platform authenticator that holds discoverable credentials and verifies its user, as a laptop's would. */
async function virtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  const credentials = async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials;
  return { credentials };
}

/** Console errors of the page (a CSP violation would be one). */
function consoleErrors(page: Page) {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  return errors;
}

const sessionsOf = (email: string) =>
  inspect(
    database,
    (db) =>
      (
        db
          .prepare(
            "SELECT count(*) AS n FROM customer_sessions JOIN customers ON customers.id = customer_id WHERE email = ?",
          )
          .get(email) as { n: number }
      ).n,
  );

async function addPasskey(page: Page, name: string) {
  await page.goto("/account/security");
  await page.getByLabel("Name (optional)").fill(name);
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Passkey added" })).toBeVisible();
  await expect(page.getByRole("heading", { name, level: 3 })).toBeVisible();
}

async function signOut(page: Page) {
  await page.goto("/account");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1$/);
}

test("a buyer adds a passkey, signs in with it without typing an e-mail, and a removed one is refused", async ({
  page,
}) => {
  const errors = consoleErrors(page);
  const { credentials } = await virtualAuthenticator(page);
  const email = `passkey-${Date.now()}@example.com`;
  await signInByCode(page, email);

  await addPasskey(page, "Work laptop");
  expect(await credentials()).toMatchObject([{ isResidentCredential: true }]);
  await expect(page.getByText(/Last used never/)).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  await signOut(page);
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page).toHaveURL(`${SITE}/account`);

  // Signed out again, the way back to a page of the account goes through sign-in and returns there.
  await signOut(page);
  await page.goto("/account/security");
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Faccount%2Fsecurity/);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page).toHaveURL(`${SITE}/account/security`);
  // A whole page load (window.location.assign): wait for the page, and for it to hydrate before a click.
  await expect(page.getByRole("heading", { level: 3, name: "Work laptop", exact: true })).toBeVisible();
  await expect(page.getByText(/Last used never/)).toBeHidden();
  await hydrated(page);

  await page.getByRole("button", { name: "Remove “Work laptop”" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Passkey removed" })).toBeVisible();
  await expect(page.getByText("You have no passkeys yet.")).toBeVisible();

  // The authenticator still holds the passkey; the site no longer knows it.
  await signOut(page);
  const before = sessionsOf(email);
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByRole("status").filter({ hasText: "not registered with IronAxis" })).toBeVisible();
  await expect(page).toHaveURL(`${SITE}/sign-in`);
  expect(sessionsOf(email)).toBe(before);
  await expectNoSeriousAxeViolations(page);

  expect(errors.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
});

test("a replayed passkey assertion is refused and starts no session", async ({ page, request }) => {
  await virtualAuthenticator(page);
  const email = `replay-${Date.now()}@example.com`;
  await signInByCode(page, email);
  await addPasskey(page, "Phone");
  await signOut(page);

  await page.goto("/sign-in");
  const verify = page.waitForRequest((r) => r.method() === "POST" && r.url() === `${SITE}/sign-in/passkey/verify`);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  const captured = (await verify).postData()!;
  await expect(page).toHaveURL(`${SITE}/account`);
  const sessions = sessionsOf(email);

  const replay = await request.post("/sign-in/passkey/verify", {
    headers: { "Content-Type": "application/json", Origin: SITE },
    data: captured,
  });
  expect(replay.status()).toBe(400);
  expect((await replay.json()) as { error: string }).toEqual({ error: expect.stringContaining("already used") });
  expect(replay.headers()["set-cookie"]).toBeUndefined();
  expect(sessionsOf(email)).toBe(sessions);
});

test("the passkey routes answer garbage with a 4xx and a message, never a 500", async ({ request }) => {
  const post = (path: string, body: string, type = "application/json") =>
    request.post(path, { headers: { "Content-Type": type, Origin: SITE }, data: body, maxRedirects: 0 });
  for (const [body, type, status] of [
    ["not json", "application/json", 400],
    ["{}", "application/json", 400],
    ['{"response":{"id":"x","rawId":"x","type":"public-key","response":null}}', "application/json", 400],
    ['{"response":[1,2,3]}', "application/json", 400],
    ["response=1", "application/x-www-form-urlencoded", 415],
    [`{"pad":"${"x".repeat(40_000)}"}`, "application/json", 413],
  ] as const) {
    const answer = await post("/sign-in/passkey/verify", body, type);
    expect(answer.status(), body.slice(0, 40)).toBe(status);
    expect(((await answer.json()) as { error: string }).error).toMatch(/\w/);
  }
  const stale = await post(
    "/sign-in/passkey/verify",
    JSON.stringify({
      response: {
        id: "AAAA",
        rawId: "AAAA",
        type: "public-key",
        response: { clientDataJSON: "e30", authenticatorData: "AAAA", signature: "AAAA" },
        clientExtensionResults: {},
      },
    }),
  );
  expect(stale.status()).toBe(400);
  // Anonymous: asking to add a passkey sends to sign-in, it does not answer options.
  const anonymous = await post("/account/security/passkeys/options", "{}");
  expect(anonymous.status()).toBe(302);
  expect(anonymous.headers().location).toMatch(/^\/sign-in/);
  // From another site: refused before anything reads it.
  const crossSite = await request.post("/sign-in/passkey/options", {
    headers: { Origin: "https://evil.example" },
    data: "{}",
  });
  expect(crossSite.status()).toBe(403);
});

test("without JavaScript the security page says passkeys need it, and renames a passkey with a plain form", async ({
  page,
  browser,
}) => {
  await virtualAuthenticator(page);
  const email = `nojs-${Date.now()}@example.com`;
  await signInByCode(page, email);
  await addPasskey(page, "Desk");

  const plain = await browser.newContext({
    javaScriptEnabled: false,
    baseURL: SITE,
    storageState: await page.context().storageState(),
  });
  const noScript = await plain.newPage();
  await noScript.goto("/account/security");
  await expect(noScript.getByText("Adding a passkey needs JavaScript")).toBeVisible();
  await expect(noScript.getByRole("button", { name: "Add a passkey" })).toHaveCount(0);
  await noScript.getByLabel("New name for “Desk”").fill("Office desk");
  await noScript.getByRole("button", { name: "Rename" }).click();
  await expect(noScript.getByRole("status").filter({ hasText: "Passkey renamed." })).toBeVisible();
  await expect(noScript.getByRole("heading", { name: "Office desk", level: 3 })).toBeVisible();

  // The page's own "sign out everywhere" ends both browsers' session.
  expect(sessionsOf(email)).toBe(1);
  await noScript.goto("/account/security");
  await noScript
    .getByRole("region", { name: "Signed-in browsers" })
    .getByRole("button", { name: "Sign out everywhere" })
    .click();
  await expect(noScript).toHaveURL(/\/sign-in\?signedOut=everywhere$/);
  expect(sessionsOf(email)).toBe(0);
  // Signed out, without JavaScript: the e-mailed code, and no passkey button that could not work.
  await expect(noScript.getByRole("button", { name: "Send me a code" })).toBeVisible();
  await expect(noScript.getByRole("button", { name: "Sign in with a passkey" })).toHaveCount(0);
  await plain.close();
});
