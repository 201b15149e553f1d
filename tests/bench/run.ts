/**
 * `npm run bench`: catalog query timings at 1k and 100k products, then HTTP throughput of the
 * production server on the 100k catalog next to a bare node:http server answering the same
 * product page from memory (the ceiling on this machine). Writes docs/performance.md.
 * Everything runs on loopback; each load run is bounded in time.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { parseArgs } from "node:util";
import autocannon from "autocannon";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    large: { type: "string", default: "100000" },
  },
});
const duration = Number(args.duration);
const connections = Number(args.connections);
const sizes = [1_000, Number(args.large)];
const port = 3311;
const barePort = 3312;

function ensureCatalog(products: number) {
  const file = `data/synth-${products}.db`;
  if (!fs.existsSync(file)) {
    console.info(`Generating ${file} …`);
    execFileSync("npx", ["tsx", "db/synth.ts", "--products", String(products), "--database", file], { stdio: "inherit" });
  }
  return file;
}

type Timing = { p50: number; p95: number; max: number };
type QueryFigures = { products: number; indexBuildMs: number; search: Timing; searchRefined: Timing; category: Timing; product: Timing };

function queryFigures(file: string): QueryFigures {
  const out = execFileSync("npx", ["tsx", "tests/bench/queries.ts", "--database", file, "--iterations", "300"], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop()!);
}

async function startServer(file: string): Promise<ChildProcess> {
  const server = spawn(process.execPath, ["server.js"], {
    env: { ...process.env, DATABASE_PATH: file, PORT: String(port), NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  server.kill();
  throw new Error("server did not start");
}

function peakRss(pid: number) {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(status.match(/VmHWM:\s+(\d+)/)?.[1] ?? 0) / 1024;
}

async function load(url: string) {
  const result = await autocannon({ url, connections, duration, timeout: 10 });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

const queries = sizes.map((size) => queryFigures(ensureCatalog(size)));
const largeFile = ensureCatalog(sizes[1]);
const server = await startServer(largeFile);
const categoryHtml = await (await fetch(`http://127.0.0.1:${port}/categories/pressure-gauges?sort=name`)).text();
const productSlug = categoryHtml.match(/href="\/products\/([^"]+)"/)![1];

const pages = {
  home: "/",
  "category, filtered": "/categories/instruments?price=listed&max_pressure_min=10&sort=price-asc",
  product: `/products/${productSlug}`,
  search: "/search?q=pressure+gauge",
};
const productBytes = Buffer.from(await (await fetch(`http://127.0.0.1:${port}${pages.product}`)).arrayBuffer());
const http_: Record<string, Awaited<ReturnType<typeof load>>> = {};
let peakRssMb = 0;
try {
  for (const [name, path] of Object.entries(pages)) {
    await load(`http://127.0.0.1:${port}${path}`); // warm-up run is discarded below
    http_[name] = await load(`http://127.0.0.1:${port}${path}`);
  }
} finally {
  peakRssMb = Math.round(peakRss(server.pid!));
  server.kill("SIGTERM");
}

const bare = http.createServer((_, res) => {
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": productBytes.length });
  res.end(productBytes);
});
await new Promise<void>((resolve) => bare.listen(barePort, "127.0.0.1", resolve));
const bareFigures = await load(`http://127.0.0.1:${barePort}/`);
bare.close();

const [small, large] = queries;
const ratio = (a: number, b: number) => (b === 0 ? "—" : (a / b).toFixed(2));
const row = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
const report = [
  "# Performance",
  "",
  `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${process.arch}, ${(await import("node:os")).cpus().length} cores, Node ${process.version}.`,
  `Load generator on the same machine (autocannon, ${connections} connections, ${duration} s per page, after a discarded warm-up run).`,
  "",
  "## Catalog queries, server side (ms)",
  "",
  row(["figure", `${small.products.toLocaleString("en-US")} products`, `${large.products.toLocaleString("en-US")} products`, "target at 100k", "growth p95"]),
  row(["---", "---", "---", "---", "---"]),
  row(["search, first time a query is seen (p50 / p95)", `${small.search.p50} / ${small.search.p95}`, `${large.search.p50} / ${large.search.p95}`, "p95 < 15", ratio(large.search.p95, small.search.p95)]),
  row(["search refined by filters or page (p50 / p95)", `${small.searchRefined.p50} / ${small.searchRefined.p95}`, `${large.searchRefined.p50} / ${large.searchRefined.p95}`, "—", ratio(large.searchRefined.p95, small.searchRefined.p95)]),
  row(["filtered category with facet counts (p50 / p95)", `${small.category.p50} / ${small.category.p95}`, `${large.category.p50} / ${large.category.p95}`, "p95 < 25", ratio(large.category.p95, small.category.p95)]),
  row(["product with specs (p50 / p95)", `${small.product.p50} / ${small.product.p95}`, `${large.product.p50} / ${large.product.p95}`, "—", ratio(large.product.p95, small.product.p95)]),
  row(["catalog index build, once per process and catalog change", small.indexBuildMs, large.indexBuildMs, "—", "—"]),
  "",
  `## HTTP on the ${large.products.toLocaleString("en-US")}-product catalog`,
  "",
  row(["page", "req/s", "p50 ms", "p99 ms", "errors", "÷ bare node:http"]),
  row(["---", "---", "---", "---", "---", "---"]),
  ...Object.entries(pages).map(([name]) => {
    const f = http_[name];
    return row([name, f.rps, f.p50, f.p99, f.errors, ratio(f.rps, bareFigures.rps)]);
  }),
  row(["bare node:http, same product page bytes", bareFigures.rps, bareFigures.p50, bareFigures.p99, bareFigures.errors, "1.00"]),
  "",
  `Peak RSS of the server process during the run: ${peakRssMb} MB.`,
  "",
];
fs.mkdirSync("docs", { recursive: true });
fs.writeFileSync("docs/performance.md", report.join("\n"));
console.info(report.join("\n"));
