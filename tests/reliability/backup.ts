/**
 * Online backup while buyers keep sending requests, then the restore drill: the backup passes
 * integrity_check and holds every request acknowledged before it started; restored into a new
 * place, the site answers its smoke checks (home, a category, a product, search, a status link).
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { freshDatabase, inspect, integrity, productIds, requestQuote, sleep, startServer, workDir } from "./harness";
import { figure, type Figure } from "./figures";

const run = promisify(execFile);
const WRITERS = 8;

export async function backupWhileWriting(): Promise<Figure[]> {
  const database = freshDatabase("backup-live");
  const server = await startServer(database, 3406);
  const acknowledged: { email: string; token: string; at: number }[] = [];
  let stop = false;
  let serverErrors = 0;
  const backups: { file: string; startedAt: number; ms: number; output: string }[] = [];
  try {
    const products = await productIds(server.origin);
    const writers = Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        const email = `backup-${w}-${i}@load.example`;
        const outcome = await requestQuote(server.origin, { email, productId: products[i % products.length], quantity: 1 });
        if (outcome.acknowledged) acknowledged.push({ email, token: outcome.token!, at: Date.now() });
        if (outcome.steps.some((s) => s >= 500)) serverErrors++;
      }
    });
    for (let n = 0; n < 2; n++) {
      await sleep(800);
      const file = path.join(workDir, `backup-${n}.db`);
      const startedAt = Date.now();
      const { stdout } = await run("npx", ["tsx", "db/backup.ts", file], { env: { ...process.env, DATABASE_PATH: database } });
      backups.push({ file, startedAt, ms: Date.now() - startedAt, output: stdout.trim() });
    }
    await sleep(300);
    stop = true;
    await Promise.all(writers);
  } finally {
    stop = true;
    await server.stop();
  }

  const t = "backup";
  const figures: Figure[] = [figure(t, "5xx answers while backing up", serverErrors, serverErrors === 0)];
  for (const [n, backup] of backups.entries()) {
    const check = integrity(backup.file);
    const before = acknowledged.filter((a) => a.at < backup.startedAt).map((a) => a.email);
    const held = inspect(backup.file, (db) => {
      const has = db.prepare("SELECT 1 FROM quote_requests WHERE email = ?");
      return before.filter((email) => has.get(email)).length;
    });
    figures.push(
      figure(t, `backup ${n + 1} during writes: integrity_check`, `${check.integrity} (${backup.ms} ms incl. tsx start)`, check.integrity === "ok"),
      figure(t, `backup ${n + 1}: requests acknowledged before it began, held`, `${held}/${before.length}`, held === before.length && before.length > 0)
    );
  }

  // The drill: restore the first backup into a new place and bring the site up on it.
  const restored = path.join(workDir, "restored", "ironaxis.db");
  const restore = await run("npx", ["tsx", "db/restore.ts", backups[0].file], { env: { ...process.env, DATABASE_PATH: restored } });
  const site = await startServer(restored, 3407);
  try {
    const html = await (await fetch(`${site.origin}/categories/pressure-gauges`)).text();
    const productSlug = html.match(/href="\/products\/([a-z0-9-]+)"/)?.[1];
    const token = acknowledged.find((a) => a.at < backups[0].startedAt)!.token;
    const pages = ["/", "/categories/pressure-gauges", `/products/${productSlug}`, "/search?q=gauge", `/quotes/${token}`, "/healthz"];
    const statuses = await Promise.all(pages.map(async (page) => (await fetch(`${site.origin}${page}`, { redirect: "manual" })).status));
    const ok = statuses.filter((s) => s === 200).length;
    figures.push(
      figure(t, "db:restore of backup 1 into an empty place", /^Restored/m.test(restore.stdout) ? "restored, migrated" : "failed", /^Restored/m.test(restore.stdout), restore.stdout + restore.stderr),
      figure(t, "restored site: home, category, product, search, status link, healthz", `${ok}/${pages.length} answered 200`, ok === pages.length, JSON.stringify(Object.fromEntries(pages.map((p, i) => [p, statuses[i]]))))
    );
  } finally {
    await site.stop();
  }
  // Restoring over a database that exists keeps that one aside first.
  const again = await run("npx", ["tsx", "db/restore.ts", backups[1].file], { env: { ...process.env, DATABASE_PATH: restored } });
  const kept = again.stdout.match(/kept as (\S+\.db)/)?.[1];
  const keptCheck = kept ? integrity(kept) : undefined;
  figures.push(
    figure(t, "db:restore over an existing database keeps it aside", kept ? `kept, integrity ${keptCheck?.integrity}` : "not kept", Boolean(kept) && keptCheck?.integrity === "ok", again.stdout + again.stderr)
  );
  return figures;
}
