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

export type CachedAnswer = { status: number; headers: [string, string][]; body: Buffer | null };

function answer(entry: Entry, ifNoneMatch: string | null, nonce: string, head: boolean, cacheStatus: "HIT" | "MISS"): CachedAnswer {
  const placeholderText = placeholder.toString();
  const headers: [string, string][] = entry.headers.map(([name, value]) => [name, value.replaceAll(placeholderText, nonce)]);
  headers.push(["x-page-cache", cacheStatus]);
  if (entry.status === 200) {
    headers.push(["etag", entry.etag]);
    if (!headers.some(([name]) => name === "cache-control")) headers.push(["cache-control", PUBLIC_CACHE_CONTROL]);
    if (ifNoneMatch === entry.etag) {
      // The browser keeps its copy and merges these headers into it: a new CSP nonce would no
      // longer match the nonce in the copy's scripts, so the copy keeps the CSP it came with.
      return { status: 304, headers: headers.filter(([name]) => name !== "content-security-policy"), body: null };
    }
  }
  const nonceBytes = Buffer.from(nonce);
  const parts = entry.segments.flatMap((segment, i) => (i === 0 ? [segment] : [nonceBytes, segment]));
  return { status: entry.status, headers, body: head ? null : Buffer.concat(parts) };
}

function cacheKey(url: URL) {
  const { catalog, news } = readContentVersions();
  return `${catalog}.${news}:${url.pathname}${url.search}`;
}

/**
 * The hot path: a stored page as status, headers and bytes (no Fetch API objects), or
 * undefined when it has to be rendered. `pathWithSearch` is the request target, "/x?y".
 */
export function lookupCachedPage(pathWithSearch: string, ifNoneMatch: string | null, nonce: string, head = false) {
  const entry = cache.get(cacheKey(new URL(pathWithSearch, "http://cache")));
  return entry ? answer(entry, ifNoneMatch, nonce, head, "HIT") : undefined;
}

/** Answers a GET or HEAD of a public page from the cache, rendering and storing it on a miss. */
export async function cachedPage(
  request: Request,
  render: (context: AppLoadContext) => Promise<Response>,
  nonce: string,
): Promise<Response> {
  const key = cacheKey(new URL(request.url));
  const ifNoneMatch = request.headers.get("If-None-Match");
  const head = request.method === "HEAD";
  let entry = cache.get(key);
  let status: "HIT" | "MISS" = "HIT";
  if (!entry) {
    status = "MISS";
    // Rendered whole, not streamed as for a browser: the stored bytes (and so the ETag) must not
    // depend on whether the client that happened to come first was a bot.
    const response = await render({ cspNonce: placeholder.toString(), wholeDocument: true });
    const segments = split(Buffer.from(await response.arrayBuffer()));
    // The ETag ignores the placeholder, which differs per process, so every worker agrees on it.
    const hash = crypto.createHash("sha1");
    for (const segment of segments) hash.update(segment).update("\0");
    entry = {
      status: response.status,
      headers: [...response.headers].filter(([name]) => name !== "content-length"),
      segments,
      etag: `W/"${hash.digest("base64url")}"`,
    };
    // PAGE_CACHE=off renders every request this same way and keeps none: the uncached path, measured.
    const storing = process.env.PAGE_CACHE !== "off";
    if (storing && response.status === 200 && !response.headers.has("Set-Cookie")) cache.set(key, entry);
  }
  const { status: code, headers, body } = answer(entry, ifNoneMatch, nonce, head, status);
  const result = new Headers();
  for (const [name, value] of headers) result.append(name, value);
  return new Response(body && new Uint8Array(body), { status: code, headers: result });
}
