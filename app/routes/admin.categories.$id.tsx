import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { requireUser } from "~/admin/auth.server";
import { CATEGORY_INTENT } from "~/catalog/category-forms";
import { CategoryPageForm } from "~/catalog/category-schema";
import { writeTransaction } from "~/lib/db.server";
import { errorsOf, typedOr, useFormResult, useIsPending } from "~/lib/forms";
import { constraintsOf, formErrorResult, invalid, parseForm } from "~/lib/forms.server";
import { readForm } from "~/lib/request-body.server";
import {
  categoryConflicts,
  categorySubtreeIds,
  deleteCategory,
  getCategoryById,
  updateCategory,
} from "~/catalog/category.server";
import { listCategoryChoices } from "~/catalog/product-admin.server";
import { idParam } from "~/lib/route-params";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.category.name ?? "Category"} · IronAxis back office` },
  { name: "robots", content: "noindex" },
];

function findOr404(id: string | undefined) {
  const category = getCategoryById(idParam(id));
  if (!category) throw new Response("Category not found", { status: 404 });
  return category;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const category = findOr404(params.id);
  const below = categorySubtreeIds(category.id);
  const parents = listCategoryChoices().options.filter((option) => !below.has(option.id));
  return data({ category, parents, constraints: constraintsOf(CategoryPageForm) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const category = findOr404(params.id);
  const parsed = parseForm(CategoryPageForm, await readForm(request, 16 * 1024), { extra: { slug: category.slug } });
  if (parsed.status === "error") return invalid(parsed, 400);
  const { intent, ...input } = parsed.data;
  if (intent === CATEGORY_INTENT.delete) {
    const deleted = writeTransaction(() => deleteCategory(category.id));
    if (!deleted.ok) return invalid(formErrorResult({}, deleted.reason, { intent }), 409);
    return redirect("/admin/categories");
  }
  if (!("name" in input)) throw new Response("Unknown action", { status: 400 });
  const saved = writeTransaction(() => {
    const errors = categoryConflicts(input, category.id);
    if (Object.keys(errors).length) return { errors };
    updateCategory(category.id, input);
    return {};
  });
  if (saved.errors) return invalid({ status: "error", intent, fieldErrors: saved.errors, values: parsed.values }, 409);
  return redirect(`/admin/categories/${category.id}?saved=updated`);
}

export default function EditCategory() {
  const { category, parents, constraints } = useLoaderData<typeof loader>();
  const failed = useFormResult();
  const saveFailed = failed?.intent === CATEGORY_INTENT.save ? failed : undefined;
  const [search] = useSearchParams();
  const errors = errorsOf(failed);
  const saving = useIsPending({ intent: CATEGORY_INTENT.save });
  const deleting = useIsPending({ intent: CATEGORY_INTENT.delete });
  return (
    <section aria-labelledby="category-heading">
      <p className="eyebrow">
        <Link to="/admin/categories">Categories</Link>
      </p>
      <h1 id="category-heading">{category.name}</h1>
      {search.get("saved") && !failed ? (
        <p className="notice" role="status">
          {search.get("saved") === "created" ? "Category created." : "Changes saved."}
        </p>
      ) : null}
      <p>
        Public page: <Link to={`/categories/${category.slug}`}>/categories/{category.slug}</Link>
      </p>
      <Form method="post" className="panel admin-form" key={category.updatedAt}>
        <ErrorSummary errors={errors} />
        <input type="hidden" name="intent" value={CATEGORY_INTENT.save} />
        <div className="form-grid">
          <TextField
            id="name"
            name="name"
            label="Name"
            {...constraints.name}
            defaultValue={typedOr(saveFailed, "name", category.name)}
            error={errors.name}
          />
          <SelectField
            id="parentId"
            name="parentId"
            label="Parent"
            defaultValue={typedOr(saveFailed, "parentId", category.parentId)}
            error={errors.parentId}
            options={[["", "(top level)"], ...parents.map((p) => [String(p.id), p.label] as const)]}
          />
        </div>
        <TextAreaField
          id="description"
          name="description"
          label="Description"
          rows={3}
          {...constraints.description}
          defaultValue={typedOr(saveFailed, "description", category.description)}
          error={errors.description}
        />
        <button type="submit" className="button" aria-disabled={saving || undefined}>
          Save changes
        </button>
      </Form>
      <Form method="post" className="panel">
        <input type="hidden" name="intent" value={CATEGORY_INTENT.delete} />
        <p className="muted">
          Only a category without products (archived ones included) and without sub-categories can be deleted.
        </p>
        <button type="submit" className="button button--secondary" aria-disabled={deleting || undefined}>
          Delete category
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
