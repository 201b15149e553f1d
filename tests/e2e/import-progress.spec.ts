import { expect, test } from "../support/test";
import Database from "better-sqlite3";
import { SALES, signIn } from "../support/admin";
import { countRows } from "../support/db";

/**
 * This spec holds the site's write lock from a process of its own while an import runs, which
 * would make other specs' writes wait and answer "busy": playwright.config.ts runs it alone,
 * after every other spec has finished.
 */
// Test products live in one sub-category the public catalog specs do not count.
const CATEGORY = "hydraulic-presses";
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`.toUpperCase();

test("an applied import shows its progress, without JavaScript too, while another writer holds it up, then how it ended", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000); // five thousand rows are checked twice and written
  await signIn(page, SALES);
  const prefix = `PRG-${unique()}`;
  // Enough rows that writing them takes many batches: the lock is taken while they are written.
  const rows = 5000;
  const count = rows.toLocaleString("en-US");
  // Archived, so the extra products leave the public catalog as it was.
  const header = "partNumber,name,manufacturer,category,leadTimeDays,status,spec:force";
  const lines = Array.from(
    { length: rows },
    (_, i) => `${prefix}-${i},Progress press ${i},Ironside,${CATEGORY},10,archived,25`,
  );
  await page.goto("/admin/catalog/import");
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "progress.csv", mimeType: "text/csv", buffer: Buffer.from([header, ...lines].join("\n")) });
  await page.getByRole("button", { name: "Check the file (dry run)" }).click();
  await expect(page.getByRole("status").filter({ hasText: "rows:" })).toHaveText(
    new RegExp(`${count} rows: ${count} to create`),
    { timeout: 90_000 },
  );

  // Another process takes the write lock once the import has written its first rows, and holds it
  // for a while. It waits for the lock as SQLite does, trying again up to 100 ms apart for as long
  // as the server's requests wait (2 s), like a request in another server worker: the import leaves
  // the lock free that long often enough for it to get in.
  const other = new Database(process.env.E2E_DATABASE_PATH!);
  try {
    other.pragma("busy_timeout = 2000");
    const latest = other.prepare<[], { id: number; rowsWritten: number }>(
      "SELECT id, rows_written AS rowsWritten FROM catalog_imports WHERE file_name = 'progress.csv' ORDER BY id DESC LIMIT 1",
    );
    const before = latest.get()?.id;
    await page.getByRole("button", { name: `Apply import (${count} new, 0 updated)` }).click();
    await expect
      .poll(() => (latest.get()?.id === before ? 0 : latest.get()!.rowsWritten), { intervals: [5], timeout: 20_000 })
      .toBeGreaterThan(0);
    other.prepare("BEGIN IMMEDIATE").run();
    const { id: jobId, rowsWritten: written } = latest.get()!;
    expect(written).toBeLessThan(rows);

    await expect(page).toHaveURL(new RegExp(`\\?job=${jobId}$`), { timeout: 20_000 });
    await expect(page.getByRole("heading", { name: "Applying progress.csv" })).toBeVisible();
    await expect(page.getByRole("progressbar", { name: "Applying progress.csv" })).toHaveAttribute("max", String(rows));
    await expect(page.getByRole("status").filter({ hasText: "rows written" })).toHaveText(
      new RegExp(`^${written.toLocaleString("en-US")} of ${count} rows written`),
    );

    // Without JavaScript the page refreshes itself.
    const noScript = await browser.newContext({
      javaScriptEnabled: false,
      storageState: await page.context().storageState(),
    });
    const plain = await noScript.newPage();
    await plain.goto(`/admin/catalog/import?job=${jobId}`);
    await expect(plain.getByText(`of ${count} rows written`)).toBeVisible();
    // In the head, where HTML allows it.
    expect(await plain.locator('head meta[http-equiv="refresh"]').getAttribute("content")).toBe("2");
    await noScript.close();
  } finally {
    if (other.inTransaction) other.prepare("ROLLBACK").run();
    other.close();
  }

  // The import goes on once the lock is free; the page follows it to the end by itself.
  await expect(page.getByRole("status")).toHaveText(
    new RegExp(`^Import applied: ${count} created, 0 updated, 0 unchanged \\(\\d+\\.\\d s\\)\\.$`),
    { timeout: 90_000 },
  );
  await expect(page.getByRole("progressbar")).toHaveCount(0);
  expect(
    countRows("SELECT count(*) AS n FROM products WHERE part_number LIKE ? AND status = 'archived'", `${prefix}-%`),
  ).toBe(rows);
});
