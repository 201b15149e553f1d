/**
 * What every reliability test needs: a fresh database, production servers it starts and stops
 * itself (each on its own port in 3400–3499), and a buyer that speaks the quote form over plain
 * HTTP (no browser: the point is volume).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

/** The production server as `npm run build` compiles it (server/index.ts). */
export const SERVER_ENTRY = "build/server/index.js";

/** Databases, uploads and backups of this process's servers; created on first use. */
export const workDir = path.join(os.tmpdir(), `ironaxis-reliability-${process.pid}`);
const running = new Set<ChildProcess>();
// However the run ends, no server is left behind.
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/**
 * A new database file, migrated and seeded by the same entry point as production; a copy of
 * `from` (a synthetic catalog), migrated, when given.
 */
export function freshDatabase(name: string, from?: string) {
  fs.mkdirSync(workDir, { recursive: true });
  const file = path.join(workDir, `${name}.db`);
  if (from) {
    const source = new Database(from, { fileMustExist: true });
    source.pragma("wal_checkpoint(TRUNCATE)"); // every page in the file that is copied
    source.close();
    fs.copyFileSync(from, file);
  }
  execFileSync("npx", ["tsx", "db/setup.ts"], { env: { ...process.env, DATABASE_PATH: file }, stdio: "ignore" });
  return file;
}

export type Server = {
  origin: string;
  port: number;
  child: ChildProcess;
  /** Every line the server wrote to stdout and stderr. */
  stdout: string[];
  stderr: string[];
  exited: Promise<number | null>;
  stop: () => Promise<number | null>;
};

export function serverEnv(database: string, port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_PATH: database,
    PORT: String(port),
    SITE_URL: `http://127.0.0.1:${port}`,
    UPLOAD_DIR: path.join(workDir, "uploads"),
    QUOTE_MIN_FILL_SECONDS: "0",
    QUOTE_REQUESTS_PER_HOUR: "1000000",
    WEB_CONCURRENCY: "1",
    ...extra,
  } as NodeJS.ProcessEnv;
}

export function spawnServer(env: NodeJS.ProcessEnv): Omit<Server, "origin" | "port"> {
  const child = spawn(process.execPath, [SERVER_ENTRY], { env, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const collect = (stream: NodeJS.ReadableStream, into: string[]) => {
    let rest = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop()!;
      into.push(...lines);
    });
    stream.on("end", () => rest && into.push(rest));
  };
  collect(child.stdout!, stdout);
  collect(child.stderr!, stderr);
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    return exited;
  };
  return { child, stdout, stderr, exited, stop };
}

export async function startServer(database: string, port: number, extra: Record<string, string> = {}): Promise<Server> {
  const server = { ...spawnServer(serverEnv(database, port, extra)), port, origin: `http://127.0.0.1:${port}` };
  for (let i = 0; i < 300; i++) {
    if (server.child.exitCode !== null) break;
    try {
      if ((await fetch(`${server.origin}/healthz`)).ok) return server;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  server.child.kill("SIGKILL");
  throw new Error(`server on ${port} did not start:\n${server.stderr.join("\n")}`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A product id taken from a category page, as a buyer's browser would. */
export async function productIds(origin: string) {
  const html = await (await fetch(`${origin}/categories/pressure-gauges`)).text();
  return [...html.matchAll(/name="productId" value="(\d+)"/g)].map((m) => Number(m[1]));
}

export type Outcome = { status: number; location?: string; error?: string; bodyStart?: string };

async function post(origin: string, pathname: string, form: Record<string, string>, cookie?: string) {
  return fetch(`${origin}${pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie && { Cookie: cookie }) },
    body: new URLSearchParams(form).toString(),
  });
}

/** The request form's submission key and signed start, from the HTML of /quote. */
export function readRequestForm(html: string) {
  const submissionKey = html.match(/name="submissionKey" value="([^"]+)"/)?.[1];
  const formStartedAt = html.match(/name="formStartedAt" value="([^"]+)"/)?.[1];
  return submissionKey && formStartedAt ? { submissionKey, formStartedAt } : undefined;
}

/**
 * One buyer from empty list to acknowledged request: add a product (the answer sets the quote
 * list cookie), read the form for its one-time submission key and signed start, then send the request.
 * Acknowledged means the server answered 302 to the request's status page.
 */
export async function requestQuote(
  origin: string,
  buyer: { email: string; productId: number; quantity: number; readForm?: boolean },
): Promise<Outcome & { acknowledged: boolean; token?: string; steps: number[] }> {
  const steps: number[] = [];
  try {
    const added = await post(origin, "/quote", {
      intent: "add",
      productId: String(buyer.productId),
      quantity: String(buyer.quantity),
    });
    steps.push(added.status);
    await added.arrayBuffer();
    const cookie = added.headers.get("set-cookie")?.split(";")[0];
    if (added.status !== 302 || !cookie) return { status: added.status, acknowledged: false, steps };
    // The form's key and its signed start come from the page, as a browser gets them.
    const page = await fetch(`${origin}/quote`, { headers: { Cookie: cookie } });
    if (buyer.readForm) steps.push(page.status);
    const form = readRequestForm(await page.text()) ?? { submissionKey: "missing", formStartedAt: "missing" };
    const sent = await post(
      origin,
      "/quote",
      {
        intent: "submit-request",
        ...form,
        company: "Reliability Test Co",
        contactName: "Load Buyer",
        email: buyer.email,
        country: "United States",
        website: "",
      },
      cookie,
    );
    steps.push(sent.status);
    const location = sent.headers.get("location") ?? undefined;
    const bodyStart = sent.status >= 400 ? (await sent.text()).slice(0, 300) : (await sent.arrayBuffer(), undefined);
    const token = location?.match(/^\/quotes\/([A-Za-z0-9_-]{43})$/)?.[1];
    return {
      status: sent.status,
      location,
      acknowledged: sent.status === 302 && Boolean(token),
      token,
      steps,
      bodyStart,
    };
  } catch (error) {
    return { status: 0, acknowledged: false, error: String((error as Error).cause ?? error), steps };
  }
}

/** Runs `task` for each item with at most `concurrency` at a time. */
export async function pool<T, R>(items: T[], concurrency: number, task: (item: T, index: number) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await task(items[index], index);
      }
    }),
  );
  return results;
}

/** Opens the database read-only, beside whatever server uses it. */
export function inspect<T>(file: string, look: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    return look(db);
  } finally {
    db.close();
  }
}

/**
 * For each e-mail: how many requests carry it, and whether each is whole (its line, its first
 * status event and both e-mails in the outbox were written with it, in the same transaction).
 */
export function requestsByEmail(file: string, emails: string[]) {
  return inspect(file, (db) => {
    const rows = db
      .prepare(
        `SELECT r.email,
                (SELECT count(*) FROM quote_request_lines l WHERE l.request_id = r.id) AS lines,
                (SELECT count(*) FROM quote_events e WHERE e.request_id = r.id) AS events,
                (SELECT count(*) FROM outbox_emails o
                  WHERE ' ' || o.subject || ' ' LIKE '% ' || r.reference || ' %') AS mails
           FROM quote_requests r`,
      )
      .all() as { email: string; lines: number; events: number; mails: number }[];
    const wanted = new Set(emails);
    const counts = new Map<string, number>();
    let partial = 0;
    for (const row of rows) {
      if (!wanted.has(row.email)) continue;
      counts.set(row.email, (counts.get(row.email) ?? 0) + 1);
      if (row.lines < 1 || row.events < 1 || row.mails < 2) partial++;
    }
    const missing = emails.filter((email) => !counts.has(email)).length;
    const duplicated = [...counts.values()].filter((n) => n > 1).length;
    return { found: counts.size, missing, duplicated, partial, total: rows.length };
  });
}

export function integrity(file: string) {
  return inspect(file, (db) => ({
    integrity: db.pragma("integrity_check", { simple: true }) as string,
    foreignKeyProblems: (db.pragma("foreign_key_check") as unknown[]).length,
  }));
}

/** Lines in a server's output that mean a busy/locked database reached someone. */
export function busyLines(lines: string[]) {
  return lines.filter((line) => /SQLITE_BUSY|database is locked/i.test(line));
}

export function statusCounts(statuses: number[]) {
  const counts: Record<string, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
