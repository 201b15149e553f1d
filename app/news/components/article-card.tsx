import { Link } from "@remix-run/react";
import { formatArticleDate } from "~/lib/dates";
import type { ArticleTag } from "~/news/news";

export type ArticleCardData = {
  slug: string;
  title: string;
  summary: string;
  publishedOn: string;
  isRepost: boolean;
  tags?: ArticleTag[];
};

export function ArticleCard({ article, headingLevel = 3 }: { article: ArticleCardData; headingLevel?: 2 | 3 }) {
  const Heading = `h${headingLevel}` as const;
  return (
    <article className="article-card">
      <p className="article-card__meta">
        <time dateTime={article.publishedOn}>{formatArticleDate(article.publishedOn)}</time>
        {article.isRepost ? <span className="badge">Repost</span> : null}
      </p>
      <Heading>
        <Link to={`/news/${article.slug}`} prefetch="intent">
          {article.title}
        </Link>
      </Heading>
      <p>{article.summary}</p>
      {article.tags?.length ? <TagList tags={article.tags} /> : null}
    </article>
  );
}

export function TagList({ tags }: { tags: ArticleTag[] }) {
  return (
    <ul className="tag-list" aria-label="Tags">
      {tags.map(({ slug, label }) => (
        <li key={slug}>
          <Link to={`/news/tags/${slug}`} prefetch="intent">
            {label}
          </Link>
        </li>
      ))}
    </ul>
  );
}
