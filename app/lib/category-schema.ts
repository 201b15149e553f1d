import { z } from "zod";
import { fieldErrors } from "./form-errors";
import { noSlugMessage, pageSlug, slugField } from "./slug";

/** The category form: create takes a slug (or makes one from the name); edit keeps the slug, so links stay valid. */
export const CategoryForm = z.object({
  name: z.string().trim().min(1, { error: "Enter the name" }).max(100, { error: "Name must be at most 100 characters" }),
  slug: slugField(80, "name").default(""),
  description: z.string().trim().max(2000, { error: "Description must be at most 2,000 characters" }).default(""),
  parentId: z
    .string()
    .trim()
    .regex(/^\d*$/, { error: "Choose a parent category" })
    .transform((value) => (value === "" ? null : Number(value))),
});
export type CategoryFormValues = z.infer<typeof CategoryForm>;

/** A new category's fields, its slug typed or made from the name; a category with no web address is refused at the slug field. */
export function parseNewCategory(values: Record<string, string>): { ok: true; category: CategoryFormValues } | { ok: false; errors: Record<string, string> } {
  const parsed = CategoryForm.safeParse(values);
  const errors = parsed.success ? {} : fieldErrors(parsed.error);
  const slug = pageSlug((values.slug ?? "").trim(), values.name ?? "");
  if (!slug && !errors.slug && !errors.name) errors.slug = noSlugMessage("name");
  if (!parsed.success || Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, category: { ...parsed.data, slug } };
}
