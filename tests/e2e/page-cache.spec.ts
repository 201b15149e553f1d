/**
 * The public page cache holds only what every anonymous visitor may see. A server of this
 * spec's own (port E2E_PORT + 4, its own database) is asked for private pages through request
 * targets that look public (dot segments, escaped slashes, `.data` and `?_data` twins, HEAD),
 * with a buyer's and an admin's cookies; a stranger who then asks for the same targets must
 * get none of it.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import Database from "better-sqlite3";
import { expect, test } from "../support/test";
import { freshDatabase, requestQuote, startServer, workDir, type Server } from "../reliability/harness";
import { rawRequest } from "../support/raw-http";
import { formatMoney } from "~/lib/money";

const OWN_PORT = Number(process.env.E2E_PORT ?? 3210) + 4;
const ADMIN_EMAIL = "cache-admin@page-cache.test";
const BUYER_EMAIL = "cache-buyer@page-cache.test";
const ADMIN_PASSWORD = "correct-horse-battery-cache";

/** What only the admin or the buyer may read: names, addresses and their own lines. */
const PRIVATE_MARKERS = [ADMIN_EMAIL, BUYER_EMAIL, 'name="lineId"'];

test.describe("the public page cache", () => {
  test.describe.configure({ mode: "serial" });
  let server: Server;
  let adminCookie: string;
  let buyerCookie: string;
  let database: string;

  test.beforeAll(async () => {
    database = freshDatabase(`page-cache-${OWN_PORT}`);
    execFileSync(
      "npx",
      ["tsx", "db/admin-create.ts", "--email", ADMIN_EMAIL, "--name", "Cache Admin", "--role", "admin"],
      {
        env: { ...process.env, DATABASE_PATH: database, ADMIN_PASSWORD },
        stdio: "ignore",
      },
    );
    server = await startServer(database, OWN_PORT);
    const signIn = await fetch(`${server.origin}/admin/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.origin },
      body: new URLSearchParams({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).toString(),
    });
    adminCookie = signIn.headers.get("set-cookie")!.split(";")[0];
    // The buyer's e-mail waits in the outbox (no SMTP_URL), which the back office lists.
    const html = await (await fetch(`${server.origin}/categories/pressure-gauges`)).text();
    const productId = Number(html.match(/name="productId" value="(\d+)"/)![1]);
    expect((await requestQuote(server.origin, { email: BUYER_EMAIL, productId, quantity: 3 })).acknowledged).toBe(true);
    const form = (body: Record<string, string>) => ({
      method: "POST",
      redirect: "manual" as const,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(body).toString(),
    });
    const list = await fetch(
      `${server.origin}/quote`,
      form({ intent: "add", productId: String(productId), quantity: "2" }),
    );
    const cart = await fetch(
      `${server.origin}/cart`,
      form({ intent: "add", productId: String(productId), quantity: "1" }),
    );
    buyerCookie = [list, cart].map((response) => response.headers.get("set-cookie")!.split(";")[0]).join("; ");
    // The cookies work: the pages they open hold what the stranger must never see.
    const users = await rawRequest(server.origin, "/admin/users", { headers: { Cookie: adminCookie } });
    expect(users.body.toString()).toContain(ADMIN_EMAIL);
    const outbox = await rawRequest(server.origin, "/admin/outbox", { headers: { Cookie: adminCookie } });
    expect(outbox.body.toString()).toContain(BUYER_EMAIL);
    for (const target of ["/quote", "/cart"]) {
      expect(
        (await rawRequest(server.origin, target, { headers: { Cookie: buyerCookie } })).body.toString(),
        target,
      ).toContain('name="lineId"');
    }
  });
  test.afterAll(async () => {
    await server?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  test("private pages asked for through public-looking paths never reach a stranger", async () => {
    const privatePages = ["/admin/users", "/admin/outbox", "/admin", "/quote", "/cart"];
    const disguises = (page: string) => [
      `/news/..${page}`,
      `/products/..${page}`,
      `/categories/x/../..${page}`,
      `/news/./..${page}`,
      `/news/%2e%2e${page}`,
      `/news/%2E%2E${page}`,
      `/news/..%2f..${page}`,
      `/news/..%5c..${page}`,
      `/news/..\\..${page}`,
      `/news\\..${page}`,
      `//news/..${page}`,
      `/news/..${page}.data`,
      `/news/..${page}.data?_routes=root`,
      `/news/..${page}?_data=root`,
      `/news/..${page}?_data=routes%2F${page.slice(1).replace(/\//g, ".")}`,
      `/news/..${page}?q=1`,
      `/_root.data/..${page}`,
    ];
    const targets = privatePages.flatMap(disguises);
    for (const target of targets) {
      const cookie = target.includes("/admin") ? adminCookie : buyerCookie;
      for (const method of ["GET", "HEAD", "GET"])
        await rawRequest(server.origin, target, { method, headers: { Cookie: cookie } });
    }
    const leaks: string[] = [];
    for (const target of [...targets, ...privatePages]) {
      const stranger = await rawRequest(server.origin, target);
      const body = stranger.body.toString();
      const seen = PRIVATE_MARKERS.filter((marker) => body.includes(marker));
      if (seen.length || stranger.headers["x-page-cache"] === "HIT")
        leaks.push(`${target} → ${stranger.status} ${stranger.headers["x-page-cache"] ?? ""} ${seen.join(", ")}`);
    }
    expect(leaks).toEqual([]);
  });

  test("dot segments, escaped dots, slashes and backslashes in the path are refused with 400", async () => {
    for (const target of [
      "/news/../admin/users",
      "/products/./x",
      "/news/%2e%2e/quote",
      "/news/a%2Fb",
      "/news/a%5cb",
      "/news\\x",
      "//news",
      "/categories/%E0%A4%A",
    ]) {
      const response = await rawRequest(server.origin, target);
      expect(response.status, target).toBe(400);
      expect(response.body.toString(), target).toBe("That address or request could not be read.");
    }
  });

  test("a public page rendered for a visitor with cookies is the anonymous page", async () => {
    const target = "/categories/pressure-gauges?sort=name";
    const first = await rawRequest(server.origin, target, { headers: { Cookie: `${buyerCookie}; ${adminCookie}` } });
    expect(first.status).toBe(200);
    const stranger = await rawRequest(server.origin, target);
    expect(stranger.headers["x-page-cache"]).toBe("HIT");
    expect(stranger.headers.etag).toBe(first.headers.etag);
  });

  test("parameters a page does not read are not stored; the ones it reads are keyed in one order", async () => {
    const base = "/categories/pressure-gauges";
    for (let i = 0; i < 3; i++) {
      const response = await rawRequest(server.origin, `${base}?utm_source=variant-${i}`);
      expect(response.status).toBe(200);
      expect(response.headers["x-page-cache"]).toBe("MISS");
    }
    const again = await rawRequest(server.origin, `${base}?utm_source=variant-0`);
    expect(again.headers["x-page-cache"]).toBe("MISS");

    const first = await rawRequest(server.origin, `${base}?stock=in&sort=price-asc`);
    expect(first.headers["x-page-cache"]).toBe("MISS");
    const reordered = await rawRequest(server.origin, `${base}?sort=price-asc&stock=in`);
    expect(reordered.headers["x-page-cache"]).toBe("HIT");

    // Query strings that only a crafted request sends leave the plain page where it was.
    await rawRequest(server.origin, "/news");
    for (let i = 0; i < 20; i++) await rawRequest(server.origin, `/news?x${i}=${i}`);
    expect((await rawRequest(server.origin, "/news")).headers["x-page-cache"]).toBe("HIT");
  });

  test("a signed-in buyer's company prices are rendered for them alone: nothing they see enters the shared cache", async () => {
    const post = (path: string, body: Record<string, string>, cookie?: string) =>
      fetch(`${server.origin}${path}`, {
        method: "POST",
        redirect: "manual",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Origin: server.origin,
          ...(cookie ? { Cookie: cookie } : {}),
        },
        body: new URLSearchParams(body).toString(),
      });
    const sqlite = new Database(database, { readonly: true });
    const read = <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).get(...params) as T;
    // The development seed's demo company: its company admin signs in below.
    const { companyId, email } = read<{ companyId: number; email: string }>(
      "SELECT company_id AS companyId, email FROM customers WHERE company_role = 'company_admin' ORDER BY id LIMIT 1",
    );
    const { categoryId } = read<{ categoryId: number }>(
      "SELECT id AS categoryId FROM categories WHERE slug = 'flow-meters'",
    );
    const product = read<{ slug: string; priceCents: number }>(
      `SELECT slug, price_cents AS priceCents FROM products
       WHERE category_id = ? AND status = 'active' AND price_cents >= 100 ORDER BY id LIMIT 1`,
      categoryId,
    );

    // Sales gives the company 12.5% off flow meters; the buyer signs in with the code in the outbox.
    const discount = { intent: "set-discount", categoryId: String(categoryId), percentOff: "12.5" };
    expect((await post(`/admin/companies/${companyId}/prices`, discount, adminCookie)).status).toBe(302);
    await post("/sign-in", { intent: "send", email, redirectTo: "" });
    const { text } = read<{ text: string }>(
      'SELECT text FROM outbox_emails WHERE "to" LIKE ? ORDER BY id DESC LIMIT 1',
      `%${email}%`,
    );
    sqlite.close();
    const signedIn = await post("/sign-in", {
      intent: "verify",
      email,
      code: text.match(/Your sign-in code is (\d{6})\./)![1],
      redirectTo: "",
    });
    expect(signedIn.status).toBe(302);
    const buyer = signedIn.headers.get("set-cookie")!.split(";")[0];
    // The company's price, as the page writes it (React puts a comment between "Your price" and it).
    const yours = formatMoney(Math.floor((product.priceCents * 8750 + 5000) / 10000));

    const targets = [
      [`/products/${product.slug}`, yours],
      [`/products/${product.slug}.data?_routes=${encodeURIComponent("routes/products.$slug")}`, "yourPriceCents"],
      ["/categories/flow-meters", yours],
    ] as const;
    for (const [target, personal] of targets) {
      for (let visit = 0; visit < 2; visit++) {
        const mine = await rawRequest(server.origin, target, { headers: { Cookie: buyer } });
        expect(mine.status, target).toBe(200);
        expect(mine.body.toString(), target).toContain(personal);
        expect(mine.headers["x-page-cache"], target).toBe("BYPASS");
        expect(mine.headers["cache-control"], target).toBe("private, no-store");
      }
      // Had the buyer's page been stored, the first stranger would have been handed it.
      const stranger = await rawRequest(server.origin, target);
      expect(stranger.headers["x-page-cache"], target).toBe("MISS");
      const next = await rawRequest(server.origin, target);
      expect(next.headers["x-page-cache"], target).toBe("HIT");
      for (const anonymous of [stranger, next]) {
        expect(anonymous.body.toString(), target).not.toContain(personal);
        expect(anonymous.body.toString(), target).not.toMatch(/Your price|yourPriceCents/);
      }
      // And the stored anonymous page is never handed to the buyer.
      const mineAfter = await rawRequest(server.origin, target, { headers: { Cookie: buyer } });
      expect(mineAfter.headers["x-page-cache"], target).toBe("BYPASS");
      expect(mineAfter.body.toString(), target).toContain(personal);
    }
  });
});
