import crypto from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { LRUCache } from "lru-cache";
import { listedCatalogVersion, pagesCatalogVersion, staleIndexAnswers } from "~/catalog/catalog-index.server";
import { BUYER_SESSION_COOKIE } from "~/accounts/customer-session.server";
import { contentVersionsThisTurn, readContentVersions } from "./content-version.server";
import {
  compress,
  deflateParts,
  gzipAround,
  isCompressibleType,
  MIN_COMPRESS_BYTES,
  pickEncoding,
  type DeflatedParts,
} from "./encoding.server";
import { NOT_STORED, policyFor, SHARED_PAGE_CACHE_CONTROL } from "./policy";
import { listSpecDefinitions } from "~/catalog/spec.server";

/**
 * Pages every anonymous visitor sees alike (home, catalog, search, news, and their `.data`
 * twins that client navigation and hover-prefetch load) are rendered once per content version
 * and then served from memory. They are rendered with a placeholder nonce that is replaced by a
 * fresh one on every response, so the CSP nonce stays per request. They are rendered without the
 * visitor's Cookie and Authorization, and a response that sets a cookie or says `private` or
 * `no-store` is passed on but never stored. Which pages are public is the policy table's call.
 * A signed-in buyer's requests bypass the cache both ways: their pages carry their company's
 * prices, so they are rendered for them (private, no-store, `X-Page-Cache: BYPASS`) on the same
 * whole-document path as the cache's renders, and never stored or served to others.
 */
export function isPublicPage(pathname: string) {
  return policyFor(pathname).cacheClass === "public";
}

/** Whether a request carries a buyer's session cookie: its pages are theirs, not the cache's. */
export function isBuyerRequest(cookieHeader: string | null | undefined) {
  return (cookieHeader ?? "").split(";").some((pair) => pair.trimStart().startsWith(`${BUYER_SESSION_COOKIE}=`));
}

const CATALOG_PARAMS = ["mfr", "price", "stock", "lead", "sort", "page"];
let catalogParams = { version: -1, names: new Set<string>() };

/** The catalog filters' parameter names (app/catalog/catalog-filters.ts), spec keys included. */
function catalogParamNames(catalogVersion: number) {
  if (catalogParams.version !== catalogVersion) {
    const specNames = listSpecDefinitions().flatMap(({ key, kind }) =>
      kind === "enum" ? [key] : [`${key}_min`, `${key}_max`],
    );
    catalogParams = { version: catalogVersion, names: new Set([...CATALOG_PARAMS, ...specNames]) };
  }
  return catalogParams.names;
}

/** Whether the page at `path` (`.data` stripped) reads the query parameter `name`. */
function readsParam(path: string, name: string, catalogVersion: number, data: boolean) {
  if (data && name === "_routes") return true; // which loaders a client navigation asks for
  if (path.startsWith("/categories/")) return catalogParamNames(catalogVersion).has(name);
  if (path === "/search") return name === "q" || catalogParamNames(catalogVersion).has(name);
  if (path === "/compare") return name === "ids";
  if (path === "/news" || path.startsWith("/news/tags/")) return name === "page";
  if (path === "/sitemap.xml") return name === "part";
  return false;
}

/**
 * Where a public page lives in the cache, decided on the URL that is rendered: undefined for a
 * page that is not public. The key holds the parameters in name order; `store` is false for a
 * URL that only a crafted request makes (a parameter the page does not read, a %-escaped or
 * trailing-slash path), which is rendered for that request and not kept. `variant` says the
 * page has a query: searches and filters, kept apart so that they cannot push out the pages.
 */
function placeOf(
  url: URL,
  versions: () => ReturnType<typeof readContentVersions>,
): { key: string; store: boolean; variant: boolean; catalog: number } | undefined {
  if (!isPublicPage(url.pathname)) return undefined;
  const { news, pages, catalog: written } = versions();
  const catalog = pagesCatalogVersion(written);
  const data = url.pathname.endsWith(".data");
  const path = url.pathname === "/_root.data" ? "/" : url.pathname.replace(/\.data$/, "");
  let store = /^\/(\w[\w.-]*(\/\w[\w.-]*)*)?$/.test(url.pathname);
  const params = new URLSearchParams(url.search);
  params.sort();
  for (const name of new Set(params.keys())) if (!readsParam(path, name, catalog, data)) store = false;
  const query = params.toString();
  return {
    key: `${catalog}.${news}.${pages}:${url.pathname}${query ? `?${query}` : ""}`,
    store,
    variant: query !== "",
    catalog,
  };
}

/**
 * A stored page: its bytes in parts around each nonce, and, for a page compression shrinks, the
 * same parts compressed (`deflateParts`), so a response in gzip is assembled, not compressed.
 */
type Entry = {
  status: number;
  headers: [string, string][];
  segments: Buffer[];
  deflated?: DeflatedParts;
  etag: string;
};

const placeholder = Buffer.from(`n${crypto.randomBytes(15).toString("hex")}`);
// Everything an entry holds is counted, so PAGE_CACHE_MB bounds the memory the entries take.
const entrySize = (entry: Entry, key: string) =>
  [...entry.segments, ...(entry.deflated?.deflated ?? [])].reduce((sum, s) => sum + s.length, 0) +
  entry.headers.reduce((sum, [name, value]) => sum + name.length + value.length + 64, 0) +
  key.length * 2 +
  512;
const budget = Number(process.env.PAGE_CACHE_MB ?? 64) * 1024 * 1024;
// A quarter for pages with a query (searches, filters, pages of lists): there is no end to those,
// and a flood of them must not evict the home, category, product and news pages.
const pages = new LRUCache<string, Entry>({ maxSize: budget - Math.floor(budget / 4), sizeCalculation: entrySize });
const variants = new LRUCache<string, Entry>({ maxSize: Math.floor(budget / 4), sizeCalculation: entrySize });

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

/** A page as status, headers and its bytes in parts (a stored page's around each nonce), written in order. */
export type CachedAnswer = { status: number; headers: [string, string][]; body: Buffer[] | null };

function answer(
  entry: Entry,
  { nonce, ifNoneMatch = null, head = false, acceptEncoding }: CacheLookup,
  cacheStatus: "HIT" | "MISS",
): CachedAnswer {
  const placeholderText = placeholder.toString();
  const headers: [string, string][] = entry.headers.map(([name, value]) => [
    name,
    value.replaceAll(placeholderText, nonce),
  ]);
  headers.push(["x-page-cache", cacheStatus]);
  if (entry.status === 200) {
    headers.push(["etag", entry.etag]);
    if (!headers.some(([name]) => name === "cache-control")) headers.push(["cache-control", SHARED_PAGE_CACHE_CONTROL]);
    if (ifNoneMatch === entry.etag) {
      // The browser keeps its copy and merges these headers into it: a new CSP nonce would no
      // longer match the nonce in the copy's scripts, so the copy keeps the CSP it came with.
      return { status: 304, headers: headers.filter(([name]) => name !== "content-security-policy"), body: null };
    }
  }
  const nonceBytes = Buffer.from(nonce);
  if (entry.deflated && !head && pickEncoding(acceptEncoding, "gzip") === "gzip") {
    const body = gzipAround(entry.deflated, nonceBytes);
    const length = body.reduce((sum, part) => sum + part.length, 0);
    headers.push(["vary", "Accept-Encoding"], ["content-encoding", "gzip"], ["content-length", String(length)]);
    return { status: entry.status, headers, body };
  }
  const parts = entry.segments.flatMap((segment, i) => (i === 0 ? [segment] : [nonceBytes, segment]));
  return encoded({ status: entry.status, headers, body: head ? null : parts }, acceptEncoding);
}

/**
 * A stored page's bytes in the client's encoding, with their length. Each response carries its own
 * nonce, so the page is compressed per response; `vary` goes with every answer that could have been.
 */
function encoded(page: CachedAnswer, acceptEncoding: string | undefined): CachedAnswer {
  const compressible = isCompressibleType(page.headers.find(([name]) => name === "content-type")?.[1]);
  const headers: [string, string][] = compressible ? [...page.headers, ["vary", "Accept-Encoding"]] : [...page.headers];
  const encoding = compressible ? pickEncoding(acceptEncoding) : undefined;
  let body = page.body;
  const length = body?.reduce((sum, part) => sum + part.length, 0) ?? 0;
  if (body && encoding && length >= MIN_COMPRESS_BYTES) {
    body = [compress(Buffer.concat(body, length), encoding, "perResponse")];
    headers.push(["content-encoding", encoding]);
  }
  if (body) headers.push(["content-length", String(body.reduce((sum, part) => sum + part.length, 0))]);
  return { ...page, headers, body };
}

/** What the hot path reads of a request besides its target. */
export type CacheLookup = {
  nonce: string;
  ifNoneMatch?: string | null;
  head?: boolean;
  acceptEncoding?: string;
  cookie?: string;
};

/**
 * The hot path: a stored page as status, headers and bytes (no Fetch API objects), or
 * undefined when it has to be rendered (or is not a public page, or the visitor is a signed-in
 * buyer). `pathWithSearch` is the request target, "/x?y"; the body comes in the encoding
 * `acceptEncoding` allows.
 */
export function lookupCachedPage(
  pathWithSearch: string,
  { nonce, ifNoneMatch = null, head = false, acceptEncoding, cookie }: CacheLookup,
) {
  if (isBuyerRequest(cookie)) return undefined;
  const place = placeOf(new URL(`http://cache${pathWithSearch}`), contentVersionsThisTurn);
  const entry = place?.store ? (place.variant ? variants : pages).get(place.key) : undefined;
  return entry ? answer(entry, { nonce, ifNoneMatch, head, acceptEncoding }, "HIT") : undefined;
}

/** Request headers a shared page may be rendered with: nothing that says who is asking. */
function anonymousHeaders(headers: Headers) {
  const anonymous = new Headers(headers);
  for (const name of ["Cookie", "Authorization", "Proxy-Authorization", "If-None-Match", "If-Modified-Since"])
    anonymous.delete(name);
  return anonymous;
}

/** Whether a rendered response may be handed to everyone. */
function shareable(response: Response) {
  const cacheControl = response.headers.get("Cache-Control") ?? "";
  return (
    response.status === 200 &&
    !response.headers.has("Set-Cookie") &&
    !/\b(private|no-store|no-cache)\b/i.test(cacheControl)
  );
}

/**
 * Answers a GET or HEAD of a public page from the cache, rendering and storing it on a miss, or
 * rendered for a signed-in buyer alone; undefined when the URL is not a public page. A stored
 * page is always rendered as an anonymous GET of the same URL whose key it is stored under:
 * Remix answers a HEAD with no body, and that empty page would be stored and handed to every
 * later GET of the URL.
 */
export async function cachedPage(
  request: Request,
  render: (request: Request, context: AppLoadContext) => Promise<Response>,
  nonce: string,
): Promise<Response | undefined> {
  const url = new URL(request.url);
  const place = placeOf(url, readContentVersions);
  if (!place) return undefined;
  if (isBuyerRequest(request.headers.get("Cookie"))) return renderedForBuyer(request, render, nonce);
  const cache = place.variant ? variants : pages;
  const ifNoneMatch = request.headers.get("If-None-Match");
  const head = request.method === "HEAD";
  let entry = place.store ? cache.get(place.key) : undefined;
  let status: "HIT" | "MISS" = "HIT";
  if (!entry) {
    status = "MISS";
    entry = await renderedOnce(place, () => renderEntry(url, request, render, place, cache));
  }
  return asResponse(answer(entry, { nonce, ifNoneMatch, head, acceptEncoding: acceptEncodingOf(request) }, status));
}

type Place = NonNullable<ReturnType<typeof placeOf>>;
type Rendered = { entry: Entry; shared: boolean };

/**
 * Renders under way, by key. A request that misses while one runs waits for it and is answered
 * from what it renders when that may be handed to everyone: a page many ask for at once (just
 * made stale by a catalog change, or new) is rendered once, as if they had come a moment later
 * and found it stored. With PAGE_CACHE=off every request renders.
 */
const rendering = new Map<string, Promise<Rendered>>();

async function renderedOnce(place: Place, renderNow: () => Promise<Rendered>) {
  const together = place.store && process.env.PAGE_CACHE !== "off";
  const underWay = together ? rendering.get(place.key) : undefined;
  if (underWay) {
    // One that failed or may not be shared is no answer for this request: it renders its own.
    const theirs = await underWay.catch(() => undefined);
    return theirs?.shared ? theirs.entry : (await renderNow()).entry;
  }
  const mine = renderNow();
  if (together) {
    rendering.set(place.key, mine);
    const done = () => rendering.get(place.key) === mine && rendering.delete(place.key);
    mine.then(done, done);
  }
  return (await mine).entry;
}

/**
 * A public page rendered as an anonymous GET of its URL, stored unless it must not be; `shared`
 * says whether it may be handed to everyone.
 */
async function renderEntry(
  url: URL,
  request: Request,
  render: (request: Request, context: AppLoadContext) => Promise<Response>,
  place: Place,
  cache: LRUCache<string, Entry>,
): Promise<Rendered> {
  // Rendered whole, not streamed as for a browser: the stored bytes (and so the ETag) must not
  // depend on whether the client that happened to come first was a bot.
  const anonymous = new Request(url, { method: "GET", headers: anonymousHeaders(request.headers) });
  const staleBefore = staleIndexAnswers();
  const listedBefore = listedCatalogVersion();
  const response = await render(anonymous, { cspNonce: placeholder.toString(), wholeDocument: true });
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
  // PAGE_CACHE=off renders every request this same way and keeps none: the uncached path, measured.
  // Nor a page that may be listed from a catalog index older than the catalog (a build or an
  // import's batch not yet indexed), unless its key names that index's version (during an
  // import, `pagesCatalogVersion`): the index only moves forward, so one at the key's version
  // before and after the render is the one it listed from.
  const listed = listedBefore === place.catalog && listedCatalogVersion() === place.catalog;
  const fresh = staleIndexAnswers() === staleBefore || listed;
  const shared = shareable(response);
  if (process.env.PAGE_CACHE !== "off" && place.store && shared && fresh) {
    const length = segments.reduce((sum, segment) => sum + segment.length, 0);
    if (isCompressibleType(response.headers.get("content-type") ?? undefined) && length >= MIN_COMPRESS_BYTES)
      entry.deflated = deflateParts(segments);
    cache.set(place.key, entry);
  }
  return { entry, shared };
}

const acceptEncodingOf = (request: Request) => request.headers.get("Accept-Encoding") ?? undefined;

/**
 * An answer as a Response, compressed already: the server's streaming compression leaves a body
 * with a Content-Encoding alone, and compressing the whole buffer at once costs a fraction of
 * streaming it through (1.4 ms instead of about 6 ms for a 112 KB category page).
 */
function asResponse({ status, headers, body }: CachedAnswer) {
  const result = new Headers();
  for (const [name, value] of headers) result.append(name, value);
  return new Response(body && new Uint8Array(Buffer.concat(body)), { status, headers: result });
}

/**
 * A public page as a signed-in buyer sees it (their company's prices): rendered whole for this
 * request, with its cookies, on the same path as the cache's renders, and kept by nobody.
 */
async function renderedForBuyer(
  request: Request,
  render: (request: Request, context: AppLoadContext) => Promise<Response>,
  nonce: string,
) {
  const response = await render(request, { cspNonce: nonce, wholeDocument: true });
  const kept = [...response.headers].filter(([name]) => !["cache-control", "etag", "content-length"].includes(name));
  const headers: [string, string][] = [...kept, ["cache-control", NOT_STORED], ["x-page-cache", "BYPASS"]];
  const body = request.method === "HEAD" ? null : [Buffer.from(await response.arrayBuffer())];
  return asResponse(encoded({ status: response.status, headers, body }, acceptEncodingOf(request)));
}
