import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { ADMIN_HEADERS, requireUser } from "~/lib/auth.server";
import { CategoryForm } from "~/lib/category-schema";
import { writeTransaction } from "~/lib/db.server";
import { fieldErrors, typedValues } from "~/lib/form-errors";
import { readForm } from "~/lib/request-body.server";
import { categoryConflicts, categorySubtreeIds, deleteCategory, getCategoryById, updateCategory } from "~/models/category.server";
import { listCategoryChoices } from "~/models/product-admin.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.category.name ?? "Category"} · IronAxis back office` },
  { name: "robots", content: "noindex" },
];

export const headers = () => ADMIN_HEADERS;

function findOr404(id: string | undefined) {
  const category = Number.isSafeInteger(Number(id)) ? getCategoryById(Number(id)) : undefined;
  if (!category) throw new Response("Category not found", { status: 404, headers: ADMIN_HEADERS });
  return category;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const category = findOr404(params.id);
  const below = categorySubtreeIds(category.id);
  const parents = listCategoryChoices().options.filter((option) => !below.has(option.id));
  return data({ category, parents }, { headers: ADMIN_HEADERS });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const category = findOr404(params.id);
  const form = await readForm(request, 16 * 1024);
  if (form.get("intent") === "delete") {
    const deleted = writeTransaction(() => deleteCategory(category.id));
    if (!deleted.ok) return data({ errors: { form: deleted.reason } as Record<string, string>, values: {} as Record<string, string> }, { status: 409, headers: ADMIN_HEADERS });
    return redirect("/admin/categories", { headers: ADMIN_HEADERS });
  }
  const values = typedValues(form, ["intent"]);
  const parsed = CategoryForm.safeParse({ ...values, slug: category.slug });
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values }, { status: 400, headers: ADMIN_HEADERS });
  const saved = writeTransaction(() => {
    const errors = categoryConflicts(parsed.data, category.id);
    if (Object.keys(errors).length) return { errors };
    updateCategory(category.id, parsed.data);
    return {};
  });
  if (saved.errors) return data({ errors: saved.errors, values }, { status: 409, headers: ADMIN_HEADERS });
  return redirect(`/admin/categories/${category.id}?saved=updated`, { headers: ADMIN_HEADERS });
}

export default function EditCategory() {
  const { category, parents } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [search] = useSearchParams();
  const errors: Record<string, string> = failed?.errors ?? {};
  const value = (name: "name" | "description" | "parentId") =>
    failed?.values && name in failed.values ? failed.values[name] : name === "parentId" ? String(category.parentId ?? "") : category[name];
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
        <input type="hidden" name="intent" value="save" />
        <div className="form-grid">
          <TextField id="name" name="name" label="Name" required maxLength={100} defaultValue={value("name")} error={errors.name} />
          <SelectField
            id="parentId"
            name="parentId"
            label="Parent"
            defaultValue={value("parentId")}
            error={errors.parentId}
            options={[["", "(top level)"], ...parents.map((p) => [String(p.id), p.label] as const)]}
          />
        </div>
        <TextAreaField id="description" name="description" label="Description" rows={3} maxLength={2000} defaultValue={value("description")} error={errors.description} />
        <button type="submit" className="button">
          Save changes
        </button>
      </Form>
      <Form method="post" className="panel">
        <input type="hidden" name="intent" value="delete" />
        <p className="muted">Only a category without products (archived ones included) and without sub-categories can be deleted.</p>
        <button type="submit" className="button button--secondary">
          Delete category
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
