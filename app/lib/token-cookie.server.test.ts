import { afterEach, describe, expect, it, vi } from "vitest";

/** The Set-Cookie each of the site's cookies would send, with the environment given. */
async function setCookies(environment: Record<string, string>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(environment)) vi.stubEnv(name, value);
  const { cartCookie } = await import("~/orders/cart-cookie.server");
  const { quoteListCookie } = await import("~/quotes/quote-list-cookie.server");
  const { signOut } = await import("~/admin/auth.server");
  const token = "A".repeat(43);
  const admin = (await signOut(new Request("http://localhost/admin/logout"))).headers.get("Set-Cookie")!;
  return { cart: await cartCookie.serialize(token), quoteList: await quoteListCookie.serialize(token), admin };
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("cookie Secure flag", () => {
  it("follows SITE_URL's scheme for every cookie: none is Secure on plain http, even in production", async () => {
    const cookies = await setCookies({ NODE_ENV: "production", SITE_URL: "http://intranet.example:8080" });
    for (const [name, value] of Object.entries(cookies)) expect(value, name).not.toMatch(/;\s*Secure/i);
  });

  it("makes every cookie Secure when SITE_URL is https, in any NODE_ENV", async () => {
    for (const NODE_ENV of ["production", "development"]) {
      const cookies = await setCookies({ NODE_ENV, SITE_URL: "https://www.ironaxis.example" });
      for (const [name, value] of Object.entries(cookies)) expect(value, `${name} ${NODE_ENV}`).toMatch(/;\s*Secure/i);
    }
  });
});
