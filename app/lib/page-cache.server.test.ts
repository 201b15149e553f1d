import zlib from "node:zlib";
import type { AppLoadContext } from "@remix-run/node";
import { describe, expect, it, vi } from "vitest";
import { db, sqlite } from "./db.server";
import { categories } from "~db/schema";
import { BUYER_SESSION_COOKIE } from "~/accounts/customer-session.server";
import { cachedPage, isPublicPage, lookupCachedPage } from "./page-cache.server";
import { catalogIndexReady, getCatalogIndex, rebuildTiming } from "~/catalog/catalog-index.server";
import { SHARED_PAGE_CACHE_CONTROL } from "./policy";

type Render = (request: Request, context: AppLoadContext) => Promise<Response>;

function renderer() {
  let renders = 0;
  const render = async (_request: Request, context: AppLoadContext) => {
    renders++;
    return new Response(
      `<html><script nonce="${context.cspNonce}">1</script><script nonce="${context.cspNonce}">2</script>render ${renders}</html>`,
      {
        headers: { "Content-Type": "text/html", "Content-Security-Policy": `script-src 'nonce-${context.cspNonce}'` },
      },
    );
  };
  return { render, count: () => renders };
}

const get = (path: string, headers: Record<string, string> = {}) => new Request(`http://localhost${path}`, { headers });

/** A public page through the cache (cachedPage answers undefined only for a page that is not public). */
async function page(path: string, render: Render, nonce: string, headers: Record<string, string> = {}) {
  const response = await cachedPage(get(path, headers), render, nonce);
  expect(response, path).toBeDefined();
  return response!;
}

describe("isPublicPage", () => {
  it("covers catalog, search and news pages and their data requests, nothing personal", () => {
    for (const path of [
      "/",
      "/_root.data",
      "/categories/instruments",
      "/categories/instruments.data",
      "/products/x",
      "/search",
      "/news",
      "/news/a",
      "/news/rss.xml",
      "/sitemap.xml",
      "/compare",
    ]) {
      expect(isPublicPage(path), path).toBe(true);
    }
    for (const path of [
      "/quote",
      "/quote.data",
      "/quotes/abc",
      "/orders/abc",
      "/cart",
      "/checkout",
      "/admin",
      "/admin/login",
      "/healthz",
      "/webhooks/stripe",
      "/newsletter-x",
    ]) {
      expect(isPublicPage(path), path).toBe(false);
    }
  });
});

describe("cachedPage", () => {
  it("asks for the whole document, so the stored bytes and ETag do not depend on the first client's user agent", async () => {
    const contexts: { wholeDocument?: boolean }[] = [];
    const render = async (_request: Request, context: AppLoadContext) => {
      contexts.push(context);
      return new Response("<html>whole</html>", { headers: { "Content-Type": "text/html" } });
    };
    await page("/categories/whole-document-test", render, "n1", { "User-Agent": "Googlebot/2.1" });
    expect(contexts).toEqual([expect.objectContaining({ wholeDocument: true })]);
  });

  it("renders once, then serves the same page with a fresh nonce in the body and the CSP each time", async () => {
    const { render, count } = renderer();
    const first = await page("/categories/cache-test", render, "nonceA");
    const second = await page("/categories/cache-test", render, "nonceB");
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
    const first = await page("/categories/etag-test", render, "n1");
    const etag = first.headers.get("ETag")!;
    const again = await page("/categories/etag-test", render, "n2", { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    // The cached copy keeps the CSP that matches the nonce in its own scripts.
    expect(again.headers.get("Content-Security-Policy")).toBeNull();
  });

  it("renders again after a catalog write", async () => {
    const { render, count } = renderer();
    await page("/categories/version-test", render, "n1");
    db.update(categories).set({ description: "changed" }).run();
    const after = await page("/categories/version-test", render, "n2");
    expect(count()).toBe(2);
    expect(await after.text()).toContain("render 2");
  });

  it("never stores a response that sets a cookie, or an error", async () => {
    let renders = 0;
    const withCookie = async () => {
      renders++;
      return new Response("x", { headers: { "Set-Cookie": "a=b" } });
    };
    await page("/news/cookie-test", withCookie, "n1");
    const second = await page("/news/cookie-test", withCookie, "n2");
    expect(renders).toBe(2);
    expect(second.headers.get("Set-Cookie")).toBe("a=b");

    let notFound = 0;
    const missing = async () => {
      notFound++;
      return new Response("gone", { status: 404 });
    };
    await page("/products/missing", missing, "n1");
    await page("/products/missing", missing, "n2");
    expect(notFound).toBe(2);
  });

  it("renders a page asked for by many at once once, each answer with its own nonce; one that may not be shared, for each", async () => {
    // Every render waits until all the requests have come in.
    let release = () => {};
    const allIn = new Promise<void>((resolve) => (release = resolve));
    const { render, count } = renderer();
    const slow: Render = async (request, context) => {
      await allIn;
      return render(request, context);
    };
    const answers = ["n1", "n2", "n3"].map((nonce) => page("/categories/herd-test", slow, nonce));
    release();
    const bodies = await Promise.all(answers.map(async (answer) => (await answer).text()));
    expect(count()).toBe(1);
    bodies.forEach((body, i) => expect(body.match(new RegExp(`nonce="n${i + 1}"`, "g"))).toHaveLength(2));

    let renders = 0;
    let releaseCookie = () => {};
    const cookieAllIn = new Promise<void>((resolve) => (releaseCookie = resolve));
    const withCookie = async () => {
      renders++;
      await cookieAllIn;
      return new Response(`x ${renders}`, { headers: { "Set-Cookie": "a=b" } });
    };
    const own = ["n1", "n2"].map((nonce) => page("/news/herd-cookie-test", withCookie, nonce));
    releaseCookie();
    await Promise.all(own);
    expect(renders).toBe(2);
  });
});

describe("what may be shared", () => {
  it("renders a public page without the visitor's Cookie or Authorization", async () => {
    const seen: Headers[] = [];
    const render = async (request: Request) => {
      seen.push(request.headers);
      return new Response("<html>shared</html>", { headers: { "Content-Type": "text/html" } });
    };
    await page("/news/anonymous-render-test", render, "n1", {
      Cookie: "ironaxis_admin=secret",
      Authorization: "Basic eDp5",
      "Accept-Language": "de",
    });
    expect(seen).toHaveLength(1);
    expect(seen[0].get("Cookie")).toBeNull();
    expect(seen[0].get("Authorization")).toBeNull();
    expect(seen[0].get("Accept-Language")).toBe("de");
  });

  it("decides on the URL it renders: dot segments that lead out of a public section are not public", async () => {
    const { render, count } = renderer();
    for (const path of [
      "/news/../admin/users",
      "/products/../quote",
      "/news/%2e%2e/cart",
      "/categories/x/../../admin.data",
    ]) {
      expect(await cachedPage(get(path, { Cookie: "a=b" }), render, "n1"), path).toBeUndefined();
      expect(lookupCachedPage(path, { nonce: "n1" }), path).toBeUndefined();
    }
    expect(count()).toBe(0);
  });

  it("renders a signed-in buyer's pages for them, with their cookies: no stored copy is served, nothing is stored", async () => {
    const seen: (string | null)[] = [];
    const render = async (request: Request) => {
      seen.push(request.headers.get("Cookie"));
      const mine = request.headers.get("Cookie")?.includes(BUYER_SESSION_COOKIE);
      return new Response(`<html>${mine ? "your price" : "list price"}</html>`, {
        headers: { "Content-Type": "text/html", "Cache-Control": SHARED_PAGE_CACHE_CONTROL },
      });
    };
    const signedIn = { Cookie: `ironaxis_quote=q; ${BUYER_SESSION_COOKIE}=abc` };
    const mine = (await cachedPage(get("/products/buyer-test", signedIn), render, "n1"))!;
    expect(await mine.text()).toBe("<html>your price</html>");
    expect(mine.headers.get("Cache-Control")).toBe("private, no-store");
    expect(mine.headers.get("X-Page-Cache")).toBe("BYPASS");
    expect(seen).toEqual([signedIn.Cookie]);
    expect(lookupCachedPage("/products/buyer-test", { nonce: "n2" })).toBeUndefined();

    await page("/products/buyer-test", render, "n1", { Cookie: "ironaxis_quote=q" });
    expect(lookupCachedPage("/products/buyer-test", { nonce: "n2", cookie: "ironaxis_quote=q" })?.status).toBe(200);
    expect(lookupCachedPage("/products/buyer-test", { nonce: "n2", cookie: signedIn.Cookie })).toBeUndefined();
    const again = (await cachedPage(get("/products/buyer-test", signedIn), render, "n2"))!;
    expect(await again.text()).toBe("<html>your price</html>");
    // A cookie that only ends in the name is somebody else's.
    expect(
      lookupCachedPage("/products/buyer-test", { nonce: "n2", cookie: `not_${BUYER_SESSION_COOKIE}=x` })?.status,
    ).toBe(200);
    expect(seen).toEqual([signedIn.Cookie, null, signedIn.Cookie]);
  });

  it("answers rendered pages compressed in the encoding the client takes, a buyer's as the shared ones", async () => {
    const html = `<html>${"<p>Gauge, 0-160 psi, stainless</p>".repeat(100)}</html>`;
    const render = async () => new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
    for (const cookie of [{}, { Cookie: `${BUYER_SESSION_COOKIE}=abc` }] as Record<string, string>[]) {
      for (const encoding of ["br", "gzip"] as const) {
        const response = (await cachedPage(
          get("/news/compressed-test", { ...cookie, "Accept-Encoding": encoding }),
          render,
          "n1",
        ))!;
        expect(response.headers.get("Content-Encoding")).toBe(encoding);
        expect(response.headers.get("Vary")).toBe("Accept-Encoding");
        const bytes = Buffer.from(await response.arrayBuffer());
        expect(Number(response.headers.get("Content-Length"))).toBe(bytes.length);
        const text = (encoding === "br" ? zlib.brotliDecompressSync(bytes) : zlib.gunzipSync(bytes)).toString();
        expect(text).toBe(html);
      }
    }
  });

  it("answers a stored page in gzip put together around each response's nonce, not compressed again", async () => {
    const html = (nonce: string) =>
      `<html><script nonce="${nonce}">1</script>${"<p>Gauge, 0-160 psi</p>".repeat(100)}<style nonce="${nonce}"></style></html>`;
    const render = async (_request: Request, context: AppLoadContext) =>
      new Response(html(context.cspNonce), { headers: { "Content-Type": "text/html; charset=utf-8" } });
    const browser = "gzip, deflate, br, zstd";
    const rendered = await page("/news/gzip-around-test", render, "nonce-one", { "Accept-Encoding": browser });
    const gzipped = (bytes: Buffer, nonce: string) => {
      expect(zlib.gunzipSync(bytes).toString()).toBe(html(nonce));
      // The nonce travels in clear, in a stored block: the page around it was compressed when stored.
      expect(bytes.includes(Buffer.from(`nonce-${nonce.slice(-3)}`))).toBe(true);
    };
    expect(rendered.headers.get("Content-Encoding")).toBe("gzip");
    gzipped(Buffer.from(await rendered.arrayBuffer()), "nonce-one");
    const hit = lookupCachedPage("/news/gzip-around-test", { nonce: "nonce-two", acceptEncoding: browser })!;
    expect(hit.headers).toContainEqual(["content-encoding", "gzip"]);
    const bytes = Buffer.concat(hit.body!);
    expect(hit.headers).toContainEqual(["content-length", String(bytes.length)]);
    gzipped(bytes, "nonce-two");
    // A client that takes brotli only has it compressed for its response; one that takes neither, plain.
    const br = lookupCachedPage("/news/gzip-around-test", { nonce: "nonce-three", acceptEncoding: "br" })!;
    expect(zlib.brotliDecompressSync(Buffer.concat(br.body!)).toString()).toBe(html("nonce-three"));
    const plain = lookupCachedPage("/news/gzip-around-test", { nonce: "nonce-four" })!;
    expect(Buffer.concat(plain.body!).toString()).toBe(html("nonce-four"));
  });

  it("leaves a signed-in buyer's private pages to Remix", async () => {
    const { render, count } = renderer();
    expect(await cachedPage(get("/cart", { Cookie: `${BUYER_SESSION_COOKIE}=abc` }), render, "n1")).toBeUndefined();
    expect(count()).toBe(0);
  });

  it("never stores a response marked private or no-store", async () => {
    for (const cacheControl of ["private, no-store", "no-store", "private", "no-cache"]) {
      let renders = 0;
      const render = async () => {
        renders++;
        return new Response("<html>mine</html>", { headers: { "Cache-Control": cacheControl } });
      };
      const path = `/news/private-test-${cacheControl.replace(/\W+/g, "-")}`;
      await page(path, render, "n1");
      const second = await page(path, render, "n2");
      expect(renders, cacheControl).toBe(2);
      expect(second.headers.get("X-Page-Cache")).toBe("MISS");
      expect(lookupCachedPage(path, { nonce: "n3" })).toBeUndefined();
    }
  });
});

describe("query strings", () => {
  it("keys the parameters a page reads in one order, and does not store a page with any other", async () => {
    const { render, count } = renderer();
    await page("/categories/key-test?stock=in&sort=name", render, "n1");
    expect(lookupCachedPage("/categories/key-test?sort=name&stock=in", { nonce: "n2" })?.status).toBe(200);
    expect(count()).toBe(1);

    for (const query of ["utm_source=mail", "stock=in&x=1", "_data=root", "q=pump"]) {
      await page(`/categories/key-test?${query}`, render, "n1");
      expect(lookupCachedPage(`/categories/key-test?${query}`, { nonce: "n2" }), query).toBeUndefined();
    }
    // Search reads q and the catalog filters (spec keys included), the news its page number.
    for (const path of [
      "/search?q=pump&page=2",
      "/search?q=pump&material=Brass",
      "/news?page=2",
      "/compare?ids=1,2",
      "/categories/key-test.data?_routes=root",
    ]) {
      await page(path, render, "n1");
      expect(lookupCachedPage(path, { nonce: "n2" }), path).toBeDefined();
    }
  });

  it("does not store a path that only a crafted request sends: escapes, a trailing slash", async () => {
    const { render } = renderer();
    for (const path of ["/categories/%70ressure-gauges", "/categories/pressure-gauges/", "/news//a"]) {
      await page(path, render, "n1");
      expect(lookupCachedPage(path, { nonce: "n2" }), path).toBeUndefined();
    }
  });

  it("keeps pages with a query to a quarter of PAGE_CACHE_MB: a flood of them does not evict the other pages", async () => {
    vi.resetModules();
    vi.stubEnv("PAGE_CACHE_MB", "1");
    try {
      const small = await import("./page-cache.server");
      const body = "x".repeat(20 * 1024);
      const render = async () => new Response(body, { headers: { "Content-Type": "text/html" } });
      const plain = ["/news", "/categories/flood-a", "/categories/flood-b", "/products/flood-c"];
      for (const path of plain) await small.cachedPage(get(path), render, "n");
      for (let i = 0; i < 200; i++) await small.cachedPage(get(`/search?q=flood-${i}`), render, "n");
      for (const path of plain) expect(small.lookupCachedPage(path, { nonce: "n" }), path).toBeDefined();
      const kept = Array.from({ length: 200 }, (_, i) =>
        small.lookupCachedPage(`/search?q=flood-${i}`, { nonce: "n" }),
      ).filter(Boolean).length;
      expect(kept).toBeGreaterThan(0);
      expect(kept * body.length).toBeLessThanOrEqual(256 * 1024);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});

describe("a page listed from a catalog index older than the catalog", () => {
  it("is not kept, even when the index has caught up by the time its render ends", async () => {
    const timing = { ...rebuildTiming };
    // As on a large catalog: the rebuild runs in a worker while the index before it answers.
    Object.assign(rebuildTiming, { hereUnderMs: 0, waitUnderMs: 0 });
    try {
      await catalogIndexReady();
      const before = getCatalogIndex();
      sqlite.prepare("UPDATE categories SET name = name || ' B' WHERE id = (SELECT min(id) FROM categories)").run();
      let renders = 0;
      const render = async () => {
        renders++;
        const listed = getCatalogIndex();
        await vi.waitFor(() => expect(getCatalogIndex()).not.toBe(before), { timeout: 30_000, interval: 20 });
        return new Response(`<html>listed at ${listed.version}</html>`, { headers: { "Content-Type": "text/html" } });
      };
      expect(await (await page("/categories/stale-listing", render, "n")).text()).toContain(`at ${before.version}`);
      expect(lookupCachedPage("/categories/stale-listing", { nonce: "n" })).toBeUndefined();
      // Rendered again, from the new index, and kept.
      expect(await (await page("/categories/stale-listing", render, "n")).text()).not.toContain(`at ${before.version}`);
      expect(renders).toBe(2);
      expect(lookupCachedPage("/categories/stale-listing", { nonce: "n" })).toBeDefined();
    } finally {
      Object.assign(rebuildTiming, timing);
    }
  });

  it("while an import runs, is kept under the version of the index it was listed from, and never under a later one", async () => {
    const timing = { ...rebuildTiming };
    const now = performance.now.bind(performance);
    let offset = 0;
    const clock = vi.spyOn(performance, "now").mockImplementation(() => now() + offset);
    const rename = () =>
      sqlite.prepare("UPDATE categories SET name = name || ' C' WHERE id = (SELECT min(id) FROM categories)").run();
    let importId: number | bigint = 0;
    try {
      // A build just adopted, then an import starts.
      Object.assign(rebuildTiming, { hereUnderMs: 0, waitUnderMs: 60_000 });
      rename();
      await catalogIndexReady();
      const built = getCatalogIndex();
      importId = sqlite
        .prepare("INSERT INTO catalog_imports (file_name, rows_to_write) VALUES ('kept.csv', 100000)")
        .run().lastInsertRowid;
      Object.assign(rebuildTiming, { hereUnderMs: 0, waitUnderMs: 0 });
      const render = async () => {
        const listed = getCatalogIndex();
        return new Response(`<html>listed at ${listed.version}</html>`, { headers: { "Content-Type": "text/html" } });
      };

      // 2 s later a change that needs a rebuild: postponed (one every 5 s while an import runs),
      // so pages list from the index as it is, and are kept under its version.
      offset = 2_000;
      rename();
      expect(await (await page("/categories/import-lag", render, "n")).text()).toContain(`at ${built.version}`);
      expect(getCatalogIndex()).toBe(built);
      expect(lookupCachedPage("/categories/import-lag", { nonce: "n" })).toBeDefined();

      // 6 s later the rebuild starts. A page rendered now is keyed by the catalog's version but
      // listed from the old index: not kept, so once the rebuild lands it is rendered anew.
      offset = 6_000;
      expect(await (await page("/categories/import-lag-2", render, "n")).text()).toContain(`at ${built.version}`);
      await vi.waitFor(() => expect(getCatalogIndex()).not.toBe(built), { timeout: 30_000, interval: 20 });
      expect(lookupCachedPage("/categories/import-lag-2", { nonce: "n" })).toBeUndefined();
      expect(await (await page("/categories/import-lag-2", render, "n")).text()).toContain(
        `at ${getCatalogIndex().version}`,
      );
    } finally {
      clock.mockRestore();
      sqlite.prepare("UPDATE catalog_imports SET status = 'applied' WHERE id = ?").run(importId);
      Object.assign(rebuildTiming, timing);
    }
  });
});
