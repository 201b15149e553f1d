import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { categories } from "../../db/schema";
import { cachedPage, isPublicPage } from "./page-cache.server";

function renderer() {
  let renders = 0;
  const render = async (context: { cspNonce: string }) => {
    renders++;
    return new Response(`<html><script nonce="${context.cspNonce}">1</script><script nonce="${context.cspNonce}">2</script>render ${renders}</html>`, {
      headers: { "Content-Type": "text/html", "Content-Security-Policy": `script-src 'nonce-${context.cspNonce}'` },
    });
  };
  return { render, count: () => renders };
}

const get = (path: string, headers: Record<string, string> = {}) => new Request(`http://localhost${path}`, { headers });

describe("isPublicPage", () => {
  it("covers catalog, search and news pages and their data requests, nothing personal", () => {
    for (const path of ["/", "/_root.data", "/categories/instruments", "/categories/instruments.data", "/products/x", "/search", "/news", "/news/a", "/news/rss.xml", "/sitemap.xml", "/compare"]) {
      expect(isPublicPage(path), path).toBe(true);
    }
    for (const path of ["/quote", "/quote.data", "/quotes/abc", "/orders/abc", "/cart", "/checkout", "/admin", "/admin/login", "/healthz", "/webhooks/stripe", "/newsletter-x"]) {
      expect(isPublicPage(path), path).toBe(false);
    }
  });
});

describe("cachedPage", () => {
  it("asks for the whole document, so the stored bytes and ETag do not depend on the first client's user agent", async () => {
    const contexts: { wholeDocument?: boolean }[] = [];
    const render = async (context: { cspNonce: string; wholeDocument?: boolean }) => {
      contexts.push(context);
      return new Response("<html>whole</html>", { headers: { "Content-Type": "text/html" } });
    };
    await cachedPage(get("/categories/whole-document-test", { "User-Agent": "Googlebot/2.1" }), render, "n1");
    expect(contexts).toEqual([expect.objectContaining({ wholeDocument: true })]);
  });

  it("renders once, then serves the same page with a fresh nonce in the body and the CSP each time", async () => {
    const { render, count } = renderer();
    const first = await cachedPage(get("/categories/cache-test"), render, "nonceA");
    const second = await cachedPage(get("/categories/cache-test"), render, "nonceB");
    expect(count()).toBe(1);
    expect(first.headers.get("X-Page-Cache")).toBe("MISS");
    expect(second.headers.get("X-Page-Cache")).toBe("HIT");
    const body = await second.text();
    expect(body.match(/nonce="nonceB"/g)).toHaveLength(2);
    expect(body).not.toContain("nonceA");
    expect(second.headers.get("Content-Security-Policy")).toBe("script-src 'nonce-nonceB'");
    expect(first.headers.get("ETag")).toBe(second.headers.get("ETag"));
    expect(second.headers.get("Cache-Control")).toContain("s-maxage");
  });

  it("answers 304 to a matching If-None-Match", async () => {
    const { render } = renderer();
    const first = await cachedPage(get("/categories/etag-test"), render, "n1");
    const etag = first.headers.get("ETag")!;
    const again = await cachedPage(get("/categories/etag-test", { "If-None-Match": etag }), render, "n2");
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    // The cached copy keeps the CSP that matches the nonce in its own scripts.
    expect(again.headers.get("Content-Security-Policy")).toBeNull();
  });

  it("renders again after a catalog write", async () => {
    const { render, count } = renderer();
    await cachedPage(get("/categories/version-test"), render, "n1");
    db.update(categories).set({ description: "changed" }).run();
    const after = await cachedPage(get("/categories/version-test"), render, "n2");
    expect(count()).toBe(2);
    expect(await after.text()).toContain("render 2");
  });

  it("never stores a response that sets a cookie, or an error", async () => {
    let renders = 0;
    const withCookie = async () => {
      renders++;
      return new Response("x", { headers: { "Set-Cookie": "a=b" } });
    };
    await cachedPage(get("/news/cookie-test"), withCookie, "n1");
    const second = await cachedPage(get("/news/cookie-test"), withCookie, "n2");
    expect(renders).toBe(2);
    expect(second.headers.get("Set-Cookie")).toBe("a=b");

    let notFound = 0;
    const missing = async () => {
      notFound++;
      return new Response("gone", { status: 404 });
    };
    await cachedPage(get("/products/missing"), missing, "n1");
    await cachedPage(get("/products/missing"), missing, "n2");
    expect(notFound).toBe(2);
  });
});
