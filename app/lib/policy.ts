/**
 * What every response of the site is, by path: who may keep a copy (cache class), the headers
 * that follow from that, and whether a request that writes must come from our own pages. The
 * server applies it to every answer (pages, `.data` requests, redirects, thrown 404s, files), so
 * no route repeats it. Pure: the server and the app read the same table.
 */
export type CacheClass = "public" | "private-link" | "admin" | "static" | "api" | "personal";

/**
 * Which non-GET requests are refused as cross-site: `required`, every one without an Origin
 * (or Sec-Fetch-Site) saying same origin; `declared`, those whose Origin or Sec-Fetch-Site says
 * another site (scripts and probes send neither); `exempt`, none (another service posts here and
 * signs what it sends).
 */
export type OriginCheck = "required" | "declared" | "exempt";

export type Policy = {
  cacheClass: CacheClass;
  /** Headers of every response rendered for one request; a route's own header of the same name replaces one. */
  headers: Readonly<Record<string, string>>;
  originCheck: OriginCheck;
};

/** A public page as the page cache hands it to everyone: revalidated by browsers, kept 5 min by a CDN. */
export const SHARED_PAGE_CACHE_CONTROL =
  "public, max-age=0, must-revalidate, s-maxage=300, stale-while-revalidate=86400";
/** A file whose name changes with its bytes (the build, fingerprinted images). */
export const IMMUTABLE_FILE_CACHE_CONTROL = "public, max-age=31536000, immutable";
/** Any other file under public/: its bytes last until the next deploy. */
export const FILE_CACHE_CONTROL = "public, max-age=3600";

export const NOT_STORED = "private, no-store";

const PERSONAL: Policy = {
  cacheClass: "personal",
  headers: { "Cache-Control": NOT_STORED },
  originCheck: "declared",
};

const STATIC: Policy = { cacheClass: "static", headers: { "Cache-Control": NOT_STORED }, originCheck: "declared" };

const PUBLIC: Policy = {
  cacheClass: "public",
  // Shared copies come from the page cache with SHARED_PAGE_CACHE_CONTROL; anything rendered for
  // one request (a form's answer) is kept by nobody.
  headers: { "Cache-Control": NOT_STORED },
  originCheck: "declared",
};

/**
 * Pages behind a buyer's private link: never cached, never indexed, and the link never sent to
 * another site as a Referer. "same-origin" rather than "no-referrer": with no referrer at all,
 * the browser sends `Origin: null` on the page's own form posts, which the cross-site check
 * refuses, and the forms would not work without JavaScript.
 */
const PRIVATE_LINK: Policy = {
  cacheClass: "private-link",
  headers: { "Cache-Control": NOT_STORED, "Referrer-Policy": "same-origin", "X-Robots-Tag": "noindex" },
  originCheck: "declared",
};

const ADMIN: Policy = {
  cacheClass: "admin",
  headers: { "Cache-Control": NOT_STORED, "X-Robots-Tag": "noindex" },
  originCheck: "required",
};

/**
 * A signed-in buyer's pages and the sign-in that leads to them: never cached or indexed, a
 * sign-in link never sent on as a Referer, and every write from our own pages only (a forged
 * sign-in would put a victim in someone else's account).
 */
const ACCOUNT: Policy = {
  cacheClass: "personal",
  headers: { "Cache-Control": NOT_STORED, "Referrer-Policy": "same-origin", "X-Robots-Tag": "noindex" },
  originCheck: "required",
};

const API: Policy = { cacheClass: "api", headers: { "Cache-Control": NOT_STORED }, originCheck: "declared" };

/**
 * By path prefix, first match wins; a prefix matches the path itself, the path with `.data`
 * (client navigation) and everything below it. Anything not listed is personal (the quote list,
 * the cart, checkout, pages that do not exist).
 */
const TABLE: readonly (readonly [prefix: string, policy: Policy])[] = [
  ["/admin", ADMIN],
  ["/quotes", PRIVATE_LINK],
  ["/orders", PRIVATE_LINK],
  ["/account", ACCOUNT],
  ["/sign-in", ACCOUNT],
  // Stripe posts its events here, signed; no browser does.
  ["/webhooks", { ...API, originCheck: "exempt" }],
  ["/healthz", API],
  ["/build", STATIC],
  ["/images", STATIC],
  ["/categories", PUBLIC],
  ["/products", PUBLIC],
  ["/news", PUBLIC],
  ["/search", PUBLIC],
  ["/compare", PUBLIC],
  ["/sitemap.xml", PUBLIC],
  ["/robots.txt", PUBLIC],
  ["/about", PUBLIC],
  ["/terms", PUBLIC],
  ["/privacy", PUBLIC],
  ["/returns", PUBLIC],
  // Its form carries a key and a signed start made for each visitor: rendered per request.
  ["/contact", PERSONAL],
  // The visitor's quote list and cart counts, read by the header after the page has loaded.
  ["/header-counts", PERSONAL],
];

function under(path: string, prefix: string) {
  return path === prefix || path === `${prefix}.data` || path.startsWith(`${prefix}/`);
}

/** The policy of a request path (no query string). */
export function policyFor(pathname: string): Policy {
  if (pathname === "/" || pathname === "/_root.data") return PUBLIC;
  return TABLE.find(([prefix]) => under(pathname, prefix))?.[1] ?? PERSONAL;
}

/** The policy of a file under public/, wherever it lives (`/favicon.ico` too). */
export const STATIC_FILE_POLICY = STATIC;

export type OriginEvidence = {
  method: string;
  /** The request's Origin and Sec-Fetch-Site headers. */
  origin: string | null | undefined;
  fetchSite: string | null | undefined;
  /** The host the request was sent to (a proxy's X-Forwarded-Host, else Host). */
  host: string | null | undefined;
  /** Whether the site is served over HTTPS (SITE_URL's scheme, as its cookies are `Secure`). */
  secure: boolean;
};

/**
 * Whether a request passes the origin check of its path: GET and HEAD always do; a form from
 * our own pages says so with an Origin of the host it was sent to or, without Origin, with
 * `Sec-Fetch-Site: same-origin`. The Origin must name that very host (not merely SITE_URL):
 * Remix aborts an action whose Origin is another host than the Host (or X-Forwarded-Host) header,
 * with a bare 500, so such a request is refused here with 403 before it gets there. On a site
 * served over HTTPS it must be an https origin too: a page on plain http under our name (one a
 * network in between could forge) is another origin. The scheme is SITE_URL's, not the request's,
 * which behind a TLS proxy arrives as http.
 */
export function passesOriginCheck(check: OriginCheck, request: OriginEvidence) {
  if (check === "exempt" || request.method === "GET" || request.method === "HEAD") return true;
  const { origin, fetchSite } = request;
  if (origin) return isOurOrigin(origin, request);
  if (fetchSite) return fetchSite === "same-origin";
  return check === "declared";
}

function isOurOrigin(origin: string, { host, secure }: OriginEvidence) {
  try {
    const url = new URL(origin);
    return url.host === host && (!secure || url.protocol === "https:");
  } catch {
    return false; // "null" or not a URL
  }
}

export const CROSS_SITE_REFUSAL = "Cross-site request refused";
