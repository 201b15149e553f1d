import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { ADMIN_HEADERS, requireUser } from "~/lib/auth.server";
import { parseNewCategory } from "~/lib/category-schema";
import { writeTransaction } from "~/lib/db.server";
import { typedValues } from "~/lib/form-errors";
import { readForm } from "~/lib/request-body.server";
import { categoryConflicts, createCategory, listCategoriesForAdmin, moveCategory } from "~/models/category.server";
import { listCategoryChoices } from "~/models/product-admin.server";

export const meta: MetaFunction = () => [{ title: "Categories · IronAxis back office" }, { name: "robots", content: "noindex" }];

export const headers = () => ADMIN_HEADERS;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  return data({ tree: listCategoriesForAdmin(), parents: listCategoryChoices().options }, { headers: ADMIN_HEADERS });
}

export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const form = await readForm(request, 16 * 1024);
  const intent = form.get("intent");
  if (intent === "up" || intent === "down") {
    writeTransaction(() => moveCategory(Number(form.get("id")), intent));
    return redirect("/admin/categories", { headers: ADMIN_HEADERS });
  }
  if (intent !== "create") throw new Response("Unknown action", { status: 400, headers: ADMIN_HEADERS });
  const values = typedValues(form, ["intent"]);
  const parsed = parseNewCategory(values);
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400, headers: ADMIN_HEADERS });
  const input = parsed.category;
  const created = writeTransaction(() => {
    const errors = categoryConflicts(input);
    return Object.keys(errors).length ? { errors } : { id: createCategory(input) };
  });
  if ("errors" in created) return data({ errors: created.errors, values }, { status: 409, headers: ADMIN_HEADERS });
  return redirect(`/admin/categories/${created.id}?saved=created`, { headers: ADMIN_HEADERS });
}

type Node = { id: number; slug: string; name: string; productCount: number; children: Node[] };

function CategoryTree({ nodes }: { nodes: Node[] }) {
  return (
    <ol className="category-tree">
      {nodes.map((node, i) => (
        <li key={node.id}>
          <span className="category-tree__row">
            <Link to={`/admin/categories/${node.id}`}>{node.name}</Link> <span className="muted mono">{node.slug}</span>{" "}
            <span className="muted">
              {node.productCount} product{node.productCount === 1 ? "" : "s"}
            </span>
            <Form method="post" className="category-tree__move">
              <input type="hidden" name="id" value={node.id} />
              <button type="submit" name="intent" value="up" className="button button--secondary" disabled={i === 0} aria-label={`Move ${node.name} up`}>
                ↑
              </button>
              <button type="submit" name="intent" value="down" className="button button--secondary" disabled={i === nodes.length - 1} aria-label={`Move ${node.name} down`}>
                ↓
              </button>
            </Form>
          </span>
          {node.children.length ? <CategoryTree nodes={node.children} /> : null}
        </li>
      ))}
    </ol>
  );
}

export default function AdminCategories() {
  const { tree, parents } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const errors: Record<string, string> = failed?.errors ?? {};
  const values: Record<string, string> = failed?.values ?? {};
  return (
    <section aria-labelledby="categories-heading">
      <h1 id="categories-heading">Categories</h1>
      <p className="muted">The order here is the order on the site. Open a category to rename it, describe it, move it under another parent or delete it.</p>
      <CategoryTree nodes={tree} />
      <Form method="post" className="panel admin-form" aria-labelledby="new-category-heading">
        <h2 id="new-category-heading">New category</h2>
        <ErrorSummary errors={errors} />
        <input type="hidden" name="intent" value="create" />
        <div className="form-grid">
          <TextField id="name" name="name" label="Name" required maxLength={100} defaultValue={values.name} error={errors.name} />
          <TextField id="slug" name="slug" label="Slug" hint="Empty makes one from the name; it cannot change later" maxLength={80} defaultValue={values.slug} error={errors.slug} />
          <SelectField
            id="parentId"
            name="parentId"
            label="Parent"
            defaultValue={values.parentId ?? ""}
            error={errors.parentId}
            options={[["", "(top level)"], ...parents.map((p) => [String(p.id), p.label] as const)]}
          />
        </div>
        <TextAreaField id="description" name="description" label="Description" rows={2} maxLength={2000} defaultValue={values.description} error={errors.description} />
        <button type="submit" className="button">
          Create category
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
