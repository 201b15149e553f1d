import { Worker, type ResourceLimits } from "node:worker_threads";

/**
 * Starts `<name>.worker` beside the module at `moduleUrl` in a thread of its own. The built server
 * runs the compiled worker beside its bundle (`server/compile.mjs`); the sources (tests, scripts)
 * load the TypeScript through tsx's loader, registered in the thread first.
 */
export function startWorker(moduleUrl: string, name: string, workerData: unknown, resourceLimits?: ResourceLimits) {
  if (!moduleUrl.endsWith(".ts")) return new Worker(new URL(`./${name}.js`, moduleUrl), { workerData, resourceLimits });
  const source = JSON.stringify(new URL(`./${name}.ts`, moduleUrl).href);
  return new Worker(`import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${source}); })`, {
    eval: true,
    workerData,
    resourceLimits,
  });
}
