import type http from "node:http";

/** The methods the site answers; anything else is a 405 before Express and Remix see it. */
export const METHODS = ["GET", "HEAD", "POST"];

export const UNREADABLE = "That address or request could not be read.";
export const NOT_FOUND = "There is no page at that address.";

/**
 * Whether the request's target and host make a URL, as Express and Remix will build one: a
 * path (not "*" or a full URL), and a host (the proxy's forwarded one too, when trusted) that
 * parses and carries no user name.
 */
export function hasReadableUrl(req: http.IncomingMessage, trustProxy: boolean) {
  if (!req.url?.startsWith("/")) return false;
  const hosts = [req.headers.host];
  if (trustProxy) hosts.push(forwardedHost(req));
  for (const host of hosts) {
    if (host === undefined) continue;
    try {
      const url = new URL(req.url, `http://${host}`);
      if (url.username || url.password) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * Whether the path names one resource the same way to every part of the server: no dot
 * segments, no %-escaped dot, slash or backslash, no backslash, no "//" in front (a host to URL
 * parsers), and %-escapes that decode. Anything else is refused before the page cache, the
 * router and the static files see it, so none of them can read it differently from another.
 */
export function hasPlainPath(rawUrl: string) {
  const path = rawUrl.split("?")[0];
  if (path.startsWith("//") || path.includes("\\") || /%(2e|2f|5c)/i.test(path) || /\/\.\.?(\/|$)/.test(path))
    return false;
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** The first host a proxy forwarded, if any. */
export function forwardedHost(req: http.IncomingMessage) {
  const header = req.headers["x-forwarded-host"];
  return (Array.isArray(header) ? header[0] : header)?.split(",")[0].trim() || undefined;
}

/** What a URL's query may hold as it is (RFC 3986): anything else is %-escaped. */
const QUERY_BYTE = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?]/;
const VALID_QUERY = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*$/;

/**
 * `rawUrl` with its query as a URL may carry it: a "%" that starts no escape becomes "%25", and
 * any other character a query may not hold as it is ("[", "|", a quote) is %-escaped (Node
 * takes only ASCII in a request's target, so each is one byte). The query means the same to the
 * loaders, and the pages that echo it (a form posting back to its own address) write a valid
 * URL. A valid query is left as it came.
 */
export function withEscapedQuery(rawUrl: string) {
  const at = rawUrl.indexOf("?");
  if (at === -1) return rawUrl;
  const query = rawUrl.slice(at + 1);
  if (VALID_QUERY.test(query)) return rawUrl;
  let escaped = "";
  for (let i = 0; i < query.length; i++) {
    const c = query[i];
    if (c === "%" && /^[0-9A-Fa-f]{2}$/.test(query.slice(i + 1, i + 3))) escaped += c;
    else if (c !== "%" && QUERY_BYTE.test(c)) escaped += c;
    else escaped += `%${query.charCodeAt(i).toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return `${rawUrl.slice(0, at + 1)}${escaped}`;
}

/**
 * Whether `url` asks for route data the way Remix did before single fetch (`?_data=routes/…`).
 * No page of ours sends such a request, and Remix still answers it, in shapes no page has: an
 * empty 200 a shared cache could keep, or a 403 worded as a server error.
 */
export const isLegacyDataRequest = (url: string) => /[?&]_data(=|&|$)/.test(url);
