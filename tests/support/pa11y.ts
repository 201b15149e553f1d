import { expect } from "@playwright/test";
// pa11y ships no types; what these tests use of it is declared in pa11y-module.d.ts.
import pa11y from "pa11y";
import puppeteer from "puppeteer";
import { chromiumArgs, chromiumExecutable } from "./browser";

/**
 * pa11y (HTML_CodeSniffer, WCAG 2.1 AA, as an outside audit runs it) on pages of the running
 * site, in one Chromium of its own for all of them (launching one per page took about two
 * seconds each): `check` finds no errors on a page, so `url` is absolute, and a buyer's cookies
 * (a quote list, a cart) go in `headers`. Closed by `use`'s end, whatever happens in it.
 */
export async function withPa11y(
  use: (check: (url: string, headers?: Record<string, string>) => Promise<void>) => Promise<void>,
) {
  const browser = await puppeteer.launch({ executablePath: chromiumExecutable(), args: chromiumArgs });
  try {
    await use(async (url, headers = {}) => {
      const results = await pa11y(url, { standard: "WCAG2AA", headers, timeout: 60_000, browser });
      const errors = results.issues.filter((issue) => issue.type === "error");
      expect(
        errors.map((issue) => `${new URL(url).pathname} ${issue.code}: ${issue.message} (${issue.selector})`),
      ).toEqual([]);
    });
  } finally {
    await browser.close();
  }
}
