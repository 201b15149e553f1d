import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ProductForm } from "~/components/admin/product-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ADMIN_HEADERS, requireUser } from "~/lib/auth.server";
import { writeTransaction } from "~/lib/db.server";
import { readMultipartForm, textFields } from "~/lib/multipart.server";
import { checkProductImage, discardProductImage, MAX_IMAGE_BYTES, storeProductImage } from "~/lib/product-images.server";
import { parseProductFields, productToFields } from "~/lib/product-schema";
import { getEditableProduct, listCategoryChoices, productConflicts } from "~/models/product-admin.server";
import { createProduct, loadSpecDefinitions, setProductStatus, updateProduct } from "~/models/product.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.product?.name ?? "New product"} · IronAxis back office` },
  { name: "robots", content: "noindex" },
];

export const headers = () => ADMIN_HEADERS;

/** `/admin/products/new` creates; `/admin/products/:id` edits. */
function findOr404(id: string | undefined) {
  if (id === "new") return undefined;
  const product = getEditableProduct(Number(id));
  if (!product) throw new Response("Product not found", { status: 404, headers: ADMIN_HEADERS });
  return product;
}

const NEW_PRODUCT = { minOrderQty: "1", packSize: "1", leadTimeDays: "14" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const product = findOr404(params.id);
  const specs = [...loadSpecDefinitions().values()];
  return data(
    {
      product: product && { id: product.id, name: product.name, slug: product.slug, status: product.status, imagePath: product.imagePath, updatedAt: product.updatedAt },
      values: product ? productToFields(product) : NEW_PRODUCT,
      specs: specs.map(({ key, label, kind, unit }) => ({ key, label, kind, unit })),
      categories: listCategoryChoices().options,
    },
    { headers: ADMIN_HEADERS },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const existing = findOr404(params.id);
  // Parts up to twice the image limit are read, so a picture a little too large gets its message
  // at the field with the rest of the form kept; anything larger ends the upload.
  const read = await readMultipartForm(request, { maxBytes: 2 * MAX_IMAGE_BYTES + 1024 * 1024, maxPartBytes: 2 * MAX_IMAGE_BYTES });
  if (!read.ok) return data({ errors: { [read.field]: read.error }, values: null }, { status: 413, headers: ADMIN_HEADERS });
  const values = textFields(read.form);

  if (existing && (values.intent === "archive" || values.intent === "unarchive")) {
    writeTransaction(() => setProductStatus(existing.id, values.intent === "archive" ? "archived" : "active"));
    return redirect(`/admin/products/${existing.id}?saved=${values.intent}d`, { headers: ADMIN_HEADERS });
  }
  if (values.intent !== "save") throw new Response("Unknown action", { status: 400, headers: ADMIN_HEADERS });

  const definitions = loadSpecDefinitions();
  const parsed = parseProductFields(
    { ...values, status: existing?.status ?? "active" },
    { specs: [...definitions.values()], categoryIds: listCategoryChoices().idsBySlug },
  );
  const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors };
  const upload = read.form.get("image");
  const image = upload instanceof File && upload.size > 0 ? new Uint8Array(await upload.arrayBuffer()) : undefined;
  const checked = image ? checkProductImage(image) : undefined;
  if (checked && !checked.ok) errors.image = checked.error;
  if (!parsed.ok || Object.keys(errors).length) return data({ errors, values }, { status: 400, headers: ADMIN_HEADERS });

  const imagePath = image && checked?.ok ? storeProductImage(image, checked.extension) : undefined;
  // The uniqueness checks and the write share one IMMEDIATE transaction: no one can take the part number in between.
  const save = () =>
    writeTransaction(() => {
      const conflicts = productConflicts(parsed.product, existing?.id);
      if (Object.keys(conflicts).length) return { errors: conflicts };
      const input = { ...parsed.product, imagePath };
      if (!existing) return { id: createProduct(input, definitions) };
      updateProduct(existing.id, input, definitions);
      return { id: existing.id };
    });
  let saved: ReturnType<typeof save>;
  try {
    saved = save();
  } catch (error) {
    if (imagePath) discardProductImage(imagePath);
    throw error;
  }
  if ("errors" in saved) {
    if (imagePath) discardProductImage(imagePath);
    return data({ errors: saved.errors, values }, { status: 409, headers: ADMIN_HEADERS });
  }
  if (imagePath && existing?.imagePath) discardProductImage(existing.imagePath);
  return redirect(`/admin/products/${saved.id}?saved=${existing ? "updated" : "created"}`, { headers: ADMIN_HEADERS });
}

const SAVED_MESSAGES: Record<string, string> = {
  created: "Product created.",
  updated: "Changes saved.",
  archived: "Product archived: it no longer shows in the catalog or search.",
  unarchived: "Product restored to the catalog.",
};

export default function EditProduct() {
  const { product, values, specs, categories } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [search] = useSearchParams();
  const saved = SAVED_MESSAGES[search.get("saved") ?? ""];
  return (
    <section aria-labelledby="product-heading">
      <p className="eyebrow">
        <Link to="/admin/products">Products</Link>
      </p>
      <h1 id="product-heading">
        {product ? product.name : "New product"}{" "}
        {product?.status === "archived" ? <span className="status status--archived">archived</span> : null}
      </h1>
      {saved && !failed ? (
        <p className="notice" role="status">
          {saved}
        </p>
      ) : null}
      {product ? (
        <div className="actions">
          {product.status === "active" ? (
            <Link to={`/products/${product.slug}`} className="button button--secondary">
              View on the site
            </Link>
          ) : null}
          <Form method="post" encType="multipart/form-data">
            <input type="hidden" name="intent" value={product.status === "active" ? "archive" : "unarchive"} />
            <button type="submit" className="button button--secondary">
              {product.status === "active" ? "Archive" : "Unarchive"}
            </button>
          </Form>
        </div>
      ) : null}
      <ProductForm
        key={product ? `${product.id}:${product.updatedAt}` : "new"}
        values={failed?.values ?? values}
        errors={failed?.errors ?? {}}
        specs={specs}
        categories={categories}
        imagePath={product?.imagePath ?? null}
        submitLabel={product ? "Save changes" : "Create product"}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
