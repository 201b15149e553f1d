import type { MetaDescriptor } from "@remix-run/node";

const SITE_NAME = "IronAxis";

/** Title, description and canonical link of a page; `path` is relative to the site origin. */
export function pageMeta({
  title,
  description,
  path,
  matches,
}: {
  title: string;
  description: string;
  path: string;
  matches: { id: string; data: unknown }[];
}): MetaDescriptor[] {
  const siteUrl = (matches.find((match) => match.id === "root")?.data as { siteUrl?: string } | undefined)?.siteUrl;
  const meta: MetaDescriptor[] = [
    { title: title === SITE_NAME ? title : `${title} · ${SITE_NAME}` },
    { name: "description", content: description.slice(0, 300) },
  ];
  if (siteUrl) meta.push({ tagName: "link", rel: "canonical", href: new URL(path, siteUrl).toString() });
  return meta;
}

/** JSON for a <script type="application/ld+json">, with "<" escaped so no data can close the tag. */
export function jsonLd(data: unknown) {
  return JSON.stringify(data).replace(/</g, "\\u003c");
}
