import { defineConfig, devices } from "@playwright/test";
import { chromiumArgs, chromiumExecutable } from "./tests/support/browser";
import { ADMIN, SALES } from "./tests/support/admin";
import { MAIL_HTTP_PORT, SMTP_PORT } from "./tests/support/mail";
import { STRIPE_PORT, STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET } from "./tests/support/stripe";

const ALONE = ["import-progress.spec.ts", "quote-concurrency.spec.ts"];
const port = Number(process.env.E2E_PORT ?? 3210);
// One database file per run. Workers inherit the runner's choice, so tests that must reach past
// the site (backdating a quote's validity) open the same file.
const database = (process.env.E2E_DATABASE_PATH ??= `tests/.tmp/e2e-${process.pid}.db`);

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI
    ? [["list"], ["./tests/support/page-at-failure-reporter.ts"]]
    : [["list"], ["html", { open: "never" }]],
  // CI machines are shared and about half as fast as a quiet developer machine: a buyer's whole
  // story (cart, checkout, Stripe, the paid page) took 22 s there, and 33 s on a busy one. Tests
  // that do more (several axe runs, thousands of rows) set their own.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: { executablePath: chromiumExecutable(), args: chromiumArgs },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, testIgnore: ALONE },
    // Specs that hold the database's write lock for seconds, or send the server hundreds of requests
    // at once, would hold up every other test's requests past its timeouts: they run one at a time,
    // once every other spec has finished.
    {
      name: "alone",
      use: { ...devices["Desktop Chrome"] },
      testMatch: ALONE,
      workers: 1,
      dependencies: ["chromium"],
    },
  ],
  webServer: [
    {
      // A real SMTP server on loopback that catches the site's outgoing e-mail.
      command: `npx tsx tests/support/smtp-catcher.ts ${SMTP_PORT} ${MAIL_HTTP_PORT}`,
      url: `http://127.0.0.1:${MAIL_HTTP_PORT}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // A Stripe API emulator: Checkout Sessions, a hosted checkout page, signed webhook events.
      command: "npx tsx tests/support/stripe-emulator.ts",
      env: {
        STRIPE_EMULATOR_PORT: String(STRIPE_PORT),
        STRIPE_WEBHOOK_URL: `http://127.0.0.1:${port}/webhooks/stripe`,
        STRIPE_WEBHOOK_SECRET,
      },
      url: `http://127.0.0.1:${STRIPE_PORT}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // A fresh database file for every run, migrated and seeded, then the production server
      // (compiled from server/ first, in well under a second, so a plain `remix build` suffices).
      // Back-office users are made by the same script an operator uses.
      command: [
        `rm -rf tests/.tmp && mkdir -p tests/.tmp && DATABASE_PATH=${database} npx tsx db/setup.ts`,
        ...[ADMIN, SALES].map(
          (user) =>
            `DATABASE_PATH=${database} ADMIN_PASSWORD=${user.password} npx tsx db/admin-create.ts --email ${user.email} --name "${user.name}" --role ${user.role}`,
        ),
        "node server/compile.mjs",
        "exec node build/server/index.js",
      ].join(" && "),
      env: {
        DATABASE_PATH: database,
        PORT: String(port),
        NODE_ENV: "production",
        SITE_URL: `http://127.0.0.1:${port}`,
        SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
        SALES_EMAIL: "sales@ironaxis.test",
        UPLOAD_DIR: `tests/.tmp/uploads-${process.pid}`,
        // Browsers driven by tests fill forms in milliseconds, all from one address; the limits
        // themselves are covered by unit tests.
        QUOTE_MIN_FILL_SECONDS: "0",
        QUOTE_REQUESTS_PER_HOUR: "10000",
        CONTACT_MESSAGES_PER_HOUR: "10000",
        SIGN_IN_CODES_PER_HOUR: "10000",
        // stripe-node talks to the emulator; the app's code is the production code.
        STRIPE_SECRET_KEY,
        STRIPE_WEBHOOK_SECRET,
        STRIPE_API_HOST: "127.0.0.1",
        STRIPE_API_PORT: String(STRIPE_PORT),
        STRIPE_API_PROTOCOL: "http",
      },
      url: `http://127.0.0.1:${port}/healthz`,
      reuseExistingServer: false,
      timeout: 120_000,
      // The request log (one JSON line per request) would drown the test report; errors go to stderr.
      stdout: "ignore",
    },
  ],
});
