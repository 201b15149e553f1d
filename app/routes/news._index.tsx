import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NewsList } from "~/news/components/news-list";
import { pageFromUrl } from "~/news/news";
import { pageMeta } from "~/lib/seo";
import { listPublishedArticles } from "~/news/news.server";

export const meta: MetaFunction = ({ matches }) => [
  ...pageMeta({
    title: "Industry news",
    description:
      "Industry news for buyers of industrial equipment, instruments, machinery, food processing and new energy systems.",
    path: "/news",
    matches,
  }),
  {
    tagName: "link",
    rel: "alternate",
    type: "application/rss+xml",
    title: "IronAxis industry news",
    href: "/news/rss.xml",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const page = pageFromUrl(new URL(request.url).searchParams);
  return { page, ...listPublishedArticles({ page }) };
}

export default function NewsIndex() {
  const { articles, total, page } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  return (
    <>
      <Breadcrumbs items={[{ name: "Industry news", to: "/news" }]} />
      <header className="page-header">
        <h1>Industry news</h1>
        <p>
          What moves the markets for process equipment, instruments and energy systems.{" "}
          <a href="/news/rss.xml">Subscribe by RSS</a>.
        </p>
      </header>
      {articles.length ? (
        <NewsList articles={articles} total={total} page={page} search={search} />
      ) : (
        <p className="empty-state">No articles yet.</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
