import { request as playwrightRequest } from "@playwright/test";
import { expect, test } from "../support/test";
import { readRequestForm } from "../reliability/harness";
import { requestFormFields } from "../support/factories/buyers";

const SESSIONS = 200;

test("200 simultaneous quote requests from separate sessions: 200 requests, none lost, none duplicated, no 5xx", async ({
  baseURL,
}) => {
  test.setTimeout(180_000);
  const html = await (await fetch(`${baseURL}/categories/pressure-gauges`)).text();
  const productId = Number(html.match(/name="productId" value="(\d+)"/)![1]);

  // Each buyer has its own cookie jar: a list with one product and a fresh form.
  const buyers = await Promise.all(
    Array.from({ length: SESSIONS }, async (_, i) => {
      const context = await playwrightRequest.newContext({ baseURL });
      await context.post("/quote", {
        form: { intent: "add", productId: String(productId), quantity: String(i + 1) },
        maxRedirects: 0,
      });
      const page = await (await context.get("/quote")).text();
      return { context, start: readRequestForm(page)!, i };
    }),
  );

  const started = Date.now();
  const responses = await Promise.all(
    buyers.map(({ context, start, i }) =>
      context.post("/quote", {
        maxRedirects: 0,
        form: { ...requestFormFields({ company: `Load Test Co ${i}`, email: `buyer${i}@load.example` }), ...start },
      }),
    ),
  );
  const elapsed = Date.now() - started;
  const statuses = responses.map((r) => r.status());
  const serverErrors = statuses.filter((s) => s >= 500).length;
  const locations = responses.map((r) => r.headers().location);
  test.info().annotations.push({
    type: "figures",
    description: `${SESSIONS} submissions in ${elapsed} ms; statuses ${JSON.stringify(Object.fromEntries(statuses.map((s) => [s, statuses.filter((x) => x === s).length])))}`,
  });
  console.info(`quote concurrency: ${SESSIONS} simultaneous submissions in ${elapsed} ms, ${serverErrors} 5xx`);

  expect(serverErrors).toBe(0);
  expect(statuses.every((s) => s === 302)).toBe(true);
  expect(new Set(locations).size).toBe(SESSIONS);

  // Every acknowledged request exists, with its own reference and the quantity that was sent.
  const references = new Set<string>();
  await Promise.all(
    buyers.map(async ({ context, i }) => {
      const page = await context.get(locations[i]);
      expect(page.status()).toBe(200);
      const body = await page.text();
      references.add(body.match(/<h1>(Q-\d{4}-\d{5})<\/h1>/)![1]);
      expect(body).toContain(`Load Test Co ${i}`);
      await context.dispose();
    }),
  );
  expect(references.size).toBe(SESSIONS);
});
