import { test as base, type Page } from "@playwright/test";

export { expect } from "@playwright/test";

/**
 * Waits until React has hydrated the page (the root layout marks `<html data-hydrated>`). Before
 * that, a click on "Add to cart" posts the plain form and gets the no-JavaScript redirect instead
 * of the status message a test waits for.
 */
export async function hydrated(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/**
 * Makes `page.goto` return only once a page of the site has hydrated. Anything else (a PDF, a
 * feed, the Stripe emulator's checkout page) returns as it arrives. For a page with JavaScript on.
 */
export function gotoHydrates(page: Page) {
  const goto = page.goto.bind(page);
  page.goto = async (url, options) => {
    const response = await goto(url, options);
    if (response?.headers()["content-type"]?.startsWith("text/html") && (await isSitePage(page))) {
      await hydrated(page);
    }
    return response;
  };
  return page;
}

const isSitePage = (page: Page) => page.evaluate(() => "__remixContext" in window);

/**
 * Playwright's `test`, whose page (when JavaScript is on) has hydrated when `goto` returns, and which
 * closes the contexts a test opened with `browser.newContext()`: the browser outlives the test, so
 * otherwise they pile up in the worker, and a failure's snapshot may show an earlier test's page.
 */
export const test = base.extend<{ page: Page; closeOpenedContexts: void }>({
  page: async ({ page, javaScriptEnabled }, use) => {
    await use(javaScriptEnabled ? gotoHydrates(page) : page);
  },
  closeOpenedContexts: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts());
      await use();
      await Promise.all(browser.contexts().map((context) => (before.has(context) ? null : context.close())));
    },
    { auto: true },
  ],
});
