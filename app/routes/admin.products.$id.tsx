import fs from "node:fs";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { ProductForm } from "~/catalog/components/product-form";
import { PRODUCT_INTENT } from "~/catalog/product-fields";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/admin/auth.server";
import { writeTransaction } from "~/lib/db.server";
import { errorsOf, useFormResult } from "~/lib/forms";
import { constraintsOf, formErrorResult, invalid } from "~/lib/forms.server";
import { discardReceived, readMultipart } from "~/lib/multipart.server";
import { FIELD_TOO_LONG, tooLongAt } from "~/lib/attachments.server";
import {
  checkProductImage,
  discardProductImage,
  MAX_IMAGE_BYTES,
  storeProductImage,
} from "~/catalog/product-images.server";
import { parseProductFields, ProductFormFields, productToFields } from "~/catalog/product-schema";
import { getEditableProduct, listCategoryChoices, productConflicts } from "~/catalog/product-admin.server";
import { createProduct, loadSpecDefinitions, setProductStatus, updateProduct } from "~/catalog/product.server";
import { idParam } from "~/lib/route-params";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.product?.name ?? "New product"} · IronAxis back office` },
  { name: "robots", content: "noindex" },
];

/** `/admin/products/new` creates; `/admin/products/:id` edits. */
function findOr404(id: string | undefined) {
  if (id === "new") return undefined;
  const product = getEditableProduct(idParam(id));
  if (!product) throw new Response("Product not found", { status: 404 });
  return product;
}

/** The longest text field: a description of 20,000 characters, each up to 4 bytes of UTF-8, sent with CRLF line breaks. */
const MAX_TEXT_FIELD_BYTES = 128 * 1024;

const NEW_PRODUCT = { minOrderQty: "1", packSize: "1", leadTimeDays: "14" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const product = findOr404(params.id);
  const specs = [...loadSpecDefinitions().values()];
  return data({
    product: product && {
      id: product.id,
      name: product.name,
      slug: product.slug,
      status: product.status,
      imagePath: product.imagePath,
      updatedAt: product.updatedAt,
    },
    values: product ? productToFields(product) : NEW_PRODUCT,
    specs: specs.map(({ key, label, kind, unit }) => ({ key, label, kind, unit })),
    categories: listCategoryChoices().options,
    constraints: constraintsOf(ProductFormFields),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const existing = findOr404(params.id);
  // Files up to twice the image limit are read, so a picture a little too large gets its message
  // at the field with the rest of the form kept; anything larger ends the upload.
  const read = await readMultipart(request, {
    maxBytes: 2 * MAX_IMAGE_BYTES + 1024 * 1024,
    maxFileBytes: 2 * MAX_IMAGE_BYTES,
    maxFieldBytes: MAX_TEXT_FIELD_BYTES,
    fileFields: ["image"],
    maxFiles: 1,
  });
  if (!read.ok) {
    if (read.problem === "unreadable")
      throw new Response("The form could not be read; please send it again.", { status: 400 });
    const tooLarge =
      read.problem === "field"
        ? formErrorResult(read.fields, FIELD_TOO_LONG, {
            intent: PRODUCT_INTENT.save,
            fieldErrors: tooLongAt(read.tooLong),
          })
        : {
            status: "error" as const,
            intent: PRODUCT_INTENT.save,
            fieldErrors: { image: `Too large: at most ${(2 * MAX_IMAGE_BYTES) / 1024 / 1024} MB` },
            values: read.fields,
          };
    return invalid(tooLarge, 413);
  }
  const { fields: values } = read;
  const [received] = read.files;
  try {
    if (existing && (values.intent === PRODUCT_INTENT.archive || values.intent === PRODUCT_INTENT.unarchive)) {
      const archive = values.intent === PRODUCT_INTENT.archive;
      writeTransaction(() => setProductStatus(existing.id, archive ? "archived" : "active"));
      return redirect(`/admin/products/${existing.id}?saved=${values.intent}d`);
    }
    if (values.intent !== PRODUCT_INTENT.save) throw new Response("Unknown action", { status: 400 });
    // An empty file chosen is refused at the field, as any other picture that is not one.
    const image = received ? fs.readFileSync(received.path) : read.emptyFiles.length ? new Uint8Array(0) : undefined;
    return await save(existing, values, image);
  } finally {
    discardReceived(read.files);
  }
}

async function save(
  existing: ReturnType<typeof findOr404>,
  values: Record<string, string>,
  image: Uint8Array | undefined,
) {
  const definitions = loadSpecDefinitions();
  const parsed = parseProductFields(
    { ...values, status: existing?.status ?? "active" },
    { specs: [...definitions.values()], categoryIds: listCategoryChoices().idsBySlug },
  );
  const fieldErrors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors };
  const checked = image ? checkProductImage(image) : undefined;
  if (checked && !checked.ok) fieldErrors.image = checked.error;
  const refused = (errors: Record<string, string>, status: 400 | 409) =>
    invalid({ status: "error", intent: PRODUCT_INTENT.save, fieldErrors: errors, values }, status);
  if (!parsed.ok || Object.keys(fieldErrors).length) return refused(fieldErrors, 400);

  const imagePath = image && checked?.ok ? storeProductImage(image, checked.extension) : undefined;
  // The uniqueness checks and the write share one IMMEDIATE transaction: no one can take the part number in between.
  const write = () =>
    writeTransaction(() => {
      const conflicts = productConflicts(parsed.product, existing?.id);
      if (Object.keys(conflicts).length) return { conflicts };
      const input = { ...parsed.product, imagePath };
      if (!existing) return { id: createProduct(input, definitions) };
      updateProduct(existing.id, input, definitions);
      return { id: existing.id };
    });
  let saved: ReturnType<typeof write>;
  try {
    saved = write();
  } catch (error) {
    if (imagePath) discardProductImage(imagePath);
    throw error;
  }
  if ("conflicts" in saved) {
    if (imagePath) discardProductImage(imagePath);
    return refused({ ...saved.conflicts }, 409);
  }
  if (imagePath && existing?.imagePath) discardProductImage(existing.imagePath);
  return redirect(`/admin/products/${saved.id}?saved=${existing ? "updated" : "created"}`);
}

const SAVED_MESSAGES: Record<string, string> = {
  created: "Product created.",
  updated: "Changes saved.",
  archived: "Product archived: it no longer shows in the catalog or search.",
  unarchived: "Product restored to the catalog.",
};

export default function EditProduct() {
  const { product, values, specs, categories, constraints } = useLoaderData<typeof loader>();
  const failed = useFormResult(PRODUCT_INTENT.save);
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
            <input
              type="hidden"
              name="intent"
              value={product.status === "active" ? PRODUCT_INTENT.archive : PRODUCT_INTENT.unarchive}
            />
            <button type="submit" className="button button--secondary">
              {product.status === "active" ? "Archive" : "Unarchive"}
            </button>
          </Form>
        </div>
      ) : null}
      <ProductForm
        key={product ? `${product.id}:${product.updatedAt}` : "new"}
        values={failed?.values && Object.keys(failed.values).length ? failed.values : values}
        errors={errorsOf(failed)}
        constraints={constraints}
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
