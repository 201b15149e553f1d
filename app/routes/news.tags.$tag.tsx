import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NewsList } from "~/news/components/news-list";
import { NEWS_PAGE_SIZE, pageFromUrl } from "~/news/news";
import { pastLastPageUrl } from "~/catalog/catalog-filters";
import { pageMeta } from "~/lib/seo";
import { listPublishedArticles } from "~/news/news.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? pageMeta({
        title: `News tagged “${data.label}”`,
        description: `IronAxis industry news about ${data.label}.`,
        path: `/news/tags/${data.tag}${data.page > 1 ? `?page=${data.page}` : ""}`,
        matches,
      })
    : [{ title: "Tag not found · IronAxis" }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const tag = (params.tag ?? "").slice(0, 60);
  const url = new URL(request.url);
  const page = pageFromUrl(url.searchParams);
  const { articles, total } = listPublishedArticles({ page, tag });
  if (total === 0) throw new Response("No articles with this tag", { status: 404 });
  const last = pastLastPageUrl(url, page, total, NEWS_PAGE_SIZE);
  if (last) throw redirect(last);
  // As the newest article on the page writes it.
  const label = articles.flatMap((article) => article.tags).find((t) => t.slug === tag)?.label ?? tag;
  return { tag, label, articles, total, page };
}

export default function NewsTag() {
  const { label, tag, articles, total, page } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  return (
    <>
      <Breadcrumbs
        items={[
          { name: "Industry news", to: "/news" },
          { name: label, to: `/news/tags/${tag}` },
        ]}
      />
      <header className="page-header">
        <h1>News tagged “{label}”</h1>
        <p>
          <Link to="/news">All industry news</Link>
        </p>
      </header>
      <NewsList articles={articles} total={total} page={page} search={search} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
