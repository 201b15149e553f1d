import { test as base, type Page, type Response } from "@playwright/test";

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
 * Makes `page.goto`, `page.reload`, `page.goBack` and `page.goForward` return only once a page of
 * the site has hydrated. Anything else (a PDF, a feed, the Stripe emulator's checkout page) returns
 * as it arrives, and so does a step back or forward within the page's own history, which loads no
 * document (its response is null). For a page with JavaScript on.
 */
export function gotoHydrates(page: Page) {
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  const goBack = page.goBack.bind(page);
  const goForward = page.goForward.bind(page);
  page.goto = async (url, options) => hydratesIfSitePage(page, await goto(url, options));
  page.reload = async (options) => hydratesIfSitePage(page, await reload(options));
  page.goBack = async (options) => hydratesIfSitePage(page, await goBack(options));
  page.goForward = async (options) => hydratesIfSitePage(page, await goForward(options));
  return page;
}

async function hydratesIfSitePage(page: Page, response: Response | null) {
  if (response?.headers()["content-type"]?.startsWith("text/html") && (await isSitePage(page))) {
    await hydrated(page);
  }
  return response;
}

const isSitePage = (page: Page) => page.evaluate(() => "__remixContext" in window);

/**
 * Playwright's `test`, whose page (when JavaScript is on) has hydrated when `goto`, `reload`, `goBack`
 * or `goForward` returns, and which closes the contexts a test opened with `browser.newContext()`: the
 * browser outlives the test, so otherwise they pile up in the worker, and a failure's snapshot may show
 * an earlier test's page.
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
