import type { MetaDescriptor } from "@remix-run/node";
import { imageUrl, type ImageVersions } from "~/catalog/image-url";
import { SHARE_IMAGES, SHARE_IMAGE_SIZE, type ShareImage } from "./share-images";

const SITE_NAME = "IronAxis";

type Matches = { id: string; data: unknown }[];

function rootDataFrom(matches: Matches) {
  return matches.find((match) => match.id === "root")?.data as { siteUrl?: string; images?: ImageVersions } | undefined;
}

/** The share image of a page type, by where the page lives. */
function shareImageFor(path: string): ShareImage {
  if (path.startsWith("/news")) return "news";
  if (path.startsWith("/products/")) return "product";
  if (["/categories/", "/search", "/compare"].some((prefix) => path.startsWith(prefix))) return "catalog";
  return "home";
}

/** Pictures a link preview can show: not SVG. */
const RASTER = /\.(png|jpe?g|webp|gif)$/i;

/**
 * Title, description, canonical URL, Open Graph and Twitter card tags of a page; `path` is
 * relative to the site origin. Every route's `meta` goes through here, so pages are described
 * alike. The preview picture is `image` when it is a raster picture (an uploaded product
 * photo), otherwise the page type's share image (1200×630 PNG), always with its alt text.
 */
export function pageMeta({
  title,
  description,
  path,
  matches,
  type = "website",
  image,
}: {
  title: string;
  description: string;
  path: string;
  matches: Matches;
  type?: "website" | "article" | "product";
  image?: { path: string; alt: string };
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
    { name: "twitter:card", content: "summary_large_image" },
    { name: "twitter:title", content: title },
    { name: "twitter:description", content: summary },
  ];
  const root = rootDataFrom(matches);
  if (root?.siteUrl) {
    const url = new URL(path, root.siteUrl).toString();
    meta.push({ tagName: "link", rel: "canonical", href: url }, { property: "og:url", content: url });
    const own = image && RASTER.test(image.path) ? image : undefined;
    const picture = own ?? SHARE_IMAGES[shareImageFor(path)];
    const pictureUrl = new URL(imageUrl(root.images, picture.path), root.siteUrl).toString();
    meta.push({ property: "og:image", content: pictureUrl });
    if (!own) {
      meta.push(
        { property: "og:image:type", content: "image/png" },
        { property: "og:image:width", content: String(SHARE_IMAGE_SIZE.width) },
        { property: "og:image:height", content: String(SHARE_IMAGE_SIZE.height) },
      );
    }
    meta.push(
      { property: "og:image:alt", content: picture.alt },
      { name: "twitter:image", content: pictureUrl },
      { name: "twitter:image:alt", content: picture.alt },
    );
  }
  return meta;
}

/** JSON for a <script type="application/ld+json">, with "<" escaped so no data can close the tag. */
export function jsonLd(data: unknown) {
  return JSON.stringify(data).replace(/</g, "\\u003c");
}
