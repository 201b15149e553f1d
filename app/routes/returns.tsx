import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SitePageView } from "~/content/components/site-page-view";
import { sitePageMeta } from "~/content/site-page-meta";
import { loadSitePage } from "~/content/site-page.server";

export const meta: MetaFunction<typeof loader> = sitePageMeta;

export async function loader() {
  return loadSitePage("returns");
}

export default function SitePage() {
  const { page } = useLoaderData<typeof loader>();
  return <SitePageView page={page} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
