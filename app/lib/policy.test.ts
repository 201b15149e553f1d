import { describe, expect, test } from "vitest";
import { type OriginEvidence, passesOriginCheck, policyFor, STATIC_FILE_POLICY } from "./policy";

const TOKEN = "q".repeat(43);

describe("the policy table", () => {
  test.each([
    ["/admin", "admin", "required"],
    ["/admin/quotes/3", "admin", "required"],
    ["/admin/quotes/3.data", "admin", "required"],
    ["/admin/login", "admin", "required"],
    [`/quotes/${TOKEN}`, "private-link", "declared"],
    [`/quotes/${TOKEN}.data`, "private-link", "declared"],
    [`/quotes/${TOKEN}/quote.pdf`, "private-link", "declared"],
    [`/orders/${TOKEN}`, "private-link", "declared"],
    ["/products/x", "public", "declared"],
    ["/products/x.data", "public", "declared"],
    ["/categories/pressure-gauges", "public", "declared"],
    ["/", "public", "declared"],
    ["/_root.data", "public", "declared"],
    ["/sitemap.xml", "public", "declared"],
    ["/terms", "public", "declared"],
    ["/privacy.data", "public", "declared"],
    ["/returns", "public", "declared"],
    ["/about", "public", "declared"],
    ["/contact", "personal", "declared"],
    ["/header-counts", "personal", "declared"],
    ["/cart", "personal", "declared"],
    ["/quote", "personal", "declared"],
    ["/checkout", "personal", "declared"],
    ["/no-such-page", "personal", "declared"],
    ["/webhooks/stripe", "api", "exempt"],
    ["/healthz", "api", "declared"],
    ["/build/_shared/chunk-ABC.js", "static", "declared"],
    ["/images/logo.png", "static", "declared"],
  ])("%s is %s, origin check %s", (path, cacheClass, originCheck) => {
    expect(policyFor(path)).toMatchObject({ cacheClass, originCheck });
  });

  test("a prefix is a whole path segment: /administrator and /quotes-archive are not under it", () => {
    expect(policyFor("/administrator").cacheClass).toBe("personal");
    expect(policyFor("/quotes-archive").cacheClass).toBe("personal");
    expect(policyFor("/productsx").cacheClass).toBe("personal");
  });

  test("the headers that follow from each class", () => {
    expect(policyFor("/admin/quotes/3").headers).toEqual({
      "Cache-Control": "private, no-store",
      "X-Robots-Tag": "noindex",
    });
    for (const path of [`/quotes/${TOKEN}`, `/orders/${TOKEN}`])
      expect(policyFor(path).headers).toEqual({
        "Cache-Control": "private, no-store",
        "Referrer-Policy": "same-origin",
        "X-Robots-Tag": "noindex",
      });
    for (const path of ["/products/x", "/cart", "/webhooks/stripe"]) {
      expect(policyFor(path).headers).toEqual({ "Cache-Control": "private, no-store" });
    }
    expect(STATIC_FILE_POLICY.cacheClass).toBe("static");
  });
});

describe("the origin check", () => {
  const request = (overrides: Partial<OriginEvidence>): OriginEvidence => ({
    method: "POST",
    origin: null,
    fetchSite: null,
    host: "shop.example:8080",
    secure: false,
    ...overrides,
  });

  test("GET and HEAD always pass; exempt paths take any POST", () => {
    for (const method of ["GET", "HEAD"])
      expect(passesOriginCheck("required", request({ method, origin: "https://evil.example" }))).toBe(true);
    expect(passesOriginCheck("exempt", request({ origin: "https://evil.example" }))).toBe(true);
  });

  test("an Origin of the request's host passes; another host (SITE_URL's too), null or garbage does not", () => {
    for (const check of ["required", "declared"] as const) {
      expect(passesOriginCheck(check, request({ origin: "http://shop.example:8080" }))).toBe(true);
      for (const origin of [
        "https://evil.example",
        "null",
        "not a url",
        "http://shop.example:9090",
        "https://www.ironaxis.example",
      ])
        expect(passesOriginCheck(check, request({ origin })), origin).toBe(false);
    }
  });

  test("on a site served over HTTPS, an http Origin of its host is another origin", () => {
    const host = "www.ironaxis.example";
    expect(passesOriginCheck("required", request({ host, secure: true, origin: `https://${host}` }))).toBe(true);
    expect(passesOriginCheck("required", request({ host, secure: true, origin: `http://${host}` }))).toBe(false);
    expect(passesOriginCheck("required", request({ host, secure: false, origin: `http://${host}` }))).toBe(true);
  });

  test("without Origin, Sec-Fetch-Site decides; with neither, only paths that require evidence refuse", () => {
    for (const check of ["required", "declared"] as const) {
      expect(passesOriginCheck(check, request({ fetchSite: "same-origin" }))).toBe(true);
      expect(passesOriginCheck(check, request({ fetchSite: "cross-site" }))).toBe(false);
      expect(passesOriginCheck(check, request({ fetchSite: "same-site" }))).toBe(false);
    }
    expect(passesOriginCheck("required", request({}))).toBe(false);
    expect(passesOriginCheck("declared", request({}))).toBe(true);
  });
});
