/**
 * Security checks that stay quick enough for every `npm test`.
 * Hostile input, uploads and a hostile article run against a server of this spec's own (port
 * E2E_PORT + 3, its own database), so rows can be counted exactly while other specs write to
 * the shared one. Headers, nonces and redirects are checked on the shared server.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { type Page } from "@playwright/test";
import { expect, test } from "../support/test";
import {
  freshDatabase,
  inspect,
  pool,
  readRequestForm,
  requestQuote,
  startServer,
  workDir,
  type Server,
} from "../reliability/harness";
import { requestFormFields } from "../support/factories/buyers";
import { buildCorpus } from "../support/hostile-corpus";
import { rawRequest, streamUntilAnswered } from "../support/raw-http";

const OWN_PORT = Number(process.env.E2E_PORT ?? 3210) + 3;
const WRITTEN_TABLES = [
  "quote_lists",
  "quote_list_lines",
  "quote_requests",
  "quote_request_lines",
  "quote_events",
  "quote_messages",
  "quote_attachments",
  "outbox_emails",
  "rate_limit_events",
  "carts",
  "cart_lines",
  "orders",
  "order_lines",
  "order_events",
  "checkout_sessions",
  "stripe_events",
  "quote_revisions",
];

function snapshot(database: string): Record<string, number | string | null> {
  return inspect(database, (db) => ({
    ...Object.fromEntries(
      WRITTEN_TABLES.map((table) => [
        table,
        (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
      ]),
    ),
    lines: (
      db.prepare("SELECT group_concat(id || ':' || quantity || ':' || note, ',') AS v FROM quote_list_lines").get() as {
        v: string | null;
      }
    ).v,
    statuses: (
      db.prepare("SELECT group_concat(id || ':' || status, ',') AS v FROM quote_requests").get() as { v: string | null }
    ).v,
  }));
}

async function startList(origin: string, productId: number, quantity = 1) {
  const added = await fetch(`${origin}/quote`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: `intent=add&productId=${productId}&quantity=${quantity}`,
  });
  const cookie = added.headers.get("set-cookie")!.split(";")[0];
  const page = await (await fetch(`${origin}/quote`, { headers: { Cookie: cookie } })).text();
  return { cookie, lineId: Number(page.match(/name="lineId" value="(\d+)"/)![1]), start: readRequestForm(page)! };
}

function multipart(fields: Record<string, string>, files: { name: string; bytes: Buffer; type?: string }[]) {
  const boundary = `----security${crypto.randomBytes(8).toString("hex")}`;
  const parts: Buffer[] = Object.entries(fields).map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${file.name}"\r\nContent-Type: ${file.type ?? "application/pdf"}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from("\r\n"),
    );
  }
  return { parts, end: Buffer.from(`--${boundary}--\r\n`), contentType: `multipart/form-data; boundary=${boundary}` };
}

const requestFields = (start: { submissionKey: string; formStartedAt: string }) => ({
  ...requestFormFields({ email: "uploads@security.example" }),
  ...start,
});

const pdf = (size: number) => Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(Math.max(0, size - 9), 0x20)]);

test.describe("against a server of its own", () => {
  test.describe.configure({ mode: "serial" });
  let server: Server;
  let database: string;
  let productId: number;

  test.beforeAll(async () => {
    test.setTimeout(60_000);
    database = freshDatabase(`security-${OWN_PORT}`);
    server = await startServer(database, OWN_PORT);
    const html = await (await fetch(`${server.origin}/categories/pressure-gauges`)).text();
    productId = Number(html.match(/name="productId" value="(\d+)"/)![1]);
  });
  test.afterAll(async () => {
    await server?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  test("≥ 200 hostile inputs to every public form and query: none answered 5xx, each with a message, nothing written", async () => {
    test.setTimeout(120_000);
    const html = await (await fetch(`${server.origin}/categories/pressure-gauges`)).text();
    const rangeKeys = [...new Set([...html.matchAll(/name="([a-z0-9_]+)_min"/g)].map((m) => m[1]))];
    const enumKeys = [
      ...new Set([...html.matchAll(/type="checkbox"[^>]*name="([a-z0-9_]+)"/g)].map((m) => m[1])),
    ].filter((k) => k !== "ids");
    expect(rangeKeys.length).toBeGreaterThan(0);
    expect(enumKeys.length).toBeGreaterThan(0);
    const buyer = await startList(server.origin, productId, 2);
    const victim = await startList(server.origin, productId, 5);
    const real = await requestQuote(server.origin, { email: "status@security.example", productId, quantity: 1 });
    expect(real.acknowledged).toBe(true);
    const corpus = buildCorpus({
      rangeKeys,
      enumKeys,
      productId,
      listLineId: buyer.lineId,
      otherLineId: victim.lineId,
      statusToken: real.token!,
    });
    expect(corpus.length).toBeGreaterThanOrEqual(200);

    // Lists for the requests that bring their own are made first, so that they are not counted.
    const fresh = new Map<number, string>();
    for (const [i, item] of corpus.entries())
      if (item.withList === "fresh") fresh.set(i, (await startList(server.origin, productId)).cookie);
    const before = snapshot(database);
    const results = await pool(corpus, 4, async (item, i) => {
      const body = item.body === undefined ? undefined : Buffer.from(item.body);
      const headers: Record<string, string> = {};
      if (item.contentType) headers["Content-Type"] = item.contentType;
      if (item.withList) headers.Cookie = fresh.get(i) ?? buyer.cookie;
      if (item.cookie) headers.Cookie = item.cookie;
      if (item.stripeSignature) headers["Stripe-Signature"] = item.stripeSignature;
      if (item.sameOrigin) headers.Origin = server.origin;
      try {
        const response = await rawRequest(server.origin, item.url, { method: item.method, headers, body });
        return {
          item,
          status: response.status,
          message: response.body.toString("utf8").trim().length > 0,
          setCookie: Boolean(response.headers["set-cookie"]),
        };
      } catch (error) {
        return { item, status: 0, message: false, setCookie: false, error: String(error) };
      }
    });
    const after = snapshot(database);

    const serverErrors = results.filter((r) => r.status >= 500 || r.status === 0);
    // 431 comes from Node itself (request line too long): its status line is the whole answer.
    const silent = results.filter((r) => r.status >= 400 && r.status !== 431 && !r.message);
    const newLists = results.filter((r) => r.setCookie);
    const counts: Record<number, number> = {};
    for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
    test.info().annotations.push({
      type: "figures",
      description: `${results.length} hostile requests; statuses ${JSON.stringify(counts)}`,
    });
    console.info(`hostile corpus: ${results.length} requests, statuses ${JSON.stringify(counts)}`);

    expect(serverErrors.map((r) => `${r.item.name}: ${r.status}`)).toEqual([]);
    expect(silent.map((r) => `${r.item.name}: ${r.status}`)).toEqual([]);
    expect(newLists.map((r) => r.item.name)).toEqual([]);
    expect(after).toEqual(before);

    // Nothing a visitor sent was a server error, so none of it left a stack trace in the log: not
    // a POST where no form takes one, nor a `?_data` probe.
    for (const target of ["/search", "/products/x", "/nowhere"])
      await fetch(`${server.origin}${target}`, { method: "POST" });
    await fetch(`${server.origin}/?_data=root`);
    await fetch(`${server.origin}/quote?_data=routes%2Fquote`);
    expect(server.stderr.filter((line) => /^\s+at /.test(line) || line.includes("Warning: Single fetch"))).toEqual([]);
  });

  test("uploads: too big, too many, wrong type or a path for a name are refused early, with a message; stored names are random", async () => {
    test.setTimeout(120_000);
    const uploadDir = path.join(workDir, "uploads");
    // Files being received wait in .incoming/ until they are moved into place or removed.
    const incoming = path.join(uploadDir, ".incoming");
    const storedFiles = () =>
      fs.existsSync(uploadDir) ? fs.readdirSync(uploadDir).filter((name) => name !== ".incoming") : [];
    const leftIncoming = () => (fs.existsSync(incoming) ? fs.readdirSync(incoming) : []);
    const filesBefore = storedFiles().length;
    const before = snapshot(database);
    const send = async (
      files: { name: string; bytes: Buffer; type?: string }[],
      fields: Record<string, string> = {},
    ) => {
      const { cookie, start } = await startList(server.origin, productId);
      const form = multipart({ ...requestFields(start), ...fields }, files);
      const body = Buffer.concat([...form.parts, form.end]);
      return rawRequest(server.origin, "/quote", {
        method: "POST",
        headers: { "Content-Type": form.contentType, Cookie: cookie },
        body,
      });
    };
    const stream = async (files: { name: string; bytes: Buffer }[], fields: Record<string, string> = {}) => {
      const { cookie, start } = await startList(server.origin, productId);
      const form = multipart({ ...requestFields(start), ...fields }, files);
      return streamUntilAnswered(server.origin, "/quote", { "Content-Type": form.contentType, Cookie: cookie }, [
        ...form.parts,
        form.end,
      ]);
    };
    const MB = 1024 * 1024;

    const tooBig = await send([{ name: "big.pdf", bytes: pdf(11 * MB) }]);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.toString()).toContain("at most 10 MB");

    const tooBigChunked = await stream([{ name: "big.pdf", bytes: pdf(40 * MB) }]);
    expect(tooBigChunked.status).toBe(413);
    expect(tooBigChunked.sentBytes).toBeLessThan(16 * MB);
    // A url-encoded form too, answered 413 rather than its connection reset.
    const formChunked = await streamUntilAnswered(
      server.origin,
      "/contact",
      { "Content-Type": "application/x-www-form-urlencoded" },
      [Buffer.alloc(4 * MB, 0x61)],
    );
    expect(formChunked.status).toBe(413);

    const declaredHuge = await rawRequest(server.origin, "/quote", {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(200 * MB) },
      body: "",
    }).catch(() => ({ status: 0, body: Buffer.alloc(0) }));
    // Refused unread: for its size, or (it has no quote list) before the size is looked at.
    expect([413, 400, 0]).toContain(declaredHuge.status);

    const tooManySmall = await send(Array.from({ length: 6 }, (_, i) => ({ name: `d${i}.pdf`, bytes: pdf(2048) })));
    expect(tooManySmall.status).toBe(400);
    expect(tooManySmall.body.toString()).toContain("Attach at most 5 files (you chose 6).");

    // Files past the fifth are read past, not kept; the whole body is bounded at 51 MB.
    const tooManyLarge = await stream(
      Array.from({ length: 20 }, (_, i) => ({ name: `d${i}.pdf`, bytes: pdf(5 * MB) })),
    );
    expect(tooManyLarge.status).toBe(413);
    expect(tooManyLarge.sentBytes).toBeLessThan(64 * MB); // of 100 MB

    const fieldFlood = await stream(
      [],
      Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`f${i}`, "z".repeat(60_000)])),
    );
    expect(fieldFlood.status).toBe(413);
    expect(fieldFlood.sentBytes).toBeLessThan(64 * MB); // refused at 51 MB of 120 MB (plus socket buffers)

    const sentMB = (bytes: number) => (bytes / MB).toFixed(1);
    console.info(
      `uploads refused after: 40 MB file at ${sentMB(tooBigChunked.sentBytes)} MB, 20×5 MB files at ${sentMB(tooManyLarge.sentBytes)} MB, 120 MB of fields at ${sentMB(fieldFlood.sentBytes)} MB`,
    );

    const longField = await send([], { message: "m".repeat(100_000) });
    expect(longField.status).toBe(413);

    const htmlAsPdf = await send([
      { name: "drawing.pdf", bytes: Buffer.from("<html><script>alert(1)</script></html>"), type: "application/pdf" },
    ]);
    expect(htmlAsPdf.status).toBe(400);
    expect(htmlAsPdf.body.toString()).toContain("is not a PDF, PNG, JPEG, DXF or STEP file");

    // Each attempt made a list of its own; nothing else may have been written.
    const requestTables = (all: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(all).filter(([key]) => !["quote_lists", "quote_list_lines", "lines"].includes(key)),
      );
    expect(requestTables(snapshot(database))).toEqual(requestTables(before));
    expect(storedFiles().length).toBe(filesBefore);
    expect(leftIncoming()).toEqual([]);

    // A path for a name is accepted as a name only: the file is stored under a random one.
    const traversal = await send([
      { name: "../../../../tmp/evil.pdf", bytes: pdf(1024) },
      { name: "..\\..\\evil2.pdf", bytes: pdf(1024) },
    ]);
    expect(traversal.status).toBe(302);
    const stored = storedFiles();
    expect(stored.length).toBe(filesBefore + 2);
    expect(leftIncoming()).toEqual([]);
    for (const name of stored) expect(name).toMatch(/^[0-9a-f]{32}\.(pdf|png|jpg|dxf|step)$/);
    expect(fs.existsSync("/tmp/evil.pdf")).toBe(false);
    const names = inspect(
      database,
      (db) => db.prepare("SELECT original_name AS name FROM quote_attachments").all() as { name: string }[],
    ).map((r) => r.name);
    expect(names.every((name) => !name.includes("/") && !name.includes("\\") && !name.startsWith("."))).toBe(true);
  });

  test("a hostile news article renders inert in the browser", async ({ page }) => {
    const payloads = [
      "<script>window.__xss = 1; alert(1)</script>",
      '<img src=x onerror="window.__xss = 2; alert(2)">',
      "[click me](javascript:window.__xss=3)",
      '<svg onload="window.__xss = 4"></svg>',
      '<iframe srcdoc="<script>parent.__xss = 5</script>"></iframe>',
      '<a href="javascript:window.__xss=6" id="js-link">js link</a>',
      '<details open ontoggle="window.__xss = 7">x</details>',
      '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss = 8">',
    ];
    const writer = new Database(database);
    writer
      .prepare(
        "INSERT INTO news_articles (slug, title, summary, body_markdown, published_on, status) VALUES (?, ?, ?, ?, ?, 'published')",
      )
      .run(
        "hostile-drill",
        "Hostile drill",
        "An article full of script",
        `Before\n\n${payloads.join("\n\n")}\n\nAfter`,
        "2026-01-02",
      );
    writer.close();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const response = await page.goto(`${server.origin}/news/hostile-drill`);
    expect(response?.status()).toBe(200);
    await expect(page.getByText("Before", { exact: true })).toBeVisible();
    await page
      .getByText("js link")
      .click({ trial: false })
      .catch(() => undefined);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });
});

/** Collects the page's console errors and its CSP violations (recorded in the page from its start). */
async function watchPage(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  const errors: string[] = [];
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  const violations = () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
  return { errors, violations };
}

test.describe("headers, nonces and redirects", () => {
  test("the inlined stylesheet applies under the CSP, and the page hydrates cleanly without modulepreload links, on the first page and after client navigation", async ({
    page,
  }) => {
    const { errors, violations } = await watchPage(page);
    const response = await page.goto("/");
    // Public pages paint before their script chunks are fetched (ADR 11); the module script
    // still imports them, and hydration must find the markup it rendered.
    expect(await response!.text()).not.toContain('rel="modulepreload"');
    const styled = () =>
      page.evaluate(() => ({
        bodyMargin: getComputedStyle(document.body).margin,
        sheets: document.querySelectorAll("#site-styles").length,
      }));
    expect(await styled()).toEqual({ bodyMargin: "0px", sheets: 1 });
    await page.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));
    await page.locator("nav a[href^='/categories/']").first().click();
    await expect(page).toHaveURL(/\/categories\//);
    await expect(page.locator("h1")).toBeVisible();
    // The home page has an h1 too: wait for the category's own results heading.
    await expect(page.getByRole("heading", { name: /^\d+ products?$/ })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
    expect(errors, "no hydration errors").toEqual([]);
    expect(await styled()).toEqual({ bodyMargin: "0px", sheets: 1 });
    expect(await violations()).toEqual([]);
  });

  test("when an extension's markup makes React re-create the page, the stylesheet is still allowed by the CSP", async ({
    page,
  }) => {
    const { errors, violations } = await watchPage(page);
    // As a browser extension does: markup React did not render, before it hydrates.
    await page.route(/\/categories\/pressure-gauges$/, async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace("<body>", '<body><div id="extension-banner">Injected</div>');
      await route.fulfill({ response, body: html });
    });
    await page.goto("/categories/pressure-gauges");
    await page.waitForLoadState("networkidle");
    // React errors 418/423 (minified): hydration failed, so the whole page was rendered again.
    expect(errors.join("\n"), "React re-created the page").toMatch(/#418|#423|hydrat/i);
    expect(await page.locator("#extension-banner").count()).toBe(0); // the server's DOM was replaced
    const bodyMargin = await page.evaluate(() => getComputedStyle(document.body).margin);
    expect(bodyMargin).toBe("0px");
    expect(await violations()).toEqual([]);
  });

  test("100 HTML responses carry 100 distinct CSP nonces, an enforcing CSP, HSTS and nosniff", async ({ baseURL }) => {
    const urls = [
      ...Array.from({ length: 50 }, () => "/"),
      ...Array.from({ length: 25 }, () => "/quote"),
      ...Array.from({ length: 25 }, () => "/search?q=pump"),
    ];
    const nonces = new Set<string>();
    for (const url of urls) {
      const response = await fetch(`${baseURL}${url}`);
      const html = await response.text();
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(response.headers.get("content-security-policy-report-only")).toBeNull();
      for (const directive of ["object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "default-src 'self'"])
        expect(csp).toContain(directive);
      expect(csp).not.toContain("unsafe-inline");
      const nonce = csp.match(/'nonce-([^']+)'/)![1];
      // Every inline script carries this response's nonce and no other.
      const scriptNonces = [...html.matchAll(/<script[^>]*nonce="([^"]+)"/g)].map((m) => m[1]);
      expect(scriptNonces.length).toBeGreaterThan(0);
      expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
      // So does the inlined stylesheet, and styles are allowed by that nonce only.
      const styleNonces = [...html.matchAll(/<style[^>]*nonce="([^"]+)"/g)].map((m) => m[1]);
      expect(styleNonces).toEqual([nonce]);
      expect(csp).toContain(`style-src 'self' 'nonce-${nonce}'`);
      expect(response.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      nonces.add(nonce);
    }
    expect(nonces.size).toBe(100);
  });

  test("every kind of response says nosniff and carries a request id", async ({ baseURL }) => {
    const home = await fetch(`${baseURL}/`);
    const html = await home.text();
    const asset = html.match(/\/build\/[^"']+\.js/)![0];
    const cases: [string, string, Record<string, string>?, string?][] = [
      ["GET", "/"],
      ["HEAD", "/"],

      ["GET", "/quote"],
      ["GET", "/search/suggest?q=pu"],
      ["GET", "/favicon.ico"],
      ["GET", asset],
      ["GET", "/robots.txt"],
      ["GET", "/sitemap.xml"],
      ["GET", "/news/rss.xml"],
      ["GET", "/healthz"],
      ["GET", "/no-such-page"],
      ["GET", "/quotes/%ZZ"],
      ["GET", `/quotes/${"A".repeat(43)}`],
      ["POST", "/quote", { "Content-Type": "application/json" }, "{}"],
      // Over the quote list's 256 KB (quick add's 20,000 characters, url-encoded, fit under it).
      ["POST", "/quote", { "Content-Type": "application/x-www-form-urlencoded" }, "x".repeat(300_000)],
    ];
    const statuses = new Set<number>();
    for (const [method, target, headers, body] of cases) {
      const response = await rawRequest(baseURL!, target, { method, headers, body });
      statuses.add(response.status);
      expect(response.headers["x-content-type-options"], `${method} ${target}`).toBe("nosniff");
      expect(response.headers["x-request-id"], `${method} ${target}`).toMatch(/^[0-9a-f-]{36}$/);
    }
    // A revalidation: each worker keeps its own page cache, so ask until one answers 304.
    let revalidated: Awaited<ReturnType<typeof rawRequest>> | undefined;
    for (let i = 0; i < 8 && revalidated?.status !== 304; i++) {
      const page = await rawRequest(baseURL!, "/");
      revalidated = await rawRequest(baseURL!, "/", { headers: { "If-None-Match": String(page.headers.etag) } });
      expect(revalidated.headers["x-content-type-options"]).toBe("nosniff");
    }
    statuses.add(revalidated!.status);
    expect([...statuses].sort()).toEqual(expect.arrayContaining([200, 304, 400, 404, 413, 415]));
  });

  test("a request target or Host that makes no URL is a 400, and a body refused unread closes its connection", async ({
    baseURL,
  }) => {
    const odd: [string, Record<string, string>][] = [
      ["*", {}],
      ["/quote", { Host: "a b" }],
      ["/quote", { Host: "[" }],
      ["/quote", { Host: "x:99999" }],
      ["/quote", { Host: "%zz" }],
      ["/quote", { Host: "user@evil.example" }],
    ];
    for (const [target, headers] of odd) {
      for (const method of ["GET", "OPTIONS", "POST"]) {
        const response = await rawRequest(baseURL!, target, { method, headers });
        expect(response.status, `${method} ${target} ${JSON.stringify(headers)}`).toBe(400);
        expect(response.body.toString()).toBe("That address or request could not be read.");
      }
    }
    // Refused before it was read, a body is not read on: the answer says so, so a client does
    // not send its next request down a connection about to be dropped.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const post = (body: string) =>
      rawRequest(baseURL!, "/cart", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body,
        agent,
      });
    const refused = await post("note=" + "x".repeat(1024 * 1024));
    expect(refused.status).toBe(413);
    expect(refused.headers.connection).toBe("close");
    const read = await post("intent=nothing");
    expect(read.status).toBeLessThan(500);
    expect(read.headers.connection).toBe("keep-alive");
    // Pages and files answered from memory keep the connection too.
    for (const target of ["/", "/", "/favicon.ico", "/categories/pressure-gauges"]) {
      expect((await rawRequest(baseURL!, target, { agent })).headers.connection, target).toBe("keep-alive");
    }
    agent.destroy();
  });

  test("a HEAD of a page not yet cached does not blank that page for the next GET", async ({ baseURL }) => {
    const url = `${baseURL}/search?q=valve-${crypto.randomBytes(4).toString("hex")}`;
    expect((await fetch(url, { method: "HEAD" })).status).toBe(200);
    for (let i = 0; i < 4; i++) {
      const html = await (await fetch(url)).text(); // either worker, cached or not
      expect(html).toContain("</html>");
    }
  });

  test("open-redirect payloads on every redirect and redirect-like parameter never leave the site", async ({
    baseURL,
  }) => {
    const payloads = [
      "//evil.example",
      "https://evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "javascript:alert(1)",
      "/%2F%2Fevil.example",
      "%2F%2Fevil.example",
      "/%5Cevil.example",
      "http:evil.example",
      "///evil.example",
      "//evil.example/%2e%2e",
      "/.//evil.example",
      "data:text/html,x",
    ];
    const params = ["redirectTo", "redirect", "returnTo", "next", "url", "to"];
    const origin = new URL(baseURL!).origin;
    const targets: { method: string; target: string; body?: string; headers?: Record<string, string> }[] = [];
    for (const payload of payloads) {
      const encoded = encodeURIComponent(payload);
      // The payload as the path itself (static files and the 404 route must not bounce it).
      targets.push(
        { method: "GET", target: `/${payload.replace(/^\//, "")}` },
        { method: "GET", target: payload.startsWith("/") ? payload : `/${payload}` },
      );
      targets.push({ method: "GET", target: `/build${payload.startsWith("/") ? payload : `/${payload}`}` });
      for (const param of params) {
        for (const page of ["/", "/quote", "/search", "/categories/pressure-gauges"])
          targets.push({ method: "GET", target: `${page}?${param}=${encoded}` });
        targets.push({
          method: "POST",
          target: `/quote?${param}=${encoded}`,
          body: `intent=add&productId=1&quantity=1&${param}=${encoded}`,
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
        });
      }
      // Search jumps to a product on an exact part number: a payload is no part number.
      targets.push({ method: "GET", target: `/search?q=${encoded}` });
      // The status page redirects to itself after a post: the token comes from the path.
      targets.push({
        method: "POST",
        target: `/quotes/${encoded}`,
        body: "intent=withdraw",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
    }
    targets.push({ method: "GET", target: "/build" }); // a directory: the one redirect static files make
    test.setTimeout(120_000);
    let redirects = 0;
    const leaving: string[] = [];
    const responses = await pool(targets, 6, ({ method, target, body, headers }) =>
      rawRequest(baseURL!, target, { method, body, headers }),
    );
    for (const [i, response] of responses.entries()) {
      const { method, target } = targets[i];
      expect(response.status, `${method} ${target}`).toBeLessThan(500);
      const location = response.headers.location;
      if (!location) continue;
      redirects++;
      const resolved = new URL(location, `${origin}${target.startsWith("/") ? "" : "/"}`);
      if (resolved.origin !== origin || /^(\/\/|\/\\|\\)/.test(location) || /^[a-z]+:/i.test(location))
        leaving.push(`${method} ${target} → ${location}`);
    }
    console.info(`open redirect: ${targets.length} requests, ${redirects} redirects, ${leaving.length} off-site`);
    expect(redirects).toBeGreaterThan(0);
    expect(leaving).toEqual([]);
  });
});
