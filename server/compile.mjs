// Compiles the server (server/*.ts, and the pure modules of app/lib it shares with the app) to
// build/server/index.js, run by `npm start` with no dev dependency; and the catalog's worker threads
// (its index build, search warm-up) to build/*.worker.js, beside the Remix build that starts them. Packages stay
// imports: the installed ones are used at run time, as by the Remix build.
import fs from "node:fs";
import { build } from "esbuild";

const { dependencies } = JSON.parse(fs.readFileSync(new URL("../package.json", import.meta.url), "utf8"));

const compile = (entry, outfile) =>
  build({
    entryPoints: [new URL(entry, import.meta.url).pathname],
    outfile: new URL(outfile, import.meta.url).pathname,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: Object.keys(dependencies),
    logLevel: "warning",
  });

await compile("index.ts", "../build/server/index.js");
await compile("../app/catalog/catalog-index.worker.ts", "../build/catalog-index.worker.js");
await compile("../app/catalog/search-warm-up.worker.ts", "../build/search-warm-up.worker.js");
