/**
 * Online backup while buyers keep sending requests, then the restore drill: the backup passes
 * integrity_check and holds every request acknowledged before it started; restored into a new
 * place, with an upload folder of its own, the site answers its smoke checks (home, a category,
 * a product, search, a status link) and serves a quote attachment and a product picture from
 * the files the backup saved beside it.
 */
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import {
  freshDatabase,
  inspect,
  integrity,
  productIds,
  readRequestForm,
  requestQuote,
  sleep,
  startServer,
  workDir,
} from "./harness";
import { figure, type Figure } from "./figures";
import { requestFormFields } from "../support/factories/buyers";

const run = promisify(execFile);
const WRITERS = 8;
const PDF = Buffer.from("%PDF-1.4\n% a drawing\n%%EOF\n");
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

/** A request with a PDF attached, sent as the browser's multipart form: its status link and the file's link. */
async function requestWithAttachment(origin: string, productId: number) {
  const added = await fetch(`${origin}/quote`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ intent: "add", productId: String(productId), quantity: "1" }),
  });
  const cookie = added.headers.get("set-cookie")!.split(";")[0];
  const start = readRequestForm(await (await fetch(`${origin}/quote`, { headers: { Cookie: cookie } })).text())!;
  const form = new FormData();
  const fields = { ...requestFormFields({ email: "drawings@backup.example" }), ...start };
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append("attachments", new Blob([PDF], { type: "application/pdf" }), "drawing.pdf");
  const sent = await fetch(`${origin}/quote`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: cookie },
    body: form,
  });
  const status = sent.headers.get("location") ?? "";
  const page = await (await fetch(`${origin}${status}`)).text();
  return { status, attachment: page.match(/href="(\/quotes\/[^"]+\/attachments\/\d+)"/)?.[1] };
}

/** A product picture as the back office stores it: a file under UPLOAD_DIR/products and the product's image path. */
function addProductPicture(database: string, productId: number) {
  const name = `${crypto.randomBytes(16).toString("hex")}.png`;
  fs.mkdirSync(path.join(workDir, "uploads", "products"), { recursive: true });
  fs.writeFileSync(path.join(workDir, "uploads", "products", name), PNG);
  const db = new Database(database);
  db.pragma("busy_timeout = 5000");
  db.prepare("UPDATE products SET image_path = ? WHERE id = ?").run(`/product-images/${name}`, productId);
  db.close();
  return `/product-images/${name}`;
}

export async function backupWhileWriting(): Promise<Figure[]> {
  const database = freshDatabase("backup-live");
  const server = await startServer(database, 3406);
  const acknowledged: { email: string; token: string; at: number }[] = [];
  let stop = false;
  let serverErrors = 0;
  const backups: { file: string; startedAt: number; ms: number; output: string }[] = [];
  let uploaded: { status: string; attachment?: string; picture: string } | undefined;
  try {
    const products = await productIds(server.origin);
    uploaded = {
      ...(await requestWithAttachment(server.origin, products[0])),
      picture: addProductPicture(database, products[1]),
    };
    const writers = Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        const email = `backup-${w}-${i}@load.example`;
        const outcome = await requestQuote(server.origin, {
          email,
          productId: products[i % products.length],
          quantity: 1,
        });
        if (outcome.acknowledged) acknowledged.push({ email, token: outcome.token!, at: Date.now() });
        if (outcome.steps.some((s) => s >= 500)) serverErrors++;
      }
    });
    for (let n = 0; n < 2; n++) {
      await sleep(800);
      const file = path.join(workDir, `backup-${n}.db`);
      const startedAt = Date.now();
      const { stdout } = await run("npx", ["tsx", "db/backup.ts", file], {
        env: { ...process.env, DATABASE_PATH: database, UPLOAD_DIR: path.join(workDir, "uploads") },
      });
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
      figure(
        t,
        `backup ${n + 1} during writes: integrity_check`,
        `${check.integrity} (${backup.ms} ms incl. tsx start)`,
        check.integrity === "ok",
      ),
      figure(
        t,
        `backup ${n + 1}: requests acknowledged before it began, held`,
        `${held}/${before.length}`,
        held === before.length && before.length > 0,
      ),
    );
  }

  // The drill: restore the first backup into a new place and bring the site up on it.
  const restored = path.join(workDir, "restored", "ironaxis.db");
  const restoredUploads = path.join(workDir, "restored", "uploads");
  const restoredEnv = { ...process.env, DATABASE_PATH: restored, UPLOAD_DIR: restoredUploads };
  const restore = await run("npx", ["tsx", "db/restore.ts", backups[0].file], { env: restoredEnv });
  const site = await startServer(restored, 3407, { UPLOAD_DIR: restoredUploads });
  try {
    const html = await (await fetch(`${site.origin}/categories/pressure-gauges`)).text();
    const productSlug = html.match(/href="\/products\/([a-z0-9-]+)"/)?.[1];
    const token = acknowledged.find((a) => a.at < backups[0].startedAt)!.token;
    const pages = [
      "/",
      "/categories/pressure-gauges",
      `/products/${productSlug}`,
      "/search?q=gauge",
      `/quotes/${token}`,
      "/healthz",
    ];
    const statuses = await Promise.all(
      pages.map(async (page) => (await fetch(`${site.origin}${page}`, { redirect: "manual" })).status),
    );
    const ok = statuses.filter((s) => s === 200).length;
    figures.push(
      figure(
        t,
        "db:restore of backup 1 into an empty place",
        /^Restored/m.test(restore.stdout) ? "restored, migrated" : "failed",
        /^Restored/m.test(restore.stdout),
        restore.stdout + restore.stderr,
      ),
      figure(
        t,
        "restored site: home, category, product, search, status link, healthz",
        `${ok}/${pages.length} answered 200`,
        ok === pages.length,
        JSON.stringify(Object.fromEntries(pages.map((p, i) => [p, statuses[i]]))),
      ),
    );
    // The uploads came back from the backup's folder, not from the live site's.
    const same = async (link: string | undefined, bytes: Buffer) => {
      if (!link) return false;
      const response = await fetch(`${site.origin}${link}`);
      return response.status === 200 && Buffer.from(await response.arrayBuffer()).equals(bytes);
    };
    const files = [await same(uploaded?.attachment, PDF), await same(uploaded?.picture, PNG)];
    figures.push(
      figure(
        t,
        "restored site: a quote attachment and a product picture, from the backup's files",
        `${files.filter(Boolean).length}/2 identical`,
        files.every(Boolean),
        JSON.stringify({ uploaded, restore: restore.stdout }),
      ),
    );
  } finally {
    await site.stop();
  }
  // Restoring over a database that exists keeps that one aside first.
  const again = await run("npx", ["tsx", "db/restore.ts", backups[1].file], { env: restoredEnv });
  const kept = again.stdout.match(/kept as (\S+\.db)/)?.[1];
  const keptCheck = kept ? integrity(kept) : undefined;
  figures.push(
    figure(
      t,
      "db:restore over an existing database keeps it aside",
      kept ? `kept, integrity ${keptCheck?.integrity}` : "not kept",
      Boolean(kept) && keptCheck?.integrity === "ok",
      again.stdout + again.stderr,
    ),
  );
  return figures;
}
