import type { MetaDescriptor } from "@remix-run/node";
import { pageMeta } from "~/lib/seo";

type Matches = Parameters<typeof pageMeta>[0]["matches"];

/** Title, description and canonical URL of a site page, from what sales wrote. */
export function sitePageMeta({
  data,
  matches,
}: {
  data: { page: { slug: string; title: string; description: string } } | undefined;
  matches: Matches;
}): MetaDescriptor[] {
  if (!data) return [{ title: "Page not found · IronAxis" }];
  const { slug, title, description } = data.page;
  return pageMeta({ title, description, path: `/${slug}`, matches });
}
