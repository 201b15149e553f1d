import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { requireUser } from "~/admin/auth.server";
import { CATEGORY_INTENT } from "~/catalog/category-forms";
import { CategoryListForm, newCategory } from "~/catalog/category-schema";
import { writeTransaction } from "~/lib/db.server";
import { errorsOf, typedOr, useFormResult, useIsPending } from "~/lib/forms";
import { constraintsOf, invalid, parseForm } from "~/lib/forms.server";
import { readForm } from "~/lib/request-body.server";
import { categoryConflicts, createCategory, listCategoriesForAdmin, moveCategory } from "~/catalog/category.server";
import { listCategoryChoices } from "~/catalog/product-admin.server";
import { plural } from "~/lib/plural";

export const meta: MetaFunction = () => [
  { title: "Categories · IronAxis back office" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  return data({
    tree: listCategoriesForAdmin(),
    parents: listCategoryChoices().options,
    constraints: constraintsOf(CategoryListForm),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const parsed = parseForm(CategoryListForm, await readForm(request, 16 * 1024));
  if (parsed.status === "error") return invalid(parsed, 400);
  const form = parsed.data;
  if (form.intent !== CATEGORY_INTENT.create) {
    writeTransaction(() => moveCategory(form.id, form.intent));
    return redirect("/admin/categories");
  }
  const input = newCategory(form);
  const created = writeTransaction(() => {
    const errors = categoryConflicts(input);
    return Object.keys(errors).length ? { errors } : { id: createCategory(input) };
  });
  if ("errors" in created)
    return invalid(
      { status: "error", intent: form.intent, fieldErrors: { ...created.errors }, values: parsed.values },
      409,
    );
  return redirect(`/admin/categories/${created.id}?saved=created`);
}

type Node = { id: number; slug: string; name: string; productCount: number; children: Node[] };

function CategoryTree({ nodes }: { nodes: Node[] }) {
  return (
    <ol className="category-tree">
      {nodes.map((node, i) => (
        <li key={node.id}>
          <div className="category-tree__row">
            <Link to={`/admin/categories/${node.id}`}>{node.name}</Link> <span className="muted mono">{node.slug}</span>{" "}
            <span className="muted">{plural(node.productCount, "product")}</span>
            <Form method="post" className="category-tree__move">
              <input type="hidden" name="id" value={node.id} />
              <button
                type="submit"
                name="intent"
                value={CATEGORY_INTENT.up}
                className="button button--secondary"
                disabled={i === 0}
                aria-label={`Move ${node.name} up`}
              >
                ↑
              </button>
              <button
                type="submit"
                name="intent"
                value={CATEGORY_INTENT.down}
                className="button button--secondary"
                disabled={i === nodes.length - 1}
                aria-label={`Move ${node.name} down`}
              >
                ↓
              </button>
            </Form>
          </div>
          {node.children.length ? <CategoryTree nodes={node.children} /> : null}
        </li>
      ))}
    </ol>
  );
}

export default function AdminCategories() {
  const { tree, parents, constraints } = useLoaderData<typeof loader>();
  const failed = useFormResult(CATEGORY_INTENT.create);
  const errors = errorsOf(failed);
  const creating = useIsPending({ intent: CATEGORY_INTENT.create });
  return (
    <section aria-labelledby="categories-heading">
      <h1 id="categories-heading">Categories</h1>
      <p className="muted">
        The order here is the order on the site. Open a category to rename it, describe it, move it under another parent
        or delete it.
      </p>
      <CategoryTree nodes={tree} />
      <Form method="post" className="panel admin-form" aria-labelledby="new-category-heading">
        <h2 id="new-category-heading">New category</h2>
        <ErrorSummary errors={errors} />
        <input type="hidden" name="intent" value={CATEGORY_INTENT.create} />
        <div className="form-grid">
          <TextField
            id="name"
            name="name"
            label="Name"
            {...constraints.name}
            defaultValue={typedOr(failed, "name", "")}
            error={errors.name}
          />
          <TextField
            id="slug"
            name="slug"
            label="Slug"
            hint="Empty makes one from the name; it cannot change later"
            {...constraints.slug}
            defaultValue={typedOr(failed, "slug", "")}
            error={errors.slug}
          />
          <SelectField
            id="parentId"
            name="parentId"
            label="Parent"
            defaultValue={typedOr(failed, "parentId", "")}
            error={errors.parentId}
            options={[["", "(top level)"], ...parents.map((p) => [String(p.id), p.label] as const)]}
          />
        </div>
        <TextAreaField
          id="description"
          name="description"
          label="Description"
          rows={2}
          {...constraints.description}
          defaultValue={typedOr(failed, "description", "")}
          error={errors.description}
        />
        <button type="submit" className="button" aria-disabled={creating || undefined}>
          Create category
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
