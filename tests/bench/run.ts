/**
 * `npm run bench`: the performance figures of docs/performance.md, from one run on this machine.
 *  1. synthetic catalogs of 1,000 and 100,000 products (generated once, then reused; `--small`
 *     and `--large` choose others: the million-product run compares with 100,000);
 *  2. catalog query timings at both sizes (tests/bench/queries.ts), pooled over five processes;
 *  3. the production server (one worker per core, page cache on) under autocannon, each page
 *     compared taking turns with a bare node:http cluster (as many workers) answering the same
 *     page bytes from memory: the ceiling; then the product and category pages as browsers ask for
 *     them (compressed), the product's compressed bytes from the bare cluster too;
 *  4. the uncached product page latency (PAGE_CACHE=off), requests one after another, after the
 *     process has warmed up on products of another category; then a signed-in buyer's product and
 *     category pages (after warming up on other categories), with their company's prices (never
 *     from the page cache);
 *  5. Chromium: LCP of a cold product page (and of a minimal page from the bare server: the
 *     browser's own floor here), render after hover-prefetch, JavaScript per page; Lighthouse's
 *     mobile preset on the home, a category, a product and an article page.
 * Everything runs on loopback and every load run is bounded in time.
 */
import { execFileSync, fork, spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { SERVER_ENTRY } from "../reliability/harness";
import { chromiumArgs, chromiumExecutable } from "../support/browser";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    small: { type: "string", default: "1000" },
    large: { type: "string", default: "100000" },
    // Where the report goes: the million-product run keeps its own beside the usual one.
    report: { type: "string", default: "docs/performance.md" },
  },
});
const duration = Number(args.duration);
const connections = Number(args.connections);
const sizes = [Number(args.small), Number(args.large)];
// A catalog of a million products is held to that size's own targets (a search, memory).
const atScale = sizes[1] >= 500_000;
const targets = { search: atScale ? 20 : 15, rssMb: atScale ? 350 : 250, cachedRatio: 0.8 };
const port = 3311;
const barePort = 3312;
// Same page bytes, same concurrency, as many workers: the bare server is the most this machine can hand out.
const origin = `http://127.0.0.1:${port}`;

function ensureCatalog(products: number) {
  const file = `data/synth-${products}.db`;
  if (!fs.existsSync(file)) {
    console.info(`Generating ${file} …`);
    execFileSync("npx", ["tsx", "db/synth.ts", "--products", String(products), "--database", file], {
      stdio: "inherit",
    });
  } else {
    // A catalog kept from an earlier run takes this checkout's migrations.
    execFileSync("npx", ["tsx", "db/setup.ts"], {
      env: { ...process.env, DATABASE_PATH: file },
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  return file;
}

type Timing = { p50: number; p95: number; samples: number[] };
type QueryFigures = {
  products: number;
  indexBuildMs: number;
  searchWarmUpMs: number;
  /** The first process's warm-up, which reads and stores every set; the others' find them stored. */
  firstSearchWarmUpMs: number;
  warmUpSearches: number;
  search: Timing;
  /** Quantities searched alone ("1/2 in"), each for the first time. */
  quantitySearch: Timing;
  /** Suggestions at each keystroke of buyers typing into the search box. */
  typing: Timing;
  searchRefined: Timing;
  category: Timing;
  product: Timing;
  catalogChange: Timing;
};

// Each query is "seen for the first time" only once per process, so one process gives 40 search
// samples and its p95 is the second slowest: mostly noise when a search takes a millisecond.
// Samples are pooled over several fresh processes.
const QUERY_PROCESSES = 5;

function queryFigures(file: string): QueryFigures {
  // The first process starts as after a fresh build of the catalog: no search sets stored yet.
  const database = new Database(file);
  database.exec("DELETE FROM search_match_sets");
  database.close();
  const runs: QueryFigures[] = Array.from({ length: QUERY_PROCESSES }, () => {
    const out = execFileSync("npx", ["tsx", "tests/bench/queries.ts", "--database", file, "--iterations", "300"], {
      encoding: "utf8",
    });
    return JSON.parse(out.trim().split("\n").pop()!);
  });
  const pooled = (
    figure: "search" | "quantitySearch" | "typing" | "searchRefined" | "category" | "product" | "catalogChange",
  ): Timing => {
    const samples = runs.flatMap((run) => run[figure].samples);
    return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), samples };
  };
  return {
    products: runs[0].products,
    warmUpSearches: runs[0].warmUpSearches,
    indexBuildMs: percentile(
      runs.map((run) => run.indexBuildMs),
      0.5,
    ),
    firstSearchWarmUpMs: runs[0].searchWarmUpMs,
    searchWarmUpMs: percentile(
      runs.slice(1).map((run) => run.searchWarmUpMs),
      0.5,
    ),
    search: pooled("search"),
    quantitySearch: pooled("quantitySearch"),
    typing: pooled("typing"),
    searchRefined: pooled("searchRefined"),
    category: pooled("category"),
    product: pooled("product"),
    catalogChange: pooled("catalogChange"),
  };
}

const running = new Set<ChildProcess>();
// However the run ends, no server is left behind.
process.on("exit", () => running.forEach((child) => child.kill("SIGTERM")));

async function startServer(file: string, env: Record<string, string> = {}): Promise<ChildProcess> {
  const server = spawn(process.execPath, [SERVER_ENTRY], {
    env: { ...process.env, DATABASE_PATH: file, PORT: String(port), NODE_ENV: "production", SITE_URL: origin, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  running.add(server);
  server.once("exit", () => running.delete(server));
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${origin}/healthz`)).ok) return await withCatalogIndex(server);
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  server.kill();
  throw new Error("server did not start");
}

/**
 * Waits until every worker has its catalog index, as a deployment warms a process before sending
 * it traffic: a category page waits for its worker's first index (a snapshot loads in about a
 * second; a build from nothing takes 20 s at a million products). Workers take turns at new
 * connections, so twice as many pages as workers reach each of them.
 */
async function withCatalogIndex(server: ChildProcess) {
  for (let i = 0; i < 2 * os.cpus().length; i++) {
    await (await fetch(`${origin}/categories/instruments`, { headers: { Connection: "close" } })).text();
  }
  return server;
}

async function stopServer(server: ChildProcess) {
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await exited;
}

/** Peak resident memory (VmHWM) of the server's processes: the primary and its workers. */
function peakRssMb(pid: number) {
  const children = (() => {
    try {
      return fs
        .readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  })();
  return Math.max(
    ...[pid, ...children].map((p) => {
      const status = fs.readFileSync(`/proc/${p}/status`, "utf8");
      return Number(status.match(/VmHWM:\s+(\d+)/)?.[1] ?? 0) / 1024;
    }),
  );
}

/** node:http answering `bytes` to every request on barePort, as a cluster like the app server's. */
async function startBareServer(bytes: Buffer) {
  const bytesFile = path.join(os.tmpdir(), `ironaxis-bench-page-${process.pid}.html`);
  fs.writeFileSync(bytesFile, bytes);
  const bare = fork("tests/bench/bare-server.mjs", [bytesFile, String(barePort)], { stdio: "inherit" });
  running.add(bare);
  await new Promise((resolve) => bare.once("message", resolve));
  return {
    stop: async () => {
      await stopServer(bare);
      fs.rmSync(bytesFile);
    },
  };
}

async function load(url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections, duration, timeout: 10, headers });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

function percentile(samples: number[], q: number) {
  const sorted = [...samples].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 100) / 100;
}

// 1–2. Query timings.
const queries = sizes.map((size) => queryFigures(ensureCatalog(size)));
const largeFile = ensureCatalog(sizes[1]);

// 3. Throughput with the page cache. A server first started without the index's snapshot builds the
// index in a worker thread and leaves the snapshot: that start's peak is measured on its own, and
// every measured server after it loads the snapshot, as a restarted server does.
fs.rmSync(`${largeFile}-catalog-index`, { force: true });
let server = await startServer(largeFile);
const buildRssMb = Math.round(peakRssMb(server.pid!));
await stopServer(server);
server = await startServer(largeFile);
const categoryHtml = await (await fetch(`${origin}/categories/pressure-gauges?sort=name`)).text();
const productSlugs = [...categoryHtml.matchAll(/href="\/products\/([^"]+)"/g)].map((m) => m[1]);
const pages = {
  home: "/",
  "category, filtered": "/categories/instruments?price=listed&max_pressure_min=10&sort=price-asc",
  product: `/products/${productSlugs[0]}`,
  search: "/search?q=pressure+gauge",
};
// The bare server is measured on the exact bytes of each page it is compared with.
const pageBytes = async (path: string) => Buffer.from(await (await fetch(`${origin}${path}`)).arrayBuffer());
const productBytes = await pageBytes(pages.product);
const categoryBytes = await pageBytes(pages["category, filtered"]);
type LoadFigures = Awaited<ReturnType<typeof load>>;
/**
 * A page under load and the same bytes from a bare node:http cluster, in turn, twice each: the
 * figures are each one's second run. Minutes apart, the two saw a machine whose speed drifts:
 * the product page's ratio read 1.10 on one day and 0.70 on the next, on the same code.
 */
async function againstBare(url: string, bytes: Buffer, headers: Record<string, string> = {}) {
  const bare = await startBareServer(bytes);
  const bareUrl = `http://127.0.0.1:${barePort}/`;
  await autocannon({ url, connections, duration: 2, headers }); // warm-ups, discarded
  await autocannon({ url: bareUrl, connections, duration: 2 });
  let page: LoadFigures | undefined;
  let ceiling: LoadFigures | undefined;
  for (let round = 0; round < 2; round++) {
    page = await load(url, headers);
    ceiling = await load(bareUrl);
  }
  await bare.stop();
  return { page: page!, ceiling: ceiling! };
}
const cached: Record<string, LoadFigures> = {};
const ceilings: Record<string, LoadFigures> = {};
for (const [name, path] of Object.entries(pages)) {
  const compared = { product: productBytes, "category, filtered": categoryBytes }[name];
  if (compared) {
    ({ page: cached[name], ceiling: ceilings[name] } = await againstBare(`${origin}${path}`, compared));
    continue;
  }
  await autocannon({ url: `${origin}${path}`, connections, duration: 2 }); // warm-up, discarded
  cached[name] = await load(`${origin}${path}`);
}
// As a browser asks for them: compressed (a stored page in gzip, put together around its nonce).
const asBrowsers = { "accept-encoding": "gzip, deflate, br" };
/** A page's bytes as sent, not decoded (fetch would decode them). */
const sentBytes = (path: string) =>
  new Promise<{ bytes: Buffer; encoding: string }>((resolve, reject) =>
    http.get(`${origin}${path}`, { headers: asBrowsers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ bytes: Buffer.concat(chunks), encoding: String(response.headers["content-encoding"]) }),
      );
      response.on("error", reject);
    }),
  );
const compressed = { product: await sentBytes(pages.product), category: await sentBytes(pages["category, filtered"]) };
const { page: compressedProduct, ceiling: bareCompressed } = await againstBare(
  `${origin}${pages.product}`,
  compressed.product.bytes,
  asBrowsers,
);
await autocannon({ url: `${origin}${pages["category, filtered"]}`, connections, duration: 2, headers: asBrowsers }); // warm-up
const cachedCompressed = {
  product: compressedProduct,
  category: await load(`${origin}${pages["category, filtered"]}`, asBrowsers),
};

// 5. Browser figures, against the same server.
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: chromiumArgs });
// A buyer follows a link from another site in a browser that is already open: a new context has
// an empty cache, the wait lets its new window finish starting up (it loads the browser's own
// pages on these 2 cores), and the page before is on another site, so every page measured,
// the floor included, starts in a new renderer process.
const ELSEWHERE = "data:text/html,<title>Elsewhere</title><p>A page on another site.</p>";
async function lcpOfColdPage(path: string, from = origin) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(ELSEWHERE);
  await page.waitForTimeout(500);
  await page.goto(`${from}${path}`, { waitUntil: "load" });
  const lcp = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          resolve(entries[entries.length - 1].startTime);
        }).observe({ type: "largest-contentful-paint", buffered: true });
      }),
  );
  await context.close();
  return lcp;
}
const lcps: number[] = [];
for (const slug of productSlugs.slice(0, 5)) lcps.push(await lcpOfColdPage(`/products/${slug}`));

// The floor: a heading and a paragraph, no stylesheet, image or script, from node:http.
const minimalPage =
  "<!doctype html><html lang=en><title>Floor</title><h1>Pressure gauge, 63 mm, stainless</h1><p>A minimal page: what this browser on this machine needs to paint anything.</p>";
const floorServer = await startBareServer(Buffer.from(minimalPage));
const floorLcps: number[] = [];
for (let i = 0; i < 5; i++) floorLcps.push(await lcpOfColdPage(`/?${i}`, `http://127.0.0.1:${barePort}`));
await floorServer.stop();

async function renderAfterHoverPrefetch() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const timings: number[] = [];
  for (const index of [0, 1, 2, 3, 4]) {
    await page.goto(`${origin}/categories/pressure-gauges?sort=name`, { waitUntil: "networkidle" }); // hydrated
    const link = page.locator(".product-row h3 a").nth(index);
    const name = (await link.textContent())!.trim();
    const href = (await link.getAttribute("href"))!;
    await link.hover();
    await link.focus(); // intent is hover or focus
    // Remix adds prefetch links for the page's data and modules on intent.
    await page.waitForSelector(`link[rel="prefetch"][href^="${href}.data"]`, { state: "attached" });
    await page.waitForLoadState("networkidle");
    timings.push(
      await page.evaluate(
        ({ index, name }) =>
          new Promise<number>((resolve) => {
            // No named helpers in here: tsx would wrap them in a __name() the page lacks.
            const started = performance.now();
            new MutationObserver((_, observer) => {
              if (document.querySelector("h1")?.textContent !== name) return;
              observer.disconnect();
              resolve(performance.now() - started);
            }).observe(document.body, { childList: true, subtree: true, characterData: true });
            (document.querySelectorAll(".product-row h3 a")[index] as HTMLAnchorElement).click();
          }),
        { index, name },
      ),
    );
  }
  await context.close();
  return timings;
}
const hoverRenders = await renderAfterHoverPrefetch();

async function javascriptKiB(path: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts = new Map<string, number>();
  page.on("response", async (response) => {
    if (response.request().resourceType() !== "script") return;
    const body = await response.body().catch(() => undefined);
    if (body) scripts.set(response.url(), zlib.gzipSync(body, { level: 6 }).length);
  });
  await page.goto(`${origin}${path}`, { waitUntil: "networkidle" });
  await context.close();
  return Math.round(([...scripts.values()].reduce((sum, n) => sum + n, 0) / 1024) * 10) / 10;
}
const articlePath = "/news/multiple-major-projects-signed-at-second-summit";
const jsPerPage: Record<string, number> = {};
for (const [name, path] of Object.entries({
  ...pages,
  "news article": articlePath,
  "quote list": "/quote",
})) {
  jsPerPage[name] = await javascriptKiB(path);
}
await browser.close();

// Lighthouse's mobile preset (a mid-range phone: the CPU slowed 4×, a slow 4G network), three
// runs of each page, the median of each figure: the scores move by a few points from run to run
// on two shared cores. Pinned: 13.x needs Node 22. Now and then it fails to record a page load's
// trace ("NO_NAVSTART", "Please run Lighthouse again"): such a run is run again, and counted.
let lighthouseReruns = 0;
function lighthouse(path: string): { score: number; tbt: number; cls: number } {
  try {
    return lighthouseOnce(path);
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? "");
    if (!stderr.includes("Please run Lighthouse again") || lighthouseReruns >= 5) throw error;
    lighthouseReruns++;
    return lighthouse(path);
  }
}
function lighthouseOnce(path: string) {
  const out = execFileSync(
    "npx",
    [
      "--yes",
      "lighthouse@12.2.3",
      `${origin}${path}`,
      "--quiet",
      "--only-categories=performance",
      "--output=json",
      "--output-path=stdout",
      `--chrome-flags=--headless=new ${chromiumArgs.join(" ")}`,
    ],
    {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, CHROME_PATH: chromiumExecutable() ?? chromium.executablePath() },
    },
  );
  const { categories, audits } = JSON.parse(out);
  return {
    score: Math.round(categories.performance.score * 100),
    tbt: Math.round(audits["total-blocking-time"].numericValue),
    cls: audits["cumulative-layout-shift"].numericValue as number,
  };
}
const lighthousePages = {
  home: pages.home,
  category: "/categories/instruments",
  product: pages.product,
  "news article": articlePath,
};
const mobile = Object.entries(lighthousePages).map(([name, path]) => {
  const runs = [1, 2, 3].map(() => lighthouse(path));
  const median = (pick: (run: (typeof runs)[number]) => number) => percentile(runs.map(pick), 0.5);
  return { name, score: median((r) => r.score), tbt: median((r) => r.tbt), cls: median((r) => r.cls), runs };
});
const lowestScore = Math.min(...mobile.map((m) => m.score));
const highestTbt = Math.max(...mobile.map((m) => m.tbt));
const highestCls = Math.max(...mobile.map((m) => m.cls));
const rssMb = Math.round(peakRssMb(server.pid!));
await stopServer(server);

// 4. The uncached product page, one request at a time, different products, once the process has
// compiled its hot code on 100 products of another category (as a running server has).
server = await startServer(largeFile, { PAGE_CACHE: "off" });
const otherHtml = await (await fetch(`${origin}/categories/flow-meters?sort=name`)).text();
const otherSlugs = [...otherHtml.matchAll(/href="\/products\/([^"]+)"/g)].map((m) => m[1]);
for (let i = 0; i < 100; i++)
  await (await fetch(`${origin}/products/${otherSlugs[i % otherSlugs.length]}`)).arrayBuffer();
/** Fetches `path` whole (with `cookie`), adding its time to `into`; its text. */
async function timed(path: string, into: number[], cookie?: string) {
  const started = performance.now();
  const text = await (await fetch(`${origin}${path}`, { headers: cookie ? { Cookie: cookie } : {} })).text();
  into.push(performance.now() - started);
  return text;
}
const uncached: number[] = [];
const sample = [...productSlugs, ...productSlugs, ...productSlugs];
for (let i = 0; i < 300; i++) await timed(`/products/${sample[i % sample.length]}`, uncached);

/**
 * A signed-in buyer whose company has a price list (10% off Instruments, fixed prices for those
 * of the first 50 products that have a list price), written straight into the database: their
 * session cookie, and the products with a fixed price.
 */
function signedInBuyer(file: string, slugs: string[]) {
  const sqlite = new Database(file);
  const token = crypto.randomBytes(32).toString("base64url");
  const one = <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).get(...params) as T;
  const priced: string[] = [];
  sqlite.transaction(() => {
    const company = one<{ id: number }>("INSERT INTO companies (name) VALUES ('Bench Buyers Inc.') RETURNING id");
    const customer = one<{ id: number }>(
      `INSERT INTO customers (email, name, company_id, company_role)
       VALUES (?, 'Bench Buyer', ?, 'company_admin') RETURNING id`,
      `bench-${token.slice(0, 10)}@bench.example`,
      company.id,
    );
    sqlite
      .prepare("INSERT INTO customer_sessions (token_hash, customer_id, expires_at) VALUES (?, ?, ?)")
      .run(
        crypto.createHash("sha256").update(token).digest("hex"),
        customer.id,
        new Date(Date.now() + 864e5).toISOString(),
      );
    sqlite
      .prepare(
        "INSERT INTO company_category_discounts (company_id, category_id, basis_points) SELECT ?, id, 1000 FROM categories WHERE slug = 'instruments'",
      )
      .run(company.id);
    const fixed = sqlite.prepare(
      `INSERT INTO company_product_prices (company_id, product_id, price_cents)
       SELECT ?, id, max(1, price_cents - 100) FROM products WHERE slug = ? AND price_cents IS NOT NULL`,
    );
    for (const slug of slugs.slice(0, 50)) if (fixed.run(company.id, slug).changes) priced.push(slug);
  })();
  sqlite.close();
  // As Remix's createCookie writes it: the JSON of the value, base64, URI-encoded.
  return {
    cookie: `ironaxis_buyer=${encodeURIComponent(Buffer.from(JSON.stringify(token)).toString("base64"))}`,
    priced,
  };
}
const { cookie: buyerCookie, priced } = signedInBuyer(largeFile, productSlugs);
if (!priced.length || !(await timed(`/products/${priced[0]}`, [], buyerCookie)).includes("Your price"))
  throw new Error("The signed-in buyer's product page shows no company price: the figures would mean nothing.");
const signedInProduct: number[] = [];
for (let i = 0; i < 300; i++) await timed(`/products/${sample[i % sample.length]}`, signedInProduct, buyerCookie);
// As for products: the process first compiles its listing code on 100 pages of other categories
// (plain, sorted and filtered), signed in, as a running server has.
const otherCategories = [
  "/categories/centrifugal-pumps",
  "/categories/machinery?sort=price-asc",
  "/categories/ph-meters?stock=in",
];
for (let i = 0; i < 100; i++) await timed(otherCategories[i % otherCategories.length], [], buyerCookie);
const signedInCategory: number[] = [];
const categoryPaths = ["/categories/pressure-gauges?sort=name", pages["category, filtered"], "/categories/flow-meters"];
for (let i = 0; i < 300; i++) await timed(categoryPaths[i % categoryPaths.length], signedInCategory, buyerCookie);
const uncachedRssMb = Math.round(peakRssMb(server.pid!));
await stopServer(server);
const [bareFigures, bareCategory] = [ceilings.product, ceilings["category, filtered"]];

// 6. The report.
const [small, large] = queries;
const ratio = (a: number, b: number) => (b === 0 ? "—" : (a / b).toFixed(2));
const row = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
const n = (value: number) => value.toLocaleString("en-US");
/** A row of the HTTP table: a page (its bytes, when known) and its figures under load. */
const loadRow = (label: string, bytes: Buffer | undefined, f: Awaited<ReturnType<typeof load>>) =>
  row([label, bytes ? n(bytes.length) : "—", n(f.rps), f.p50, f.p99, f.errors]);
const worstJs = Math.max(...Object.values(jsPerPage));
const report = [
  "# Performance",
  "",
  `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
  `Load generator on the same machine (autocannon, ${connections} connections, ${duration} s per page after a discarded warm-up); the server runs one worker per core. A page compared with bare node:http takes turns with it, twice each, and each one's second run is reported.`,
  "",
  "## Targets",
  "",
  row(["figure", "measured", "target", "measured ÷ target"]),
  row(["---", "---", "---", "---"]),
  row([
    "product page req/s ÷ bare node:http, same bytes (cached)",
    ratio(cached.product.rps, bareFigures.rps),
    `≥ ${targets.cachedRatio}`,
    (cached.product.rps / bareFigures.rps / targets.cachedRatio).toFixed(2),
  ]),
  row([
    "category page req/s ÷ bare node:http, same bytes (cached)",
    ratio(cached["category, filtered"].rps, bareCategory.rps),
    `≥ ${targets.cachedRatio}`,
    (cached["category, filtered"].rps / bareCategory.rps / targets.cachedRatio).toFixed(2),
  ]),
  row([
    "product page req/s ÷ bare node:http, same bytes, as browsers ask (cached, compressed)",
    ratio(cachedCompressed.product.rps, bareCompressed.rps),
    `≥ ${targets.cachedRatio}`,
    (cachedCompressed.product.rps / bareCompressed.rps / targets.cachedRatio).toFixed(2),
  ]),
  row([
    `uncached product page p95, ${n(large.products)} products (ms)`,
    percentile(uncached, 0.95),
    "< 20",
    (percentile(uncached, 0.95) / 20).toFixed(2),
  ]),
  row([
    `signed-in product page p95, company prices, ${n(large.products)} products (ms)`,
    percentile(signedInProduct, 0.95),
    "< 20",
    (percentile(signedInProduct, 0.95) / 20).toFixed(2),
  ]),
  row([
    `signed-in category page p95, company prices, ${n(large.products)} products (ms)`,
    percentile(signedInCategory, 0.95),
    "< 20",
    (percentile(signedInCategory, 0.95) / 20).toFixed(2),
  ]),
  row([
    `search p95, first time a query is seen, ${n(large.products)} products (ms)`,
    large.search.p95,
    `< ${targets.search}`,
    (large.search.p95 / targets.search).toFixed(2),
  ]),
  row([
    `filtered category p95, ${n(large.products)} products (ms)`,
    large.category.p95,
    "< 25",
    (large.category.p95 / 25).toFixed(2),
  ]),
  row([
    `growth ${n(small.products)} → ${n(large.products)}, search p95`,
    ratio(large.search.p95, small.search.p95),
    "≤ 2×",
    (large.search.p95 / small.search.p95 / 2).toFixed(2),
  ]),
  row([
    `growth ${n(small.products)} → ${n(large.products)}, filtered category p95`,
    ratio(large.category.p95, small.category.p95),
    "≤ 2×",
    (large.category.p95 / small.category.p95 / 2).toFixed(2),
  ]),
  row([
    "LCP, product page, local, cold (ms, median of 5)",
    percentile(lcps, 0.5),
    "< 100",
    (percentile(lcps, 0.5) / 100).toFixed(2),
  ]),
  row([
    "LCP, a minimal page from bare node:http: this browser's floor here (ms, median of 5)",
    percentile(floorLcps, 0.5),
    "—",
    "—",
  ]),
  row([
    "render after hover-prefetch (ms, median of 5)",
    percentile(hoverRenders, 0.5),
    "< 50",
    (percentile(hoverRenders, 0.5) / 50).toFixed(2),
  ]),
  row(["JavaScript per page, gzip (KiB, heaviest page)", worstJs, "≤ 100", (worstJs / 100).toFixed(2)]),
  row([
    "Lighthouse mobile Performance, lowest of home / category / product / article (median of 3)",
    lowestScore,
    "≥ 95",
    (lowestScore / 95).toFixed(2),
  ]),
  row([
    "Lighthouse mobile Total Blocking Time, highest page (ms, median of 3)",
    highestTbt,
    "< 200",
    (highestTbt / 200).toFixed(2),
  ]),
  row(["Lighthouse mobile Cumulative Layout Shift, highest page (median of 3)", highestCls, "0", "—"]),
  row(["peak RSS per server process (MB)", rssMb, `< ${targets.rssMb}`, (rssMb / targets.rssMb).toFixed(2)]),
  row([
    "peak RSS per server process, uncached and signed-in pages (MB)",
    uncachedRssMb,
    `< ${targets.rssMb}`,
    (uncachedRssMb / targets.rssMb).toFixed(2),
  ]),
  row(["peak RSS per server process, first start, building the index (MB)", buildRssMb, "—", "—"]),
  "",
  "## Catalog queries, server side (ms)",
  "",
  `In process, pooled over ${QUERY_PROCESSES} fresh processes per catalog: each waits for the search warm-up a server runs in the background after a build (the first process reads and stores the common words' sets, the others find them stored), runs ${small.warmUpSearches} warm-up searches three times over (V8 compiles the listing fully only after some calls, as a running server has), then ${small.search.samples.length / QUERY_PROCESSES} searches it has not seen, then 300 of each other query.`,
  "",
  row(["figure", `${n(small.products)} products`, `${n(large.products)} products`]),
  row(["---", "---", "---"]),
  row([
    "search, first time a query is seen (p50 / p95)",
    `${small.search.p50} / ${small.search.p95}`,
    `${large.search.p50} / ${large.search.p95}`,
  ]),
  row([
    `a quantity searched alone ("1/2 in", "37 kW"), first time seen, ${small.quantitySearch.samples.length / QUERY_PROCESSES} of them (p50 / p95)`,
    `${small.quantitySearch.p50} / ${small.quantitySearch.p95}`,
    `${large.quantitySearch.p50} / ${large.quantitySearch.p95}`,
  ]),
  row([
    "search box suggestions, each keystroke of a buyer typing (p50 / p95 / max)",
    `${small.typing.p50} / ${small.typing.p95} / ${percentile(small.typing.samples, 1)}`,
    `${large.typing.p50} / ${large.typing.p95} / ${percentile(large.typing.samples, 1)}`,
  ]),
  row([
    "search refined by a filter and a page (p50 / p95)",
    `${small.searchRefined.p50} / ${small.searchRefined.p95}`,
    `${large.searchRefined.p50} / ${large.searchRefined.p95}`,
  ]),
  row([
    "filtered category with facet counts (p50 / p95)",
    `${small.category.p50} / ${small.category.p95}`,
    `${large.category.p50} / ${large.category.p95}`,
  ]),
  row([
    "product with specs (p50 / p95)",
    `${small.product.p50} / ${small.product.p95}`,
    `${large.product.p50} / ${large.product.p95}`,
  ]),
  row([
    "one product changed (price, rename, spec, category, archived, new), applied to the index in place (p50 / p95 / max)",
    `${small.catalogChange.p50} / ${small.catalogChange.p95} / ${percentile(small.catalogChange.samples, 1)}`,
    `${large.catalogChange.p50} / ${large.catalogChange.p95} / ${percentile(large.catalogChange.samples, 1)}`,
  ]),
  row([
    "catalog index build, once per process and per write it cannot apply in place",
    small.indexBuildMs,
    large.indexBuildMs,
  ]),
  row([
    "search warm-up in the background, the first process: common words' sets read and stored (ADR 39)",
    small.firstSearchWarmUpMs,
    large.firstSearchWarmUpMs,
  ]),
  row([
    "search warm-up in the background, the next processes: the sets found stored (ADR 39)",
    small.searchWarmUpMs,
    large.searchWarmUpMs,
  ]),
  "",
  `## HTTP, ${n(large.products)}-product catalog, page cache on`,
  "",
  row(["page", "bytes", "req/s", "p50 ms", "p99 ms", "errors"]),
  row(["---", "---", "---", "---", "---", "---"]),
  ...Object.entries(pages).map(([name, path]) =>
    loadRow(
      name,
      path === pages.product ? productBytes : path === pages["category, filtered"] ? categoryBytes : undefined,
      cached[name],
    ),
  ),
  loadRow(
    `product, as browsers ask (${compressed.product.encoding})`,
    compressed.product.bytes,
    cachedCompressed.product,
  ),
  loadRow(
    `category, filtered, as browsers ask (${compressed.category.encoding})`,
    compressed.category.bytes,
    cachedCompressed.category,
  ),
  loadRow("bare node:http, the product page bytes", productBytes, bareFigures),
  loadRow("bare node:http, the category page bytes", categoryBytes, bareCategory),
  loadRow("bare node:http, the product page's compressed bytes", compressed.product.bytes, bareCompressed),
  "",
  `Uncached product page, one request at a time (300 requests): p50 ${percentile(uncached, 0.5)} ms, p95 ${percentile(uncached, 0.95)} ms.`,
  `A signed-in buyer with company prices (10% off Instruments, ${priced.length} fixed prices), one request at a time, 300 each: product page p50 ${percentile(signedInProduct, 0.5)} ms, p95 ${percentile(signedInProduct, 0.95)} ms; category pages (three, one filtered, after 100 pages of three other categories) p50 ${percentile(signedInCategory, 0.5)} ms, p95 ${percentile(signedInCategory, 0.95)} ms.`,
  "",
  "## Browser (Chromium, loopback)",
  "",
  `- LCP of a cold product page (5 products): ${lcps.map((v) => Math.round(v)).join(", ")} ms.`,
  `- LCP of a minimal page (a heading and a paragraph, nothing else) from bare node:http, the floor of this browser on this machine: ${floorLcps.map((v) => Math.round(v)).join(", ")} ms (median ${percentile(floorLcps, 0.5)}).`,
  `- Render after hover-prefetch, click to the new heading (5 products): ${hoverRenders.map((v) => Math.round(v)).join(", ")} ms.`,
  `- Lighthouse, mobile preset (score, Total Blocking Time, Cumulative Layout Shift; three runs each): ${mobile
    .map(
      ({ name, runs }) =>
        `${name} ${runs.map((r) => r.score).join(" / ")}, TBT ${runs.map((r) => r.tbt).join(" / ")} ms, CLS ${runs.map((r) => r.cls).join(" / ")}`,
    )
    .join(
      "; ",
    )}${lighthouseReruns ? ` (${lighthouseReruns} run(s) whose trace Lighthouse failed to record were run again)` : ""}.`,
  `- JavaScript per page, gzip: ${Object.entries(jsPerPage)
    .map(([name, kib]) => `${name} ${kib} KiB`)
    .join(", ")}.`,
  "",
  "## Reading the figures",
  "",
  "- Growth is the larger catalog's p95 over the smaller one's, for the same queries. A search",
  "  ranks only its page and counts facets over at most 20,000 of its matches (ADR 39); a category",
  "  page starts from its subtree's kept counts and counts only what a filter drops, or what it",
  "  keeps when that is fewer; a category of more than 20,000 products filtered is counted over",
  "  20,000 of them and its total estimated, and its page is found in the sort's order from the",
  "  first (ADR 41; the bench's top-level categories hold 9,589–44,474 products at 100k and",
  "  95,609–444,335 at 1M). When the",
  "  smaller figure is a millisecond or two, fixed costs and the machine's noise are most of what",
  "  it measures, and the ratio moves with them. The absolute figures of the larger catalog are",
  "  the ones to hold against their targets.",
  "- LCP is from navigation start to the product picture painted, in a new browser context (empty",
  "  cache) that arrives from a page on another site once its window has finished starting up.",
  "  The minimal-page row is what this browser needs to paint anything on this machine, measured",
  "  the same way; the gap above it is the page's own parsing, style, layout and script work.",
  "- Peak RSS is the highest VmHWM of the server's processes over the whole run above, a server that",
  "  loaded its index from the snapshot; the first start's, which built it, is given apart, and so is",
  "  the server of the uncached and signed-in pages (PAGE_CACHE=off), which renders every one.",
  "- A million products (outside CI: the catalog takes about six minutes to generate, and each",
  "  query process builds its index in about 6 s): `npm run bench -- --small 100000 --large",
  "  1000000 --report docs/performance-1m.md`, whose figures are in `docs/performance-1m.md`.",
  "",
];
fs.mkdirSync(path.dirname(args.report), { recursive: true });
fs.writeFileSync(args.report, report.join("\n"));
console.info(report.join("\n"));
