import { z } from "zod";
import { physicalProblem } from "./search-units";
import { specField, type SpecVocabulary } from "./product-fields";
import { fieldErrorsOf } from "~/lib/forms.server";
import { formatMoney, MAX_UNIT_PRICE_CENTS, parseDollars } from "~/lib/money";
import { parsePriceBreaks, typedBreaks, type PriceBreak } from "~/lib/price-breaks";
import { formatWeight, MAX_SHIPPING_WEIGHT, parseWeight, typedWeight } from "~/lib/shipping-weight";
import { blankIfInvisible, INVISIBLE_MESSAGE, isPlainText, isVisibleText, PLAIN_TEXT_MESSAGE } from "~/lib/plain-text";
import { noSlugMessage, pageSlug, partNumberKey, slugField } from "~/lib/slug";

/**
 * One product as text fields, named alike in the back-office form and in the catalog CSV
 * (`spec:<key>` for each spec), so both are checked by the same rules and give the same messages.
 */
export const PRODUCT_COLUMNS = [
  "partNumber",
  "name",
  "slug",
  "manufacturer",
  "category",
  "summary",
  "description",
  "price",
  "priceBreaks",
  "shippingWeight",
  "minOrderQty",
  "packSize",
  "leadTimeDays",
  "inStock",
  "featured",
  "status",
] as const;

/** What a valid form or CSV row becomes: the input of the product model. */
export type ProductFields = {
  partNumber: string;
  name: string;
  slug: string;
  manufacturer: string;
  categoryId: number;
  summary: string;
  description: string;
  priceCents: number | null;
  /** Lower unit prices from larger quantities, by ascending quantity; none for a quoted product. */
  priceBreaks: PriceBreak[];
  /** Hundredths of a pound per unit, packed; null: freight counts the default weight. */
  shippingWeight: number | null;
  minOrderQty: number;
  packSize: number;
  leadTimeDays: number;
  inStock: boolean;
  featured: boolean;
  status: "active" | "archived";
  specs: Record<string, number | string[]>;
};

// No control characters (a NUL, an escape): pages, feeds and documents show every field.
const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label} must be at most ${max.toLocaleString("en-US")} characters` })
    .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE });
const required = (max: number, label: string) => text(max, label).min(1, { error: `Enter the ${label.toLowerCase()}` });
const count = (label: string, min: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, { error: `${label} must be a whole number` })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, { error: `${label} must be at least ${min}` })
        .max(1_000_000, { error: `${label} is too large` }),
    );

const TRUE = ["on", "true", "yes", "1", "y"];
const FALSE = ["", "off", "false", "no", "0", "n"];
const flag = (label: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .refine((value) => TRUE.includes(value) || FALSE.includes(value), { error: `${label} must be yes or no` })
    .transform((value) => TRUE.includes(value));

/** The product form's fields; `constraintsOf` gives the page their HTML limits. */
export const ProductFormFields = z.object({
  partNumber: required(64, "Part number")
    .refine(isVisibleText, { error: INVISIBLE_MESSAGE })
    .refine((value) => !/[\t\n]/.test(value), { error: "A part number is one line, without tabs" })
    .refine((value) => partNumberKey(value).length > 0, {
      error: "A part number needs at least one letter or digit",
    }),
  name: required(200, "Name"),
  slug: slugField(120, "name or part number"),
  manufacturer: required(120, "Manufacturer"),
  category: z.string().trim().min(1, { error: "Choose a category" }),
  summary: text(500, "Summary"),
  description: text(20_000, "Description"),
  // Blank means "price on request": the product is quoted, not sold at a list price.
  price: z
    .string()
    .trim()
    .transform((text, context) => {
      if (text === "") return null;
      const cents = parseDollars(text, Number.POSITIVE_INFINITY);
      if (cents === undefined) {
        context.addIssue({
          code: "custom",
          message: "Price must be an amount in USD like 1250.00, or empty for quote only",
        });
        return z.NEVER;
      }
      // Sold at no price, it would be given away at checkout: a price not known yet is quoted.
      if (cents === 0) {
        context.addIssue({ code: "custom", message: "Price must be more than $0.00, or empty for quote only" });
        return z.NEVER;
      }
      if (cents > MAX_UNIT_PRICE_CENTS) {
        context.addIssue({ code: "custom", message: `Price must be at most ${formatMoney(MAX_UNIT_PRICE_CENTS)}` });
        return z.NEVER;
      }
      return cents;
    }),
  // "10+ 95.00; 50+ 89.50", checked against the price once both are read (parseProductFields).
  priceBreaks: text(200, "Quantity price breaks").transform((typed, context) => {
    const parsed = parsePriceBreaks(typed);
    if (parsed.ok) return parsed.breaks;
    context.addIssue({ code: "custom", message: parsed.message });
    return z.NEVER;
  }),
  // Pounds per unit, packed; blank: freight counts the default weight.
  shippingWeight: text(20, "Shipping weight").transform((typed, context) => {
    if (typed === "") return null;
    const hundredths = parseWeight(typed);
    if (hundredths !== undefined) return hundredths;
    context.addIssue({
      code: "custom",
      message: `Shipping weight must be pounds like 12.5, from 0.01 to ${formatWeight(MAX_SHIPPING_WEIGHT)}, or empty`,
    });
    return z.NEVER;
  }),
  minOrderQty: count("Minimum order quantity", 1),
  packSize: count("Pack size", 1),
  leadTimeDays: count("Lead time", 0),
  inStock: flag("In stock"),
  featured: flag("Featured"),
  status: z.enum(["active", "archived"], { error: "Status must be active or archived" }),
});

export type ParsedProduct = { ok: true; product: ProductFields } | { ok: false; errors: Record<string, string> };

/**
 * Checks a product's fields. `categoryIds` maps category slugs (the form's select values and
 * the CSV's category column) to ids. Uniqueness against other products is the model's job.
 */
export function parseProductFields(
  values: Record<string, string | undefined>,
  vocabulary: { specs: SpecVocabulary; categoryIds: ReadonlyMap<string, number> },
): ParsedProduct {
  // Browsers send textarea line breaks as CRLF (the apply form too): store them as LF, as the CSV has them.
  // As every form is read (`parseForm`): a field with nothing visible in it is empty.
  const get = (name: string) => blankIfInvisible(values[name] ?? "").replace(/\r\n?/g, "\n");
  const parsed = ProductFormFields.safeParse({
    ...Object.fromEntries(PRODUCT_COLUMNS.map((name) => [name, get(name)])),
    minOrderQty: get("minOrderQty") || "1",
    packSize: get("packSize") || "1",
    status: get("status") || "active",
  });
  const errors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  const breaksProblem = !errors.price && !errors.priceBreaks && priceBreaksProblem(get("price"), get("priceBreaks"));
  if (breaksProblem) errors.priceBreaks = breaksProblem;
  const slug = pageSlug(get("slug").trim(), `${get("name")} ${get("partNumber")}`);
  if (!slug && !errors.slug && !errors.name) errors.slug = noSlugMessage("name or part number");
  const categoryId = vocabulary.categoryIds.get(get("category").trim());
  if (get("category").trim() && categoryId === undefined && !errors.category) {
    errors.category = `Unknown category "${get("category").trim().slice(0, 60)}"`;
  }
  const specs: Record<string, number | string[]> = {};
  for (const spec of vocabulary.specs) {
    const name = specField(spec.key);
    const raw = get(name).trim();
    if (!raw) continue;
    if (spec.kind === "number") {
      const value = Number(raw);
      const impossible = Number.isFinite(value) ? physicalProblem(value, spec.unit) : undefined;
      if (!/^-?\d+(\.\d+)?(e-?\d+)?$/i.test(raw) || !Number.isFinite(value)) {
        errors[name] = `${spec.label} must be a number${spec.unit ? ` in ${spec.unit}` : ""}`;
      } else if (impossible) errors[name] = `${spec.label} ${impossible}`;
      else specs[spec.key] = value;
    } else {
      const list = [
        ...new Set(
          raw
            .split(",")
            .map((item) => item.trim())
            .filter(Boolean),
        ),
      ];
      if (list.some((item) => item.length > 80))
        errors[name] = `${spec.label}: each value must be at most 80 characters`;
      else if (!list.every(isPlainText)) errors[name] = `${spec.label}: ${PLAIN_TEXT_MESSAGE.toLowerCase()}`;
      else specs[spec.key] = list;
    }
  }
  if (!parsed.success || categoryId === undefined || Object.keys(errors).length) return { ok: false, errors };
  const { category: _category, slug: _slug, price, ...fields } = parsed.data;
  return { ok: true, product: { ...fields, priceCents: price, categoryId, slug, specs } };
}

/** What is wrong with breaks that are well typed, set beside the product's price: each below it, none without it. */
function priceBreaksProblem(price: string, breaks: string) {
  if (!breaks.trim()) return undefined;
  const priceCents = parseDollars(price.trim());
  if (priceCents === undefined)
    return "A product sold by quote has no price breaks: give it a price, or leave them empty";
  const parsed = parsePriceBreaks(breaks, { priceCents, money: formatMoney });
  return parsed.ok ? undefined : parsed.message;
}

/** A product as the text fields of the form and the CSV: the inverse of `parseProductFields`. */
export function productToFields(
  product: Omit<ProductFields, "categoryId" | "specs"> & {
    categorySlug: string;
    specs: Record<string, (number | string)[]>;
  },
): Record<string, string> {
  const fields: Record<string, string> = {
    partNumber: product.partNumber,
    name: product.name,
    slug: product.slug,
    manufacturer: product.manufacturer,
    category: product.categorySlug,
    summary: product.summary,
    description: product.description,
    price: product.priceCents === null ? "" : (product.priceCents / 100).toFixed(2),
    priceBreaks: typedBreaks(product.priceBreaks),
    shippingWeight: typedWeight(product.shippingWeight),
    minOrderQty: String(product.minOrderQty),
    packSize: String(product.packSize),
    leadTimeDays: String(product.leadTimeDays),
    inStock: product.inStock ? "yes" : "no",
    featured: product.featured ? "yes" : "no",
    status: product.status,
  };
  for (const [key, list] of Object.entries(product.specs)) fields[specField(key)] = list.map(String).join(", ");
  return fields;
}
