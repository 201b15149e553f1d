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
    globalSetup: ["tests/support/unit-global-setup.ts"],
    setupFiles: ["tests/support/unit-setup.ts"],
  },
});
