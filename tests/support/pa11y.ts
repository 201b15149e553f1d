import { expect } from "@playwright/test";
// pa11y ships no types; what these tests use of it is declared in pa11y-module.d.ts.
import pa11y from "pa11y";
import { chromiumArgs, chromiumExecutable } from "./browser";

/**
 * pa11y (HTML_CodeSniffer, WCAG 2.1 AA, as an outside audit runs it) on a page of the running
 * site: no errors. pa11y drives a Chromium of its own, so `url` is absolute, and a buyer's
 * cookies (a quote list, a cart) go in `headers`.
 */
export async function expectNoPa11yErrors(url: string, headers: Record<string, string> = {}) {
  const results = await pa11y(url, {
    standard: "WCAG2AA",
    headers,
    timeout: 60_000,
    chromeLaunchConfig: { executablePath: chromiumExecutable(), args: chromiumArgs },
  });
  const errors = results.issues.filter((issue) => issue.type === "error");
  expect(errors.map((issue) => `${new URL(url).pathname} ${issue.code}: ${issue.message} (${issue.selector})`)).toEqual(
    [],
  );
}
