import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imageVersions, lookupStaticFile, resetStaticFiles, versionedPath } from "./static-files.server";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "ironaxis-static-"));
const script = `export const parts = [${Array.from({ length: 400 }, (_, i) => `"part-${i}"`).join(", ")}];\n`;

beforeAll(() => {
  fs.mkdirSync(path.join(root, "build", "_shared"), { recursive: true });
  fs.writeFileSync(path.join(root, "build", "_shared", "chunk-ABC.js"), script);
  fs.writeFileSync(path.join(root, "favicon.svg"), "<svg/>");
  fs.writeFileSync(path.join(root, "photo.png"), Buffer.alloc(4096, 7));
  fs.mkdirSync(path.join(root, "images", "categories"), { recursive: true });
  fs.writeFileSync(path.join(root, "images", "categories", "pumps.svg"), `<svg>${" ".repeat(2000)}</svg>`);
  fs.writeFileSync(path.join(root, "images", "logo.png"), Buffer.alloc(2048, 9));
  resetStaticFiles();
});
afterAll(() => {
  resetStaticFiles();
  fs.rmSync(root, { recursive: true, force: true });
});

const header = (answer: ReturnType<typeof lookupStaticFile>, name: string) =>
  answer?.headers.find(([n]) => n === name)?.[1];

describe("lookupStaticFile", () => {
  it("answers a build file compressed once, with a long-lived immutable cache and its ETag", () => {
    const first = lookupStaticFile("/build/_shared/chunk-ABC.js", { acceptEncoding: "gzip, deflate, br" }, root);
    expect(first?.status).toBe(200);
    expect(header(first, "content-type")).toBe("text/javascript; charset=utf-8");
    expect(header(first, "cache-control")).toBe("public, max-age=31536000, immutable");
    expect(header(first, "content-encoding")).toBe("br");
    expect(header(first, "vary")).toBe("Accept-Encoding");
    expect(zlib.brotliDecompressSync(first!.body!).toString()).toBe(script);
    expect(Number(header(first, "content-length"))).toBe(first!.body!.length);
    // The same bytes object: compressed on the first request only.
    expect(lookupStaticFile("/build/_shared/chunk-ABC.js", { acceptEncoding: "br" }, root)?.body).toBe(first!.body);

    const gzip = lookupStaticFile("/build/_shared/chunk-ABC.js", { acceptEncoding: "gzip, br;q=0" }, root);
    expect(header(gzip, "content-encoding")).toBe("gzip");
    expect(zlib.gunzipSync(gzip!.body!).toString()).toBe(script);

    const plain = lookupStaticFile("/build/_shared/chunk-ABC.js", {}, root);
    expect(header(plain, "content-encoding")).toBeUndefined();
    expect(plain?.body?.toString()).toBe(script);
  });

  it("answers 304 to the ETag the browser holds, and HEAD without a body", () => {
    const etag = header(lookupStaticFile("/favicon.svg", {}, root), "etag")!;
    expect(lookupStaticFile("/favicon.svg", { ifNoneMatch: etag }, root)).toMatchObject({ status: 304, body: null });
    expect(lookupStaticFile("/favicon.svg", { ifNoneMatch: `W/"other", ${etag}` }, root)?.status).toBe(304);
    expect(lookupStaticFile("/favicon.svg", { ifNoneMatch: '"other"' }, root)?.status).toBe(200);
    const head = lookupStaticFile("/favicon.svg", { head: true }, root);
    expect(head).toMatchObject({ status: 200, body: null });
    expect(header(head, "content-length")).toBe("6");
  });

  it("keeps small files and images as they are, with a short cache outside the build", () => {
    const svg = lookupStaticFile("/favicon.svg", { acceptEncoding: "br" }, root);
    expect(header(svg, "content-encoding")).toBeUndefined(); // 6 bytes: not worth it
    expect(header(svg, "cache-control")).toBe("public, max-age=3600");
    const png = lookupStaticFile("/photo.png", { acceptEncoding: "br, gzip" }, root);
    expect(header(png, "content-type")).toBe("image/png");
    expect(header(png, "content-encoding")).toBeUndefined();
    expect(png?.body?.length).toBe(4096);
  });

  it("serves each image also under a name fingerprinted by its bytes, cached for a year only there", () => {
    const versioned = versionedPath("/images/categories/pumps.svg", root);
    expect(versioned).toMatch(/^\/images\/categories\/pumps\.[0-9a-f]{12}\.svg$/);
    expect(imageVersions(root)).toEqual({
      "/images/categories/pumps.svg": versioned,
      "/images/logo.png": versionedPath("/images/logo.png", root),
    });
    const plain = lookupStaticFile("/images/categories/pumps.svg", { acceptEncoding: "br" }, root);
    const long = lookupStaticFile(versioned, { acceptEncoding: "br" }, root);
    expect(header(plain, "cache-control")).toBe("public, max-age=3600");
    expect(header(long, "cache-control")).toBe("public, max-age=31536000, immutable");
    expect(header(long, "content-type")).toBe("image/svg+xml");
    expect(header(long, "etag")).toBe(header(plain, "etag"));
    expect(long?.body).toBe(plain?.body); // one compressed copy for both names
    // Another hash is not a file; paths outside /images/ are not fingerprinted.
    expect(lookupStaticFile("/images/categories/pumps.000000000000.svg", {}, root)).toBeUndefined();
    expect(versionedPath("/favicon.svg", root)).toBe("/favicon.svg");
    expect(versionedPath("/images/missing.png", root)).toBe("/images/missing.png");
  });

  it("knows only the files that were there: other paths, escapes and encodings fall through", () => {
    for (const pathname of [
      "/",
      "/build",
      "/build/_shared",
      "/missing.js",
      "/build/../../etc/passwd",
      "/build/%2e%2e/favicon.svg",
      "/FAVICON.SVG",
      "//favicon.svg",
    ]) {
      expect(lookupStaticFile(pathname, {}, root), pathname).toBeUndefined();
    }
  });
});
