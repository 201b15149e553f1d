// Makes sure a Chromium exists for Playwright: Debian's package (installed through apt when we
// are root), or Playwright's own download where the machine can reach it.
import { execSync } from "node:child_process";
import fs from "node:fs";
import { chromium } from "@playwright/test";

const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
const system = candidates.find((path) => fs.existsSync(path));
const bundled = (() => {
  try {
    const path = chromium.executablePath();
    return fs.existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
})();

if (system || bundled) {
  process.exit(0);
}

const run = (command) => execSync(command, { stdio: "inherit" });
if (process.getuid?.() === 0 && fs.existsSync("/usr/bin/apt-get")) {
  console.info("No Chromium found: installing Debian's chromium package.");
  run("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium");
} else {
  console.info("No Chromium found: asking Playwright to download one.");
  run("npx playwright install chromium");
}
