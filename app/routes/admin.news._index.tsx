import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Pagination } from "~/components/pagination";
import { requireUser } from "~/admin/auth.server";
import { ADMIN_NEWS_PAGE_SIZE } from "~/admin/back-office";
import { formatArticleDate } from "~/lib/dates";
import { listArticlesForAdmin } from "~/news/news.server";
import { TableScroll } from "~/components/ui/table-scroll";

export const meta: MetaFunction = () => [
  { title: "News · IronAxis back office" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const url = new URL(request.url);
  const requested = url.searchParams.get("status");
  const status = requested === "draft" || requested === "published" ? requested : undefined;
  const page = Math.min(Math.max(1, Math.trunc(Number(url.searchParams.get("page"))) || 1), 10_000);
  return data({ status, page, ...listArticlesForAdmin({ status, page }) });
}

const VIEWS = [
  ["", "All"],
  ["draft", "Drafts"],
  ["published", "Published"],
] as const;

export default function AdminNews() {
  const { status, page, articles, total } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  return (
    <section aria-labelledby="news-heading">
      <h1 id="news-heading">News</h1>
      <p className="actions">
        <Link to="/admin/news/new" className="button">
          New article
        </Link>
      </p>
      <nav aria-label="Views" className="tabs">
        {VIEWS.map(([key, label]) => (
          <Link key={key} to={key ? `?status=${key}` : "?"} aria-current={(status ?? "") === key ? "page" : undefined}>
            {label}
          </Link>
        ))}
      </nav>
      {articles.length ? (
        <TableScroll label="Articles">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Date</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {articles.map((article) => (
                <tr key={article.id}>
                  <td>
                    <Link to={`/admin/news/${article.id}`}>{article.title}</Link>{" "}
                    {article.isRepost ? <span className="badge">repost</span> : null}
                  </td>
                  <td>{formatArticleDate(article.publishedOn)}</td>
                  <td>
                    <span className={`status status--${article.status}`}>{article.status}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>No articles here.</p>
      )}
      <Pagination page={page} total={total} search={search} pageSize={ADMIN_NEWS_PAGE_SIZE} />
    </section>
  );
}
