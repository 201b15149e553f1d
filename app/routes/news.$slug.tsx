import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TagList } from "~/news/components/article-card";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { JsonLd } from "~/components/json-ld";
import { COMPANY_BLURB, COMPANY_NAME } from "~/lib/company";
import { formatArticleDate } from "~/lib/dates";
import { env } from "~/lib/env.server";
import { renderMarkdown } from "~/news/markdown.server";
import { pageMeta } from "~/lib/seo";
import { PUBLISHER_LOGO, SHARE_IMAGES, SHARE_IMAGE_SIZE } from "~/lib/share-images";
import { versionedPath } from "~/lib/static-files.server";
import { getPublishedArticle } from "~/news/news.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? [
        ...pageMeta({
          title: data.article.title,
          description: data.article.summary,
          path: `/news/${data.article.slug}`,
          matches,
          type: "article",
        }),
        { property: "article:published_time", content: data.article.publishedOn },
      ]
    : [{ title: "Article not found · IronAxis" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const found = getPublishedArticle({ slug: params.slug ?? "" });
  if (!found) throw new Response("Article not found", { status: 404 });
  const { bodyMarkdown, ...article } = found;
  const url = new URL(`/news/${article.slug}`, env.SITE_URL).toString();
  const absolute = (image: string) => new URL(versionedPath(image), env.SITE_URL).toString();
  const structuredData = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.title,
    description: article.summary,
    datePublished: article.publishedOn,
    dateModified: article.updatedAt,
    mainEntityOfPage: url,
    url,
    keywords: article.tags.map((tag) => tag.label).join(", "),
    image: { "@type": "ImageObject", url: absolute(SHARE_IMAGES.news.path), ...SHARE_IMAGE_SIZE },
    publisher: {
      "@type": "Organization",
      name: COMPANY_NAME,
      url: env.SITE_URL,
      logo: {
        "@type": "ImageObject",
        url: absolute(PUBLISHER_LOGO.path),
        width: PUBLISHER_LOGO.width,
        height: PUBLISHER_LOGO.height,
      },
    },
    // The author is named only where it is known: our own article is ours; a repost's author is
    // its source when the article names one, and otherwise nobody.
    ...(article.isRepost
      ? article.sourceName && {
          author: {
            "@type": "Organization",
            name: article.sourceName,
            ...(article.sourceUrl && { url: article.sourceUrl }),
          },
        }
      : { author: { "@type": "Organization", name: COMPANY_NAME, url: env.SITE_URL } }),
    // A repost names what it is based on only where the source is known.
    ...(article.isRepost && article.sourceUrl && { isBasedOn: article.sourceUrl }),
  };
  return { article, bodyHtml: renderMarkdown(bodyMarkdown), structuredData };
}

export default function ArticlePage() {
  const { article, bodyHtml, structuredData } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs
        items={[
          { name: "Industry news", to: "/news" },
          { name: article.title, to: `/news/${article.slug}` },
        ]}
      />
      <article className="article">
        <header>
          <p className="article-card__meta">
            <time dateTime={article.publishedOn}>{formatArticleDate(article.publishedOn)}</time>
            {article.isRepost ? <span className="badge">Repost</span> : null}
          </p>
          <h1>{article.title}</h1>
          {article.isRepost && article.sourceName ? (
            <p className="article__source">
              Originally published by{" "}
              {article.sourceUrl ? (
                <a href={article.sourceUrl} rel="nofollow noopener noreferrer">
                  {article.sourceName}
                </a>
              ) : (
                article.sourceName
              )}
            </p>
          ) : null}
        </header>
        <div className="article__body" dangerouslySetInnerHTML={{ __html: bodyHtml }} />
        {article.repostNotice ? (
          <aside className="repost-notice" aria-label="Repost notice">
            <p>{article.repostNotice}</p>
          </aside>
        ) : null}
        <footer className="article__footer">
          {article.tags.length ? <TagList tags={article.tags} /> : null}
          {article.relatedCategories.length ? (
            <section aria-labelledby="related-equipment">
              <h2 id="related-equipment">Equipment for these industries</h2>
              <ul className="inline-list">
                {article.relatedCategories.map((category) => (
                  <li key={category.slug}>
                    <Link to={`/categories/${category.slug}`} prefetch="intent">
                      {category.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="about-publisher" className="about-publisher">
            <h2 id="about-publisher">About {COMPANY_NAME}</h2>
            <p>{COMPANY_BLURB}</p>
          </section>
        </footer>
      </article>
      <JsonLd data={structuredData} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
