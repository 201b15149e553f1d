import { Feed } from "feed";
import { COMPANY_BLURB, COMPANY_NAME } from "~/lib/company";
import { env } from "~/lib/env.server";
import { listAllPublishedArticles } from "~/news/news.server";

/** RSS 2.0 feed of the news section, built by the `feed` library. */
export async function loader() {
  const site = env.SITE_URL;
  const feed = new Feed({
    title: `${COMPANY_NAME} industry news`,
    description: COMPANY_BLURB,
    id: new URL("/news", site).toString(),
    link: new URL("/news", site).toString(),
    language: "en",
    copyright: `© ${COMPANY_NAME}`,
    feedLinks: { rss: new URL("/news/rss.xml", site).toString() },
  });
  for (const article of listAllPublishedArticles(50)) {
    const link = new URL(`/news/${article.slug}`, site).toString();
    feed.addItem({
      title: article.title,
      id: link,
      link,
      description: article.summary,
      date: new Date(`${article.publishedOn}T00:00:00Z`),
      category: article.tags.map((tag) => ({ name: tag.label })),
    });
  }
  return new Response(feed.rss2(), {
    headers: {
      "Content-Type": "application/rss+xml; charset=utf-8",
      "Cache-Control": "public, max-age=600, s-maxage=3600",
    },
  });
}
