// Compiles the server (server/*.ts, and the pure modules of app/lib it shares with the app) to
// build/server/index.js, run by `npm start` with no dev dependency. Packages stay imports: the
// installed ones are used at run time, as by the Remix build.
import fs from "node:fs";
import { build } from "esbuild";

const { dependencies } = JSON.parse(fs.readFileSync(new URL("../package.json", import.meta.url), "utf8"));

await build({
  entryPoints: [new URL("index.ts", import.meta.url).pathname],
  outfile: new URL("../build/server/index.js", import.meta.url).pathname,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: Object.keys(dependencies),
  logLevel: "warning",
});
