import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { categories, newsArticleCategories, newsArticles, newsArticleTags } from "~db/schema";
import { ADMIN_NEWS_PAGE_SIZE } from "~/admin/back-office";
import { db, inIdsPlaceholder, preparedOnce } from "~/lib/db.server";
import { NEWS_PAGE_SIZE, type ArticleTag } from "./news";
import { listCategoryTree, type CategoryNode } from "~/catalog/category.server";

const published = eq(newsArticles.status, "published");

const cardColumns = {
  id: newsArticles.id,
  slug: newsArticles.slug,
  title: newsArticles.title,
  summary: newsArticles.summary,
  publishedOn: newsArticles.publishedOn,
  isRepost: newsArticles.isRepost,
  updatedAt: newsArticles.updatedAt,
};

function tagsByArticle(ids: number[]) {
  const rows = ids.length
    ? db
        .select()
        .from(newsArticleTags)
        .where(inArray(newsArticleTags.articleId, ids))
        .orderBy(asc(newsArticleTags.tag))
        .all()
    : [];
  const map = new Map<number, ArticleTag[]>();
  for (const { articleId, tag, label } of rows)
    map.set(articleId, [...(map.get(articleId) ?? []), { slug: tag, label }]);
  return map;
}

function withTags<T extends { id: number }>(articles: T[]) {
  const tags = tagsByArticle(articles.map((a) => a.id));
  return articles.map((article) => ({ ...article, tags: tags.get(article.id) ?? [] }));
}

/** Published articles, newest first, optionally those with one tag. */
export function listPublishedArticles({ page = 1, tag }: { page?: number; tag?: string } = {}) {
  const where = tag
    ? and(published, sql`${newsArticles.id} IN (SELECT article_id FROM news_article_tags WHERE tag = ${tag})`)
    : published;
  const [{ total }] = db.select({ total: count() }).from(newsArticles).where(where).all();
  const articles = db
    .select(cardColumns)
    .from(newsArticles)
    .where(where)
    .orderBy(desc(newsArticles.publishedOn), desc(newsArticles.id))
    .limit(NEWS_PAGE_SIZE)
    .offset((page - 1) * NEWS_PAGE_SIZE)
    .all();
  return { articles: withTags(articles), total };
}

export function getPublishedArticle({ slug }: { slug: string }) {
  const article = db
    .select()
    .from(newsArticles)
    .where(and(eq(newsArticles.slug, slug), published))
    .get();
  if (!article) return undefined;
  const relatedCategories = db
    .select({ slug: categories.slug, name: categories.name })
    .from(newsArticleCategories)
    .innerJoin(categories, eq(categories.id, newsArticleCategories.categoryId))
    .where(eq(newsArticleCategories.articleId, article.id))
    .orderBy(asc(categories.position))
    .all();
  return { ...article, tags: tagsByArticle([article.id]).get(article.id) ?? [], relatedCategories };
}

function subtreeIds(nodes: CategoryNode[], id: number): number[] {
  for (const node of nodes) {
    if (node.id === id) {
      const collect = (n: CategoryNode): number[] => [n.id, ...n.children.flatMap(collect)];
      return collect(node);
    }
    const found = subtreeIds(node.children, id);
    if (found.length) return found;
  }
  return [];
}

/** Published articles about a category or anything below it, for its "Industry news" box. */
// On every category page: prepared once, the subtree's ids passed as one JSON array.
const articlesInCategories = preparedOnce(() =>
  db
    .selectDistinct(cardColumns)
    .from(newsArticles)
    .innerJoin(newsArticleCategories, eq(newsArticleCategories.articleId, newsArticles.id))
    .where(and(published, inIdsPlaceholder(newsArticleCategories.categoryId)))
    .orderBy(desc(newsArticles.publishedOn), desc(newsArticles.id))
    .limit(sql.placeholder("limit"))
    .prepare(),
);

export function listArticlesForCategory(categoryId: number, limit = 3) {
  const ids = subtreeIds(listCategoryTree(), categoryId);
  if (ids.length === 0) return [];
  return articlesInCategories().all({ ids: JSON.stringify(ids), limit });
}

export function listLatestArticles(limit = 3) {
  return listPublishedArticles().articles.slice(0, limit);
}

/** Every published article, newest first, for the feed and the sitemap. */
export function listAllPublishedArticles(limit: number) {
  return withTags(
    db
      .select(cardColumns)
      .from(newsArticles)
      .where(published)
      .orderBy(desc(newsArticles.publishedOn))
      .limit(limit)
      .all(),
  );
}

export type ArticleInput = {
  slug: string;
  title: string;
  summary: string;
  bodyMarkdown: string;
  publishedOn: string;
  status: "draft" | "published";
  isRepost: boolean;
  sourceName: string | null;
  sourceUrl: string | null;
  repostNotice: string | null;
  tags: ArticleTag[];
  categoryIds: number[];
};

/** Writes an article with its tags and categories; call inside the caller's transaction. */
export function createArticle({ tags, categoryIds, ...article }: ArticleInput) {
  const { id } = db.insert(newsArticles).values(article).returning({ id: newsArticles.id }).get();
  if (tags.length)
    db.insert(newsArticleTags)
      .values(tags.map(({ slug, label }) => ({ articleId: id, tag: slug, label })))
      .run();
  if (categoryIds.length) {
    db.insert(newsArticleCategories)
      .values(categoryIds.map((categoryId) => ({ articleId: id, categoryId })))
      .run();
  }
  return id;
}

/** Rewrites an article and replaces its tags and categories; call inside the caller's transaction. */
export function updateArticle(id: number, { tags, categoryIds, ...article }: ArticleInput) {
  db.update(newsArticles)
    .set({ ...article, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` })
    .where(eq(newsArticles.id, id))
    .run();
  db.delete(newsArticleTags).where(eq(newsArticleTags.articleId, id)).run();
  db.delete(newsArticleCategories).where(eq(newsArticleCategories.articleId, id)).run();
  if (tags.length)
    db.insert(newsArticleTags)
      .values(tags.map(({ slug, label }) => ({ articleId: id, tag: slug, label })))
      .run();
  if (categoryIds.length)
    db.insert(newsArticleCategories)
      .values(categoryIds.map((categoryId) => ({ articleId: id, categoryId })))
      .run();
}

/** Every article, drafts included, newest publication date first, for the back office. */
export function listArticlesForAdmin({ status, page }: { status?: "draft" | "published"; page: number }) {
  const where = status ? eq(newsArticles.status, status) : undefined;
  const [{ total }] = db.select({ total: count() }).from(newsArticles).where(where).all();
  const articles = db
    .select({ ...cardColumns, status: newsArticles.status })
    .from(newsArticles)
    .where(where)
    .orderBy(desc(newsArticles.publishedOn), desc(newsArticles.id))
    .limit(ADMIN_NEWS_PAGE_SIZE)
    .offset((page - 1) * ADMIN_NEWS_PAGE_SIZE)
    .all();
  return { articles, total };
}

/** An article in any status with its tags and category ids, for the editor. */
export function getArticleForEditing(id: number) {
  if (!Number.isSafeInteger(id)) return undefined;
  const article = db.select().from(newsArticles).where(eq(newsArticles.id, id)).get();
  if (!article) return undefined;
  const categoryIds = db
    .select({ id: newsArticleCategories.categoryId })
    .from(newsArticleCategories)
    .where(eq(newsArticleCategories.articleId, id))
    .all()
    .map((row) => row.id);
  return { ...article, tags: tagsByArticle([id]).get(id) ?? [], categoryIds };
}

/** The title of another article already using this slug, if any. */
export function articleWithSlug(slug: string, exceptId?: number) {
  const found = db
    .select({ id: newsArticles.id, title: newsArticles.title })
    .from(newsArticles)
    .where(eq(newsArticles.slug, slug))
    .get();
  return found && found.id !== exceptId ? found : undefined;
}
