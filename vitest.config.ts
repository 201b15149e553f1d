import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "~db": fileURLToPath(new URL("./db", import.meta.url)),
      "~": fileURLToPath(new URL("./app", import.meta.url)),
    },
  },
  test: {
    include: ["app/**/*.test.ts", "db/**/*.test.ts", "tests/support/**/*.test.ts"],
    environment: "node",
    // Some tests do seconds of real work: worker threads that load the TypeScript sources, the
    // Stripe emulator over HTTP, bodies of 15 MB. Vitest's default of 5 s is too close to that
    // on a busy two-core machine; a test that hangs still fails.
    testTimeout: 30_000,
    globalSetup: ["tests/support/unit-global-setup.ts"],
    setupFiles: ["tests/support/unit-setup.ts"],
  },
});
