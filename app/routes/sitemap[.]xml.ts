import type { LoaderFunctionArgs } from "@remix-run/node";
import { env } from "~/lib/env.server";
import {
  countSitemapProducts,
  listSitemapPages,
  listSitemapProducts,
  SITEMAP_PART_SIZE,
  type SitemapEntry,
} from "~/catalog/sitemap.server";

const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);

function xml(body: string) {
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`, {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}

function urlset(entries: SitemapEntry[]) {
  const urls = entries.map(({ path, lastmod }) => {
    const loc = `<loc>${escapeXml(new URL(path, env.SITE_URL).toString())}</loc>`;
    return `<url>${loc}${lastmod ? `<lastmod>${lastmod}</lastmod>` : ""}</url>`;
  });
  return xml(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`);
}

/**
 * `/sitemap.xml` lists every page while the catalog fits one file; past that it becomes a
 * sitemap index whose parts are `/sitemap.xml?part=0` (pages, news) and `?part=1…n` (products).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const productCount = countSitemapProducts();
  const parts = Math.ceil(productCount / SITEMAP_PART_SIZE);
  const requested = new URL(request.url).searchParams.get("part");
  if (requested === null) {
    if (parts <= 1) return urlset([...listSitemapPages(), ...listSitemapProducts(1)]);
    const locs = Array.from({ length: parts + 1 }, (_, part) =>
      new URL(`/sitemap.xml?part=${part}`, env.SITE_URL).toString(),
    );
    return xml(
      `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${locs
        .map((loc) => `<sitemap><loc>${escapeXml(loc)}</loc></sitemap>`)
        .join("\n")}\n</sitemapindex>\n`,
    );
  }
  const part = Number(requested);
  if (!Number.isSafeInteger(part) || part < 0 || part > parts)
    throw new Response("No such sitemap part", { status: 404 });
  return urlset(part === 0 ? listSitemapPages() : listSitemapProducts(part));
}
