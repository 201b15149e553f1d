declare module "pa11y" {
  import type { Browser } from "puppeteer";

  type Issue = {
    code: string;
    type: "error" | "warning" | "notice";
    message: string;
    selector: string;
    context: string;
  };
  type Options = {
    standard?: "WCAG2A" | "WCAG2AA" | "WCAG2AAA";
    timeout?: number;
    headers?: Record<string, string>;
    /** A browser of the caller's, left open. */
    browser?: Browser;
  };
  export default function pa11y(url: string, options?: Options): Promise<{ pageUrl: string; issues: Issue[] }>;
}
