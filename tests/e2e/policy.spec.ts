/**
 * The policy table (app/lib/policy.ts) as the server applies it: every response on a path
 * carries that path's headers, whatever answered it (a page, a `.data` request, a redirect, a
 * thrown 404, a form's answer), once; and every non-GET passes the path's origin check.
 */
import { expect, test } from "../support/test";
import { ADMIN } from "../support/admin";
import { rawRequest, type RawResponse } from "../support/raw-http";

const NOT_STORED = "private, no-store";
const TOKEN = "A".repeat(43);

/** A header as sent: one value, not the server's and a route's side by side. */
function single(response: RawResponse, name: string) {
  const value = response.headers[name];
  return Array.isArray(value) ? value.join(" | ") : value;
}

async function signInCookie(baseURL: string) {
  const response = await rawRequest(baseURL, "/admin/login", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseURL },
    body: new URLSearchParams({ email: ADMIN.email, password: ADMIN.password }).toString(),
  });
  expect(response.status).toBe(302);
  return [response.headers["set-cookie"] ?? []]
    .flat()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

test("every back-office response says noindex and is not stored: pages, .data, redirects and thrown 404s", async ({
  baseURL,
}) => {
  const cookie = await signInCookie(baseURL!);
  const signedIn = { Cookie: cookie };
  const cases: [string, Record<string, string>, number][] = [
    ["/admin/login", {}, 200],
    ["/admin/quotes", {}, 302],
    ["/admin/quotes.data", {}, 202],
    ["/admin/quotes", signedIn, 200],
    ["/admin/quotes.data", signedIn, 200],
    ["/admin/quotes/999999", signedIn, 404],
    ["/admin/quotes/999999.data", signedIn, 404],
    ["/admin/orders/999999", signedIn, 404],
  ];
  for (const [target, headers, status] of cases) {
    const response = await rawRequest(baseURL!, target, { headers });
    const label = `${target}${headers.Cookie ? " (signed in)" : ""}`;
    expect(response.status, label).toBe(status);
    expect(single(response, "x-robots-tag"), label).toBe("noindex");
    expect(single(response, "cache-control"), label).toMatch(/^(private, )?no-store$/);
  }
});

test("every response behind a private link keeps the link to the site, unindexed and unstored", async ({ baseURL }) => {
  const form = { "Content-Type": "application/x-www-form-urlencoded", Origin: baseURL! };
  const cases: [string, string, string?][] = [
    ["GET", `/quotes/${TOKEN}`],
    ["GET", `/quotes/${TOKEN}.data`],
    ["GET", `/quotes/${TOKEN}/quote.pdf`],
    ["POST", `/quotes/${TOKEN}`, "intent=withdraw"],
    ["GET", `/orders/${TOKEN}`],
    ["GET", `/orders/${TOKEN}.data`],
    ["POST", `/orders/${TOKEN}`, "intent=pay"],
  ];
  for (const [method, target, body] of cases) {
    const response = await rawRequest(baseURL!, target, { method, body, headers: body ? form : {} });
    const label = `${method} ${target.replace(TOKEN, ":token")} → ${response.status}`;
    expect(response.status, label).toBeLessThan(500);
    expect(single(response, "referrer-policy"), label).toBe("same-origin");
    expect(single(response, "x-robots-tag"), label).toBe("noindex");
    expect(single(response, "cache-control"), label).toBe(NOT_STORED);
  }
});

test("public pages are shared from the cache, personal pages and form answers are not stored, files are cached", async ({
  baseURL,
}) => {
  expect(single(await rawRequest(baseURL!, "/categories/pressure-gauges"), "cache-control")).toMatch(/^public, /);
  expect(single(await rawRequest(baseURL!, "/cart"), "cache-control")).toBe(NOT_STORED);
  expect(single(await rawRequest(baseURL!, "/no-such-page"), "cache-control")).toBe(NOT_STORED);
  const posted = await rawRequest(baseURL!, "/cart", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: "intent=nothing",
  });
  expect(single(posted, "cache-control")).toBe(NOT_STORED);
  expect(single(await rawRequest(baseURL!, "/favicon.ico"), "cache-control")).toBe("public, max-age=3600");
  expect(single(await rawRequest(baseURL!, "/healthz"), "cache-control")).toMatch(/no-store/);
});

test("one origin check for every non-GET: another site's form is refused everywhere but the Stripe webhook", async ({
  baseURL,
}) => {
  const form = { "Content-Type": "application/x-www-form-urlencoded" };
  for (const target of ["/cart", "/quote", `/quotes/${TOKEN}`, "/admin/login", "/products/anything"]) {
    for (const evidence of [
      { Origin: "https://evil.example" } as Record<string, string>,
      { Origin: "null" },
      { "Sec-Fetch-Site": "cross-site" },
    ]) {
      const response = await rawRequest(baseURL!, target, {
        method: "POST",
        headers: { ...form, ...evidence },
        body: "x=1",
      });
      expect(response.status, `${target} ${JSON.stringify(evidence)}`).toBe(403);
      expect(response.body.toString()).toBe("Cross-site request refused");
    }
  }
  // Our own origin sent to another host (a proxy that drops the host): Remix would abort it with a
  // bare 500; refused here first.
  for (const target of ["/cart", "/admin/login"]) {
    const elsewhere = await rawRequest(baseURL!, target, {
      method: "POST",
      headers: { ...form, Origin: baseURL!, Host: "internal.example:8080" },
      body: "x=1",
    });
    expect(elsewhere.status, target).toBe(403);
    expect(elsewhere.body.toString()).toBe("Cross-site request refused");
  }
  // The back office wants evidence; public forms take a client that sends none (scripts, curl).
  expect((await rawRequest(baseURL!, "/admin/login", { method: "POST", headers: form, body: "x=1" })).status).toBe(403);
  expect(
    (await rawRequest(baseURL!, "/cart", { method: "POST", headers: form, body: "intent=nothing" })).status,
  ).toBeLessThan(403);
  // Stripe posts its events from its own servers: refused for the signature, not the origin.
  const webhook = await rawRequest(baseURL!, "/webhooks/stripe", {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: "https://evil.example" },
    body: "{}",
  });
  expect(webhook.status).toBe(400);
});
