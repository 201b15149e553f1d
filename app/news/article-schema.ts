import { z } from "zod";
import { fieldErrorsOf } from "~/lib/forms.server";
import { blankIfInvisible, isPlainText, PLAIN_TEXT_MESSAGE } from "~/lib/plain-text";
import { markdownBody } from "./markdown-field";
import { articleTag, type ArticleTag } from "./news";
import { noSlugMessage, pageSlug, slugField, slugify } from "~/lib/slug";

const optional = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label} must be at most ${max.toLocaleString("en-US")} characters` })
    .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE })
    .transform((value) => value || null);

/** The earliest publication date an article may carry. */
const EARLIEST_DATE = "1990-01-01";

const ArticleFields = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, { error: "Enter the title" })
      .max(200, { error: "Title must be at most 200 characters" })
      .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE }),
    slug: slugField(120, "title"),
    summary: z
      .string()
      .trim()
      .min(1, { error: "Enter a summary for the news list and search engines" })
      .max(500, { error: "Summary must be at most 500 characters" })
      .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE }),
    bodyMarkdown: markdownBody("article"),
    publishedOn: z.iso.date({ error: "Enter the publication date as YYYY-MM-DD" }),
    status: z.enum(["draft", "published"], { error: "Choose draft or published" }),
    tags: z
      .string()
      .max(1000, { error: "Too many tags" })
      // Shown as typed: on the article, its tag's page and in the feed's categories.
      .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE })
      .superRefine((value, context) => {
        // A tag is its slug: say so when typing would be lost or two tags would become one.
        const seen = new Map<string, string>();
        // A tag of nothing visible is no tag, as an empty field is none (`blankIfInvisible`).
        for (const typed of value.split(",").map((tag) => blankIfInvisible(tag.trim()))) {
          if (!typed) continue;
          const slug = slugify(typed);
          const same = seen.get(slug);
          if (!slug)
            context.addIssue({ code: "custom", message: `“${typed}” has no letters or digits a tag can keep` });
          else if (same !== undefined && same.toLowerCase() !== typed.toLowerCase())
            context.addIssue({ code: "custom", message: `“${same}” and “${typed}” would be the same tag, “${slug}”` });
          else seen.set(slug, typed);
        }
      })
      // Each tag once, as first written ("LNG, lng" is "LNG").
      .transform((value) => {
        const tags = new Map<string, ArticleTag>();
        for (const typed of value.split(",")) {
          const tag = articleTag(blankIfInvisible(typed));
          if (tag.slug && !tags.has(tag.slug)) tags.set(tag.slug, tag);
        }
        return [...tags.values()];
      })
      .refine((tags) => tags.length <= 12, { error: "At most 12 tags" })
      .refine((tags) => tags.every((tag) => tag.label.length <= 40 && tag.slug.length <= 40), {
        error: "Each tag must be at most 40 characters",
      }),
    // A category ticked twice (a forged form) is one category.
    categoryIds: z
      .array(z.string().regex(/^\d+$/, { error: "Choose categories from the list" }).transform(Number))
      .max(50, { error: "Choose at most 50 categories" })
      .transform((ids) => [...new Set(ids)]),
    isRepost: z
      .string()
      .optional()
      .transform((value) => value === "yes"),
    sourceName: optional(200, "Source name"),
    sourceUrl: optional(500, "Source URL").refine((value) => value === null || /^https?:\/\/[^\s]+$/i.test(value), {
      error: "The source URL must start with http:// or https://",
    }),
    repostNotice: optional(1000, "Repost notice"),
  })
  .superRefine((article, context) => {
    // Published is public now: an article shows on the news pages, the feed and the sitemap the
    // moment it is saved, so its date cannot be one still to come: the latest date anywhere on
    // Earth now (UTC+14), so an editor east of UTC may give today's date.
    const today = new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10);
    if (article.status === "published" && article.publishedOn > today)
      context.addIssue({
        code: "custom",
        path: ["publishedOn"],
        message: "A published article cannot be dated after today: keep it a draft until its day",
      });
    if (article.publishedOn < EARLIEST_DATE)
      context.addIssue({ code: "custom", path: ["publishedOn"], message: "Enter a date from 1990 on" });
    if (article.sourceUrl && !URL.canParse(article.sourceUrl))
      context.addIssue({ code: "custom", path: ["sourceUrl"], message: "That is not a valid URL" });
    if (!article.isRepost && (article.sourceName || article.sourceUrl || article.repostNotice)) {
      context.addIssue({
        code: "custom",
        path: ["isRepost"],
        message: "Source and notice are for reposts: tick “This is a repost” or clear them",
      });
    }
  });

export type ArticleFields = z.infer<typeof ArticleFields>;

const TEXT_FIELDS = [
  "title",
  "slug",
  "summary",
  "bodyMarkdown",
  "publishedOn",
  "status",
  "tags",
  "sourceName",
  "sourceUrl",
  "repostNotice",
] as const;

/** The article form (url-encoded; categories are repeated checkbox values). The slug defaults to the title's. */
export function parseArticleForm(
  form: URLSearchParams,
): { ok: true; article: ArticleFields } | { ok: false; errors: Record<string, string> } {
  const parsed = ArticleFields.safeParse({
    ...Object.fromEntries(TEXT_FIELDS.map((name) => [name, blankIfInvisible(form.get(name) ?? "")])),
    isRepost: form.get("isRepost") ?? undefined,
    categoryIds: form.getAll("categoryIds"),
  });
  // A category's message is the categories' (not "categoryIds.3"): they are one field on the page.
  const errors = parsed.success
    ? {}
    : Object.fromEntries(
        Object.entries(fieldErrorsOf(parsed.error)).map(([key, text]) => [
          key.replace(/^categoryIds\..*/, "categoryIds"),
          text,
        ]),
      );
  const slug = pageSlug((form.get("slug") ?? "").trim(), form.get("title") ?? "");
  if (!slug && !errors.slug && !errors.title) errors.slug = noSlugMessage("title");
  if (!parsed.success || Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, article: { ...parsed.data, slug } };
}
