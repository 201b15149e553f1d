import { Form } from "@remix-run/react";
import { ErrorSummary, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { PRODUCT_INTENT, specField, type SpecVocabulary } from "~/catalog/product-fields";
import { useIsPending, type Constraints } from "~/lib/forms";
import { formatWeight } from "~/lib/shipping-weight";
import { DEFAULT_UNIT_WEIGHT } from "~/orders/freight";

type Props = {
  values: Record<string, string>;
  /** The form's own message under `form` (`errorsOf`). */
  errors: Record<string, string>;
  constraints: Constraints;
  specs: SpecVocabulary;
  categories: { slug: string; label: string }[];
  imagePath: string | null;
  submitLabel: string;
};

/** The product editor: every field of a product, each with its error beside it. */
export function ProductForm({ values, errors, constraints, specs, categories, imagePath, submitLabel }: Props) {
  const saving = useIsPending({ intent: PRODUCT_INTENT.save, state: "submitting" });
  const field = (name: string) => ({
    id: name,
    name,
    defaultValue: values[name] ?? "",
    error: errors[name],
    ...constraints[name],
  });
  return (
    <Form method="post" encType="multipart/form-data" className="panel admin-form" noValidate>
      <ErrorSummary errors={errors} />
      <input type="hidden" name="intent" value={PRODUCT_INTENT.save} />
      <div className="form-grid">
        <TextField {...field("name")} label="Name" />
        <TextField {...field("partNumber")} label="Part number" className="mono" />
        <TextField {...field("slug")} label="Slug" hint="Part of the page address; empty makes one from the name" />
        <TextField {...field("manufacturer")} label="Manufacturer" />
        <SelectField
          id="category"
          name="category"
          defaultValue={values.category ?? ""}
          error={errors.category}
          label="Category"
          options={[["", "Choose a category"], ...categories.map((c) => [c.slug, c.label] as const)]}
        />
        <TextField
          {...field("price")}
          label="Price (USD)"
          hint="Empty for quote only (price on request)"
          inputMode="decimal"
          maxLength={20}
        />
        <TextField
          {...field("priceBreaks")}
          label="Quantity price breaks"
          hint="From a quantity on, a lower unit price, e.g. 10+ 95.00; 50+ 89.50. Empty for none"
          className="mono"
        />
        <TextField
          {...field("shippingWeight")}
          label="Shipping weight (lb)"
          hint={`One unit, packed, e.g. 12.5. Empty: freight counts ${formatWeight(DEFAULT_UNIT_WEIGHT)}`}
          inputMode="decimal"
        />
        <TextField {...field("minOrderQty")} label="Minimum order quantity" inputMode="numeric" maxLength={8} />
        <TextField {...field("packSize")} label="Pack size" inputMode="numeric" maxLength={8} />
        <TextField {...field("leadTimeDays")} label="Lead time (days)" inputMode="numeric" maxLength={8} />
      </div>
      <div className="checkbox-row">
        <label>
          <input type="checkbox" name="inStock" value="yes" defaultChecked={values.inStock === "yes"} /> In stock
        </label>
        <label>
          <input type="checkbox" name="featured" value="yes" defaultChecked={values.featured === "yes"} /> Featured on
          the home page
        </label>
      </div>
      <TextAreaField {...field("summary")} label="Summary" rows={2} />
      <TextAreaField {...field("description")} label="Description" rows={6} />
      <fieldset>
        <legend>Specifications</legend>
        <p className="muted">Leave a spec empty when it does not apply. Several values are separated by commas.</p>
        <div className="form-grid form-grid--specs">
          {specs.map((spec) => (
            <TextField
              key={spec.key}
              {...field(specField(spec.key))}
              label={spec.kind === "number" && spec.unit ? `${spec.label} (${spec.unit})` : spec.label}
              inputMode={spec.kind === "number" ? "decimal" : undefined}
              maxLength={500}
            />
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Image</legend>
        {imagePath ? (
          <img
            src={imagePath}
            alt="As shown on the product page now"
            width={160}
            height={120}
            className="admin-thumb"
          />
        ) : null}
        <TextField
          id="image"
          name="image"
          type="file"
          accept="image/png,image/jpeg,image/webp"
          label={imagePath ? "Replace the image" : "Image"}
          hint="PNG, JPEG or WebP, at most 5 MB; without a new file the current image stays"
          error={errors.image}
        />
      </fieldset>
      <button type="submit" className="button" aria-disabled={saving || undefined}>
        {saving ? "Saving…" : submitLabel}
      </button>
    </Form>
  );
}
