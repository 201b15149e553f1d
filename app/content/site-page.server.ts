import { asc, eq, sql } from "drizzle-orm";
import { sitePages, users } from "~db/schema";
import { db } from "~/lib/db.server";
import { renderMarkdown } from "~/news/markdown.server";
import { SITE_PAGE_SLUGS, type SitePageSlug } from "./site-pages";
import type { SitePageFields } from "./site-page-schema";

const order = sql`CASE ${sitePages.slug} ${sql.join(
  SITE_PAGE_SLUGS.map((slug, i) => sql`WHEN ${slug} THEN ${i}`),
  sql` `,
)} END`;

/** A page as the public sees it: its Markdown rendered and sanitised like a news article. */
export function getSitePage(slug: SitePageSlug) {
  const page = db.select().from(sitePages).where(eq(sitePages.slug, slug)).get();
  if (!page) return undefined;
  const { bodyMarkdown, updatedBy: _updatedBy, ...shown } = page;
  return { ...shown, bodyHtml: renderMarkdown(bodyMarkdown) };
}

/** A site page route's loader data; a page missing from the database is a 404. */
export function loadSitePage(slug: SitePageSlug) {
  const page = getSitePage(slug);
  if (!page) throw new Response("Page not found", { status: 404 });
  return { page };
}

/** A page's title and Markdown, for documents that print it (the terms of sale on a quotation). */
export function getSitePageText(slug: SitePageSlug) {
  return db
    .select({ title: sitePages.title, bodyMarkdown: sitePages.bodyMarkdown })
    .from(sitePages)
    .where(eq(sitePages.slug, slug))
    .get();
}

export function getSitePageForEditing(slug: SitePageSlug) {
  return db.select().from(sitePages).where(eq(sitePages.slug, slug)).get();
}

/** Every page for the back office, in footer order, with who changed it last. */
export function listSitePages() {
  return db
    .select({
      slug: sitePages.slug,
      title: sitePages.title,
      updatedAt: sitePages.updatedAt,
      updatedBy: users.name,
    })
    .from(sitePages)
    .leftJoin(users, eq(users.id, sitePages.updatedBy))
    .orderBy(asc(order))
    .all();
}

/** Saves sales' edit of a page; the `pages_version` trigger retires its cached copies. */
export function updateSitePage(slug: SitePageSlug, fields: SitePageFields, userId: number) {
  return (
    db
      .update(sitePages)
      .set({ ...fields, updatedBy: userId, updatedAt: new Date().toISOString() })
      .where(eq(sitePages.slug, slug))
      .run().changes === 1
  );
}

/** Adds the pages that are missing; pages already there (perhaps edited by sales) stay as they are. */
export function insertMissingSitePages(pages: (SitePageFields & { slug: SitePageSlug })[]) {
  if (pages.length) db.insert(sitePages).values(pages).onConflictDoNothing().run();
}

/** The pages for the sitemap, with the day each last changed. */
export function listSitemapSitePages() {
  return db
    .select({ slug: sitePages.slug, updatedAt: sitePages.updatedAt })
    .from(sitePages)
    .orderBy(asc(order))
    .all()
    .map((page) => ({ path: `/${page.slug}`, lastmod: page.updatedAt.slice(0, 10) }));
}
