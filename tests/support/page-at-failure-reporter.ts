import fs from "node:fs";
import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";

const MOST_LINES = 40;

/**
 * Ends the report with what each failed test's page showed (its `main` landmark, from the
 * snapshot Playwright writes as error context): CI keeps only the end of the log and not the
 * test-results folder, so this is what tells an error page from a form that lost its state.
 */
export default class PageAtFailureReporter implements Reporter {
  private readonly pages: string[] = [];

  onTestEnd(test: TestCase, result: TestResult) {
    if (result.status === "passed" || result.status === "skipped") return;
    const context = result.attachments.find((attachment) => attachment.name === "error-context" && attachment.path);
    if (!context?.path || !fs.existsSync(context.path)) return;
    const main = mainLandmark(fs.readFileSync(context.path, "utf8"));
    if (main) this.pages.push(`The page when "${test.title}" failed:\n${main}`);
  }

  onEnd(_result: FullResult) {
    if (this.pages.length > 0) console.log(`\n${this.pages.join("\n\n")}\n`);
  }

  printsToStdio() {
    return true;
  }
}

/** The `- main:` subtree of an ARIA snapshot, cut to MOST_LINES lines. */
export function mainLandmark(errorContext: string) {
  const lines = errorContext.split("\n");
  const start = lines.findIndex((line) => /^\s*- main\b/.test(line));
  if (start === -1) return undefined;
  const indent = lines[start].search(/\S/);
  const end = lines.findIndex((line, index) => index > start && line.trim() !== "" && line.search(/\S/) <= indent);
  const subtree = lines.slice(start, end === -1 ? undefined : end);
  const shown = subtree.slice(0, MOST_LINES);
  if (subtree.length > shown.length) shown.push(`  … ${subtree.length - shown.length} more lines`);
  return shown.map((line) => `  ${line}`).join("\n");
}
