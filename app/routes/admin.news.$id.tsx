import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ArticleForm } from "~/news/components/article-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { parseArticleForm } from "~/news/article-schema";
import { requireUser } from "~/admin/auth.server";
import { writeTransaction } from "~/lib/db.server";
import { typedValues } from "~/lib/forms.server";
import { markdownProblem } from "~/news/markdown-limits";
import { renderMarkdown } from "~/news/markdown.server";
import { readForm } from "~/lib/request-body.server";
import { articleWithSlug, createArticle, getArticleForEditing, updateArticle } from "~/news/news.server";
import { listCategoryChoices } from "~/catalog/product-admin.server";
import { idParam } from "~/lib/route-params";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.article?.title ?? "New article"} · IronAxis back office` },
  { name: "robots", content: "noindex" },
];

/** `/admin/news/new` writes a new article; `/admin/news/:id` edits one. */
function findOr404(id: string | undefined) {
  if (id === "new") return undefined;
  const article = getArticleForEditing(idParam(id));
  if (!article) throw new Response("Article not found", { status: 404 });
  return article;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const article = findOr404(params.id);
  const values: Record<string, string> = article
    ? {
        title: article.title,
        slug: article.slug,
        summary: article.summary,
        bodyMarkdown: article.bodyMarkdown,
        publishedOn: article.publishedOn,
        status: article.status,
        tags: article.tags.map((tag) => tag.label).join(", "),
        isRepost: article.isRepost ? "yes" : "",
        sourceName: article.sourceName ?? "",
        sourceUrl: article.sourceUrl ?? "",
        repostNotice: article.repostNotice ?? "",
      }
    : { status: "draft", publishedOn: new Date().toISOString().slice(0, 10) };
  return data({
    article: article && {
      id: article.id,
      title: article.title,
      slug: article.slug,
      status: article.status,
      updatedAt: article.updatedAt,
    },
    values,
    categoryIds: (article?.categoryIds ?? []).map(String),
    categories: listCategoryChoices().options,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const existing = findOr404(params.id);
  const form = await readForm(request, 512 * 1024);
  const intent = form.get("intent");
  const typed = { values: typedValues(form, ["categoryIds", "intent"]), categoryIds: form.getAll("categoryIds") };
  if (intent === "preview") {
    const body = form.get("bodyMarkdown") ?? "";
    const problem = markdownProblem(body);
    if (problem)
      return data(
        { ...typed, errors: { bodyMarkdown: problem } as Record<string, string>, previewHtml: null },
        { status: 400 },
      );
    // The same renderer as /news/:slug, so what the author sees is what readers get.
    return data({ ...typed, errors: {} as Record<string, string>, previewHtml: renderMarkdown(body) });
  }
  if (intent !== "save") throw new Response("Unknown action", { status: 400 });
  const parsed = parseArticleForm(form);
  if (!parsed.ok) return data({ ...typed, errors: parsed.errors, previewHtml: null }, { status: 400 });
  const known = new Set(listCategoryChoices().options.map((option) => option.id));
  const article = { ...parsed.article, categoryIds: parsed.article.categoryIds.filter((id) => known.has(id)) };
  const saved = writeTransaction(() => {
    const clash = articleWithSlug(article.slug, existing?.id);
    if (clash) return { errors: { slug: `Slug already used by “${clash.title}”` } };
    if (!existing) return { id: createArticle(article) };
    updateArticle(existing.id, article);
    return { id: existing.id };
  });
  if ("errors" in saved) return data({ ...typed, errors: saved.errors, previewHtml: null }, { status: 409 });
  return redirect(`/admin/news/${saved.id}?saved=1`);
}

export default function EditArticle() {
  const { article, values, categoryIds, categories } = useLoaderData<typeof loader>();
  const submitted = useActionData<typeof action>();
  const [search] = useSearchParams();
  return (
    <section aria-labelledby="article-heading">
      <p className="eyebrow">
        <Link to="/admin/news">News</Link>
      </p>
      <h1 id="article-heading">
        {article ? article.title : "New article"}{" "}
        {article ? <span className={`status status--${article.status}`}>{article.status}</span> : null}
      </h1>
      {search.get("saved") && !submitted ? (
        <p className="notice" role="status">
          Saved.{" "}
          {article?.status === "published" ? (
            <Link to={`/news/${article.slug}`}>See it on the site</Link>
          ) : (
            "It is a draft: only the back office can see it."
          )}
        </p>
      ) : null}
      {submitted?.previewHtml != null ? (
        <section className="panel article-preview" aria-labelledby="preview-heading">
          <h2 id="preview-heading">Preview</h2>
          <p className="muted">Rendered as on the public page. Nothing is saved until you save.</p>
          <article className="article">
            <h1>{submitted.values.title}</h1>
            <div className="article__body" dangerouslySetInnerHTML={{ __html: submitted.previewHtml }} />
            {submitted.values.isRepost === "yes" && submitted.values.repostNotice ? (
              <aside className="repost-notice" aria-label="Repost notice">
                <p>{submitted.values.repostNotice}</p>
              </aside>
            ) : null}
          </article>
        </section>
      ) : null}
      <ArticleForm
        key={article ? `${article.id}:${article.updatedAt}` : "new"}
        values={submitted ? submitted.values : values}
        categoryIds={submitted ? submitted.categoryIds : categoryIds}
        errors={submitted?.errors ?? {}}
        categories={categories}
        submitLabel={article ? "Save changes" : "Save article"}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
