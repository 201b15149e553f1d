import type http from "node:http";
import { type Policy } from "~/lib/policy";

/**
 * Sets the policy's headers on a response before anything answers it, and has a route's own
 * header of the same name (or of a security header) replace the server's instead of adding a
 * second value: Remix's adapter appends every header of the route's response.
 */
export function applyPolicyHeaders(res: http.ServerResponse, policy: Policy) {
  for (const [name, value] of Object.entries(policy.headers)) res.setHeader(name, value);
}

/** From here on, `res.append` of a header already set replaces it (Set-Cookie and others still add up). */
export function routeHeadersReplacePreset(
  res: http.ServerResponse & { append: (name: string, value: string | string[]) => unknown },
) {
  const preset = new Set(res.getHeaderNames());
  const append = res.append.bind(res);
  res.append = (name, value) => (preset.has(name.toLowerCase()) ? res.setHeader(name, value) : append(name, value));
}
