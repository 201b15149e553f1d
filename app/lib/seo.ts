import type { MetaDescriptor } from "@remix-run/node";

const SITE_NAME = "IronAxis";

type Matches = { id: string; data: unknown }[];

function siteUrlFrom(matches: Matches) {
  return (matches.find((match) => match.id === "root")?.data as { siteUrl?: string } | undefined)?.siteUrl;
}

/**
 * Title, description, canonical URL and Open Graph tags of a page; `path` is relative to the
 * site origin. Every route's `meta` goes through here, so pages are described alike.
 */
export function pageMeta({
  title,
  description,
  path,
  matches,
  type = "website",
  image = "/images/categories/industrial-equipment.svg",
}: {
  title: string;
  description: string;
  path: string;
  matches: Matches;
  type?: "website" | "article" | "product";
  image?: string;
}): MetaDescriptor[] {
  const fullTitle = title.startsWith(SITE_NAME) ? title : `${title} · ${SITE_NAME}`;
  const summary = description.slice(0, 300);
  const meta: MetaDescriptor[] = [
    { title: fullTitle },
    { name: "description", content: summary },
    { property: "og:site_name", content: SITE_NAME },
    { property: "og:title", content: title },
    { property: "og:description", content: summary },
    { property: "og:type", content: type },
    { name: "twitter:card", content: "summary" },
  ];
  const siteUrl = siteUrlFrom(matches);
  if (siteUrl) {
    const url = new URL(path, siteUrl).toString();
    meta.push({ tagName: "link", rel: "canonical", href: url }, { property: "og:url", content: url });
    meta.push({ property: "og:image", content: new URL(image, siteUrl).toString() });
  }
  return meta;
}

/** JSON for a <script type="application/ld+json">, with "<" escaped so no data can close the tag. */
export function jsonLd(data: unknown) {
  return JSON.stringify(data).replace(/</g, "\\u003c");
}
