import { env } from "~/lib/env.server";

export async function loader() {
  const body = [
    "User-agent: *",
    "Disallow: /admin/",
    "Disallow: /quote",
    "Disallow: /quotes/",
    "Disallow: /orders/",
    "Disallow: /cart",
    "Disallow: /checkout",
    "Disallow: /search",
    "",
    `Sitemap: ${new URL("/sitemap.xml", env.SITE_URL).toString()}`,
    "",
  ].join("\n");
  return new Response(body, {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=86400" },
  });
}
