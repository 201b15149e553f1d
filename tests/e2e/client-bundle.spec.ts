import fs from "node:fs";
import path from "node:path";
import { expect, test } from "../support/test";

// Validation is the server's (ADR 5): pages take their limits from the loader and their intents
// from the zod-free `*-intents.ts` modules. A page that imports a `*-schema.ts` module for a
// constant ships all of zod (92 KB gzip) to the browser; this catches it in the built bundles.
test("no script the browser loads carries zod", () => {
  const root = path.join(process.cwd(), "public", "build");
  const scripts = fs.readdirSync(root, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".js"));
  expect(scripts.length).toBeGreaterThan(20);
  const withZod = scripts.filter((file) => fs.readFileSync(path.join(root, file), "utf8").includes("ZodError"));
  expect(withZod).toEqual([]);
});
