import type { ReactNode } from "react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { formatArticleDate } from "~/lib/dates";

type Page = { slug: string; title: string; bodyHtml: string; updatedAt: string };

/** A site page: its title, its sanitised Markdown, when it last changed, and anything the page adds below. */
export function SitePageView({ page, children }: { page: Page; children?: ReactNode }) {
  const day = page.updatedAt.slice(0, 10);
  return (
    <>
      <Breadcrumbs items={[{ name: page.title, to: `/${page.slug}` }]} />
      <article className="article site-page">
        <header>
          <h1>{page.title}</h1>
          <p className="muted">
            Last updated <time dateTime={day}>{formatArticleDate(day)}</time>
          </p>
        </header>
        {/* Rendered and sanitised on the server by the news section's renderer. */}
        <div className="article__body" dangerouslySetInnerHTML={{ __html: page.bodyHtml }} />
      </article>
      {children}
    </>
  );
}
