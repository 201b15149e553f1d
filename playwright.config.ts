import { defineConfig, devices } from "@playwright/test";
import { chromiumArgs, chromiumExecutable } from "./tests/support/browser";
import { MAIL_HTTP_PORT, SMTP_PORT } from "./tests/support/mail";

const port = Number(process.env.E2E_PORT ?? 3210);
const database = `tests/.tmp/e2e-${process.pid}.db`;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: { executablePath: chromiumExecutable(), args: chromiumArgs },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: [
    {
      // A real SMTP server on loopback that catches the site's outgoing e-mail.
      command: `npx tsx tests/support/smtp-catcher.ts ${SMTP_PORT} ${MAIL_HTTP_PORT}`,
      url: `http://127.0.0.1:${MAIL_HTTP_PORT}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // A fresh database file for every run, migrated and seeded, then the production server.
      command: `rm -rf tests/.tmp && mkdir -p tests/.tmp && DATABASE_PATH=${database} npx tsx db/setup.ts && exec node server.js`,
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
      },
      url: `http://127.0.0.1:${port}/healthz`,
      reuseExistingServer: false,
      timeout: 120_000,
      // The request log (one JSON line per request) would drown the test report; errors go to stderr.
      stdout: "ignore",
    },
  ],
});
