import type http from "node:http";

/** The methods the site answers; anything else is a 405 before Express and Remix see it. */
export const METHODS = ["GET", "HEAD", "POST"];

export const UNREADABLE = "That address or request could not be read.";

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
