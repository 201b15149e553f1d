import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NewsList } from "~/news/components/news-list";
import { NEWS_PAGE_SIZE, pageFromUrl } from "~/news/news";
import { pastLastPageUrl } from "~/catalog/catalog-filters";
import { pageMeta } from "~/lib/seo";
import { listPublishedArticles } from "~/news/news.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  ...pageMeta({
    title: "Industry news",
    description:
      "Industry news for buyers of industrial equipment, instruments, machinery, food processing and new energy systems.",
    // Each page of the list is its own page to a search engine.
    path: data && data.page > 1 ? `/news?page=${data.page}` : "/news",
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
  const url = new URL(request.url);
  const page = pageFromUrl(url.searchParams);
  const listed = listPublishedArticles({ page });
  // Past the last page: the last page, not an empty one.
  const last = pastLastPageUrl(url, page, listed.total, NEWS_PAGE_SIZE);
  if (last) throw redirect(last);
  return { page, ...listed };
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
