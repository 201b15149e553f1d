import { jsonLd } from "~/lib/seo";

/** Structured data for search engines; a data block, so the CSP needs no nonce for it. */
export function JsonLd({ data }: { data: unknown }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLd(data) }} />;
}
