import { z } from "zod";
import { recordId } from "~/lib/record-id";
import { isPlainText, PLAIN_TEXT_MESSAGE } from "~/lib/plain-text";
import { CATEGORY_INTENT } from "./category-forms";
import { noSlugMessage, pageSlug, slugField } from "~/lib/slug";

/** The category form: create takes a slug (or makes one from the name); edit keeps the slug, so links stay valid. */
export const CategoryForm = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: "Enter the name" })
    .max(100, { error: "Name must be at most 100 characters" })
    .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE }),
  slug: slugField(80, "name").default(""),
  description: z
    .string()
    .trim()
    .max(2000, { error: "Description must be at most 2,000 characters" })
    .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE })
    .default(""),
  parentId: z
    .string()
    .trim()
    .regex(/^\d*$/, { error: "Choose a parent category" })
    .transform((value) => (value === "" ? null : Number(value))),
});
export type CategoryFormValues = z.infer<typeof CategoryForm>;

/** A new category, its slug typed or made from the name; one with no web address is refused at the slug field. */
const NewCategory = CategoryForm.extend({ intent: z.literal(CATEGORY_INTENT.create) }).superRefine(
  (category, context) => {
    if (category.name && !pageSlug(category.slug, category.name))
      context.addIssue({ code: "custom", path: ["slug"], message: noSlugMessage("name") });
  },
);

/** The forms of the category list: a new category, or one moved up or down among its siblings. */
export const CategoryListForm = z.discriminatedUnion("intent", [
  NewCategory,
  z.object({
    intent: z.enum([CATEGORY_INTENT.up, CATEGORY_INTENT.down]),
    id: recordId,
  }),
]);

/** The forms of one category's page: its fields saved (the slug stays), or the category deleted. */
export const CategoryPageForm = z.discriminatedUnion("intent", [
  CategoryForm.extend({ intent: z.literal(CATEGORY_INTENT.save) }),
  z.object({ intent: z.literal(CATEGORY_INTENT.delete) }),
]);

/** The new category's fields with its slug: as typed, or made from the name. */
export function newCategory({ intent: _intent, ...category }: z.output<typeof NewCategory>): CategoryFormValues {
  return { ...category, slug: pageSlug(category.slug, category.name) };
}
