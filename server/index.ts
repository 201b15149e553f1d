/**
 * The production server's entry (built to build/server/index.js by `npm run build`): one
 * worker per core (WEB_CONCURRENCY), restarted when one dies, stopped together on SIGTERM.
 */
import cluster from "node:cluster";
import os from "node:os";
import { serve } from "./serve";
import { EXIT_CONFIG } from "./build";
import { errorLog } from "./log";

const workers = Math.max(1, Number(process.env.WEB_CONCURRENCY ?? os.availableParallelism()));

if (cluster.isPrimary && workers > 1) superviseWorkers(workers);
else await serve();

function superviseWorkers(count: number) {
  let stopping = false;
  let quickExits = 0;
  const forkedAt = new Map<number, number>();
  // A young generation of 4 MB semi-spaces instead of V8's 16 MB: under 50 concurrent
  // connections, paired runs peaked at 200-243 MB per worker instead of 232-265 MB, at the same
  // request counts (with 2 MB). Not 2 MB: a category page rendered for a signed-in buyer
  // allocates enough to be collected several times over: in paired runs of 600 such pages one
  // after another, p95 16.1-19.2 ms at 2 MB against 14.4-16.4 ms at 4 MB (100k products), and
  // 21.8-22.9 against 20.9-21.0 ms (a million), with peaks per worker unchanged. And an old
  // generation let grow to twice what a collection leaves, not up to V8's 4 times: a worker
  // rendering uncached product pages of a million-product catalog one after another for 40 s
  // peaked at 305 MB instead of 391 MB, for as many pages (6,887 and 6,769; at 1.5 times,
  // 286-288 MB for 6-12% fewer). An operator's own --max-semi-space-size wins, with neither flag
  // added.
  if (![...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((arg) => arg.includes("--max-semi-space-size"))) {
    cluster.setupPrimary({ execArgv: [...process.execArgv, "--max-semi-space-size=4", "--heap-growing-percent=100"] });
  }
  const fork = () => forkedAt.set(cluster.fork().id, Date.now());
  for (let i = 0; i < count; i++) fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    if (code === EXIT_CONFIG) {
      // The worker has printed what is wrong with the environment; every other worker would too.
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill("SIGTERM");
      process.exit(EXIT_CONFIG);
    }
    errorLog.error({ event: "worker_exit", pid: worker.process.pid, code, signal });
    // A worker that dies right after starting (port taken, bad build) would die again: give up.
    if (Date.now() - (forkedAt.get(worker.id) ?? 0) < 5_000 && ++quickExits >= count * 2) {
      errorLog.error({ event: "workers_failing", message: "Workers keep failing at start-up; stopping." });
      process.exit(1);
    }
    fork();
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), 11_000).unref();
    cluster.on("exit", () => Object.keys(cluster.workers ?? {}).length === 0 && process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
