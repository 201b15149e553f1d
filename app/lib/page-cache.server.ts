import crypto from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { LRUCache } from "lru-cache";
import { readContentVersions } from "~/models/content-version.server";

/**
 * Pages every anonymous visitor sees alike (home, catalog, search, news, and their `.data`
 * twins that client navigation and hover-prefetch load) are rendered once per content version
 * and then served from memory. They are rendered with a placeholder nonce that is replaced by a
 * fresh one on every response, so the CSP nonce stays per request. A response that sets a
 * cookie is passed on but never stored; none of these routes reads one.
 */
const PUBLIC_SECTIONS = ["/categories", "/products", "/news", "/search", "/compare", "/sitemap.xml", "/robots.txt"];

export function isPublicPage(pathname: string) {
  if (process.env.PAGE_CACHE === "off") return false; // for measuring the uncached path
  const path = pathname === "/_root.data" ? "/" : pathname.replace(/\.data$/, "");
  return path === "/" || PUBLIC_SECTIONS.some((section) => path === section || path.startsWith(`${section}/`));
}

type Entry = { status: number; headers: [string, string][]; segments: Buffer[]; etag: string };

const placeholder = Buffer.from(`n${crypto.randomBytes(15).toString("hex")}`);
const cache = new LRUCache<string, Entry>({
  maxSize: Number(process.env.PAGE_CACHE_MB ?? 64) * 1024 * 1024,
  sizeCalculation: (entry) => entry.segments.reduce((sum, s) => sum + s.length, 0) + 512,
});

const PUBLIC_CACHE_CONTROL = "public, max-age=0, must-revalidate, s-maxage=300, stale-while-revalidate=86400";

function split(body: Buffer) {
  const segments: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(placeholder); at !== -1; at = body.indexOf(placeholder, from)) {
    segments.push(body.subarray(from, at));
    from = at + placeholder.length;
  }
  segments.push(body.subarray(from));
  return segments;
}

function respond(entry: Entry, request: Request, nonce: string, cacheStatus: "HIT" | "MISS") {
  const headers = new Headers();
  const placeholderText = placeholder.toString();
  for (const [name, value] of entry.headers) headers.append(name, value.replaceAll(placeholderText, nonce));
  headers.set("X-Page-Cache", cacheStatus);
  if (entry.status === 200) {
    headers.set("ETag", entry.etag);
    if (!headers.has("Cache-Control")) headers.set("Cache-Control", PUBLIC_CACHE_CONTROL);
    if (request.headers.get("If-None-Match") === entry.etag) {
      // The browser keeps its copy and merges these headers into it: a new CSP nonce would no
      // longer match the nonce in the copy's scripts, so the copy keeps the CSP it came with.
      headers.delete("Content-Security-Policy");
      return new Response(null, { status: 304, headers });
    }
  }
  const nonceBytes = Buffer.from(nonce);
  const parts = entry.segments.flatMap((segment, i) => (i === 0 ? [segment] : [nonceBytes, segment]));
  return new Response(request.method === "HEAD" ? null : Buffer.concat(parts), { status: entry.status, headers });
}

/** Answers a GET or HEAD of a public page from the cache, rendering it on a miss. */
export async function cachedPage(
  request: Request,
  render: (context: AppLoadContext) => Promise<Response>,
  nonce: string,
): Promise<Response> {
  const url = new URL(request.url);
  const { catalog, news } = readContentVersions();
  const key = `${catalog}.${news}:${url.pathname}${url.search}`;
  const hit = cache.get(key);
  if (hit) return respond(hit, request, nonce, "HIT");

  const response = await render({ cspNonce: placeholder.toString() });
  const segments = split(Buffer.from(await response.arrayBuffer()));
  // The ETag ignores the placeholder, which differs per process, so every worker agrees on it.
  const hash = crypto.createHash("sha1");
  for (const segment of segments) hash.update(segment).update("\0");
  const entry: Entry = {
    status: response.status,
    headers: [...response.headers].filter(([name]) => name !== "content-length"),
    segments,
    etag: `W/"${hash.digest("base64url")}"`,
  };
  if (response.status === 200 && !response.headers.has("Set-Cookie")) cache.set(key, entry);
  return respond(entry, request, nonce, "MISS");
}
