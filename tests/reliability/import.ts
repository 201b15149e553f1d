/**
 * A 10,000-row catalog import applied through the back office of a two-worker server while
 * buyers keep reading public pages, adding to their quote list, and a load balancer keeps
 * asking /healthz. Every health check must answer within 1 s, public pages must stay quick
 * (p99 under 2 s; a site frozen by the import takes 7 s and more), no request may answer 500,
 * and the person importing sees the import's progress until every row is in.
 */
import { execFileSync } from "node:child_process";
import http from "node:http";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { freshDatabase, inspect, productIds, sleep, startServer, statusCounts } from "./harness";
import { figure, type Figure } from "./figures";

const ROWS = 10_000;
const EMAIL = "importer@ironaxis.test";
const PASSWORD = "import-reliability-password";
const HEALTH_MS = 1_000;
// The dry run reads and checks the whole file, in slices between other requests: seconds for
// 10,000 rows (the budget grows with a larger file's rows). Applying answers at once with the progress page (the file is checked again there).
const CHECK_MS = 15_000;
const APPLY_MS = 2_000;
const PAGE_P99_MS = 2_000;

type Probe = { path: string; status: number; ms: number; at: number };

/** One GET on a connection of its own, so the cluster spreads the probes over both workers. */
function timedRequest(
  origin: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Probe> {
  const started = performance.now();
  return new Promise((resolve) => {
    const request = http.request(
      `${origin}${path}`,
      { method: options.method ?? "GET", agent: false, headers: options.headers, timeout: 60_000 },
      (response) => {
        response.resume();
        response.on("end", () =>
          resolve({ path, status: response.statusCode ?? 0, ms: performance.now() - started, at: Date.now() }),
        );
      },
    );
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", () => resolve({ path, status: 0, ms: performance.now() - started, at: Date.now() }));
    request.end(options.body);
  });
}

const percentile = (values: number[], p: number) => {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

async function signIn(origin: string) {
  const response = await fetch(`${origin}/admin/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: EMAIL, password: PASSWORD }),
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (response.status !== 302 || !cookie) throw new Error(`sign-in answered ${response.status}`);
  return cookie;
}

/** The seed catalog's export, copied under new part numbers until it has `rows` rows: every row creates a product. */
async function bulkFile(origin: string, cookie: string, rows: number) {
  const exported = await (await fetch(`${origin}/admin/catalog/export.csv`, { headers: { Cookie: cookie } })).text();
  const records = parse(exported, { bom: true, columns: true }) as Record<string, string>[];
  const copies = Array.from({ length: rows }, (_, i) => {
    const source = records[i % records.length];
    return { ...source, partNumber: `BULK-${i}-${source.partNumber}`.slice(0, 64), slug: "" };
  });
  return stringify(copies, { header: true, columns: Object.keys(records[0]) });
}

/**
 * `rows` and `catalog` make the larger run of `tests/bench/import-under-load.ts`: that many rows
 * into a copy of a synthetic catalog.
 */
export async function importUnderLoad({ rows = ROWS, catalog }: { rows?: number; catalog?: string } = {}): Promise<
  Figure[]
> {
  const database = freshDatabase("import", catalog);
  execFileSync("npx", ["tsx", "db/admin-create.ts", "--email", EMAIL, "--role", "sales"], {
    env: { ...process.env, DATABASE_PATH: database, ADMIN_PASSWORD: PASSWORD },
    stdio: "ignore",
  });
  const server = await startServer(database, 3412, { WEB_CONCURRENCY: "2" });
  const t = "import";
  try {
    const cookie = await signIn(server.origin);
    const csv = await bulkFile(server.origin, cookie, rows);
    const before = inspect(database, (db) => Number(db.prepare("SELECT count(*) FROM products").pluck().get()));
    const html = await (await fetch(`${server.origin}/categories/pressure-gauges`)).text();
    const productPath = html.match(/href="(\/products\/[^"?#]+)"/)?.[1] ?? "/";
    const [productId] = await productIds(server.origin);
    const publicPaths = [
      "/",
      "/categories/pressure-gauges",
      "/categories/pressure-gauges?sort=price-asc",
      productPath,
      "/search?q=gauge",
    ];

    // Probes run from before the import starts until it has finished.
    let importing = true;
    const pages: Probe[] = [];
    const health: Probe[] = [];
    const writes: Probe[] = [];
    const probeLoop = async (next: (i: number) => Promise<Probe>, into: Probe[], pauseMs: number) => {
      for (let i = 0; importing; i++) {
        into.push(await next(i));
        await sleep(pauseMs);
      }
    };
    const loops = [
      probeLoop((i) => timedRequest(server.origin, publicPaths[i % publicPaths.length]), pages, 20),
      probeLoop((i) => timedRequest(server.origin, publicPaths[(i + 2) % publicPaths.length]), pages, 20),
      probeLoop(() => timedRequest(server.origin, "/healthz"), health, 100),
      probeLoop(() => timedRequest(server.origin, "/healthz"), health, 100),
      probeLoop(
        () =>
          timedRequest(server.origin, "/quote", {
            method: "POST",
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            body: `intent=add&productId=${productId}&quantity=1`,
          }),
        writes,
        200,
      ),
    ];
    await sleep(1_000);

    // The dry run uploads the file, which the server keeps; applying names it.
    const started = Date.now();
    const upload = new FormData();
    upload.set("intent", "check");
    upload.set("file", new Blob([csv], { type: "text/csv" }), "bulk.csv");
    const checked = await fetch(`${server.origin}/admin/catalog/import`, {
      method: "POST",
      headers: { Origin: server.origin, Cookie: cookie },
      body: upload,
    });
    const checkAnsweredMs = Date.now() - started;
    const checkBudgetMs = Math.round((CHECK_MS * Math.max(rows, ROWS)) / ROWS);
    const report = await checked.text();
    const staged = report.match(/name="staged" value="([0-9a-f]{32})"/)?.[1];
    if (checked.status !== 200 || !staged) {
      importing = false;
      await Promise.all(loops);
      const rowErrors = report.match(/[\d,]+ with errors/)?.[0] ?? "";
      throw new Error(`the import was refused: ${checked.status} ${rowErrors}`);
    }
    const form = new FormData();
    form.set("intent", "apply");
    form.set("fileName", "bulk.csv");
    form.set("staged", staged);
    const applyStarted = Date.now();
    const applied = await fetch(`${server.origin}/admin/catalog/import`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: server.origin, Cookie: cookie },
      body: form,
    });
    const applyAnsweredMs = Date.now() - applyStarted;
    const location = applied.headers.get("location") ?? "";
    if (applied.status !== 302) {
      importing = false;
      await Promise.all(loops);
      throw new Error(`applying was refused: ${applied.status}`);
    }

    // The page the person importing is sent to, read until it says the import is done.
    const progress = new Set<string>();
    let finalNotice = "";
    // Read for as long as the import may take: about 250 rows a second on these 2 cores, twice over.
    for (const giveUp = Date.now() + 60_000 + rows * 8; Date.now() < giveUp;) {
      const page = await (await fetch(`${server.origin}${location}`, { headers: { Cookie: cookie } })).text();
      const shown = page.match(/<progress[^>]*value="(\d+)"/)?.[1];
      if (shown) progress.add(shown);
      const done = page.match(/<p class="notice" role="status">([^<]*(?:<!-- -->[^<]*)*)<\/p>/)?.[1];
      if (done && !page.includes("<progress")) {
        finalNotice = done.replace(/<!-- -->/g, "");
        break;
      }
      if (/class="error-summary"/.test(page)) {
        finalNotice = page.match(/class="error-summary"[^>]*>([^<]*)/)?.[1] ?? "failed";
        break;
      }
      await sleep(250);
    }
    const importSeconds = (Date.now() - started) / 1000;
    await sleep(1_000);
    importing = false;
    await Promise.all(loops);

    const after = inspect(database, (db) => Number(db.prepare("SELECT count(*) FROM products").pluck().get()));
    const during = (probe: Probe) => probe.at - probe.ms >= started - 1_000;
    const pageMs = pages.filter(during).map((p) => p.ms);
    const healthMs = health.filter(during).map((p) => p.ms);
    const writeMs = writes.filter(during).map((p) => p.ms);
    const all = [...pages, ...health, ...writes];
    const serverErrors = all.filter(
      (p) => p.status === 0 || (p.status >= 500 && !(p.path === "/healthz" && p.status === 503)),
    ).length;
    const slowHealth = healthMs.filter((ms) => ms > HEALTH_MS).length;
    const fmt = (values: number[]) =>
      `p50 ${percentile(values, 50).toFixed(0)} ms, p99 ${percentile(values, 99).toFixed(0)} ms, max ${Math.max(0, ...values).toFixed(0)} ms (${values.length})`;
    return [
      figure(
        t,
        `${rows} rows imported on a 2-worker server`,
        `${after - before} new products in ${importSeconds.toFixed(1)} s: ${finalNotice}`,
        after - before === rows,
        `apply answered ${applied.status} ${location}`,
      ),
      figure(
        t,
        `dry run of the uploaded file answered (≤ ${checkBudgetMs} ms)`,
        `${checkAnsweredMs} ms`,
        checkAnsweredMs <= checkBudgetMs,
      ),
      figure(
        t,
        `apply request answered (then progress page; ≤ ${APPLY_MS} ms)`,
        `${applyAnsweredMs} ms`,
        applyAnsweredMs <= APPLY_MS,
      ),
      figure(t, "progress readings shown while importing", `${progress.size} distinct`, progress.size >= 2),
      figure(
        t,
        `/healthz during the import (each ≤ ${HEALTH_MS} ms)`,
        `${fmt(healthMs)}, ${slowHealth} slower`,
        slowHealth === 0 && healthMs.length > 0,
        JSON.stringify(statusCounts(health.map((p) => p.status))),
      ),
      figure(
        t,
        `public pages during the import (p99 ≤ ${PAGE_P99_MS} ms)`,
        fmt(pageMs),
        percentile(pageMs, 99) <= PAGE_P99_MS && pageMs.length > 0,
      ),
      figure(
        t,
        "add to quote list during the import",
        `${fmt(writeMs)} ${JSON.stringify(statusCounts(writes.map((p) => p.status)))}`,
        percentile(writeMs, 99) <= PAGE_P99_MS,
      ),
      figure(
        t,
        "5xx (other than /healthz 503) / failed connections",
        serverErrors,
        serverErrors === 0,
        JSON.stringify(statusCounts(all.map((p) => p.status))),
      ),
    ];
  } finally {
    await server.stop();
  }
}
