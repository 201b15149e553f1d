import { Pagination } from "~/components/pagination";
import { ArticleCard, type ArticleCardData } from "./article-card";
import { NEWS_PAGE_SIZE } from "~/news/news";

/** A page of article cards, newest first, with pagination. */
export function NewsList({
  articles,
  total,
  page,
  search,
}: {
  articles: (ArticleCardData & { id: number })[];
  total: number;
  page: number;
  search: URLSearchParams;
}) {
  return (
    <>
      <div className="news-list">
        {articles.map((article) => (
          <ArticleCard key={article.id} article={article} headingLevel={2} />
        ))}
      </div>
      <Pagination page={page} total={total} search={search} pageSize={NEWS_PAGE_SIZE} />
    </>
  );
}
