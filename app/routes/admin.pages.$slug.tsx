import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, TextAreaField, TextField } from "~/components/ui/field";
import { requireUser } from "~/admin/auth.server";
import { SitePageForm } from "~/content/site-page-schema";
import { getSitePageForEditing, updateSitePage } from "~/content/site-page.server";
import { isSitePageSlug } from "~/content/site-pages";
import { writeTransaction } from "~/lib/db.server";
import { errorsOf, typedOr, useFormResult, useIsPending } from "~/lib/forms";
import { constraintsOf, invalid, parseForm } from "~/lib/forms.server";
import { readForm } from "~/lib/request-body.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.page.title ?? "Site page"} · IronAxis back office` },
  { name: "robots", content: "noindex" },
];

function findOr404(slug: string | undefined) {
  const notFound = () => new Response("Page not found", { status: 404 });
  if (!slug || !isSitePageSlug(slug)) throw notFound();
  const page = getSitePageForEditing(slug);
  if (!page) throw notFound();
  return { ...page, slug };
}

const LABELS = { title: "Title", description: "Description", bodyMarkdown: "Page" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  return data({ page: findOr404(params.slug), constraints: constraintsOf(SitePageForm) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, ["admin", "sales"]);
  const page = findOr404(params.slug);
  // Markdown of 20,000 characters, percent-encoded, with room to spare.
  const parsed = parseForm(SitePageForm, await readForm(request, 256 * 1024));
  if (parsed.status === "error") return invalid(parsed);
  writeTransaction(() => updateSitePage(page.slug, parsed.data, user.id));
  return redirect(`/admin/pages/${page.slug}?saved=1`);
}

export default function EditSitePage() {
  const { page, constraints } = useLoaderData<typeof loader>();
  const failed = useFormResult();
  const [search] = useSearchParams();
  const saving = useIsPending();
  const errors = errorsOf(failed);
  return (
    <section aria-labelledby="page-heading">
      <p className="eyebrow">
        <Link to="/admin/pages">Site pages</Link>
      </p>
      <h1 id="page-heading">{page.title}</h1>
      {search.get("saved") && !failed ? (
        <p className="notice" role="status">
          Saved. <a href={`/${page.slug}`}>See it on the site</a>
        </p>
      ) : null}
      <p>
        Public page: <a href={`/${page.slug}`}>/{page.slug}</a>
      </p>
      <Form method="post" className="panel admin-form" key={page.updatedAt}>
        <ErrorSummary errors={errors} labels={LABELS} />
        <TextField
          id="title"
          name="title"
          label="Title"
          {...constraints.title}
          defaultValue={typedOr(failed, "title", page.title)}
          error={errors.title}
        />
        <TextField
          id="description"
          name="description"
          label="Description"
          hint="Shown by search engines and link previews."
          {...constraints.description}
          defaultValue={typedOr(failed, "description", page.description)}
          error={errors.description}
        />
        <TextAreaField
          id="bodyMarkdown"
          name="bodyMarkdown"
          label="Page (Markdown)"
          hint="Headings with ##, lists with -, links as [text](/address). Rendered and sanitised like news articles."
          rows={24}
          className="mono"
          {...constraints.bodyMarkdown}
          defaultValue={typedOr(failed, "bodyMarkdown", page.bodyMarkdown)}
          error={errors.bodyMarkdown}
        />
        <button type="submit" className="button" aria-disabled={saving || undefined}>
          {saving ? "Saving…" : "Save changes"}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
