import { z } from "zod";

/** The category form: create takes a slug (or makes one from the name); edit keeps the slug, so links stay valid. */
export const CategoryForm = z.object({
  name: z.string().trim().min(1, { error: "Enter the name" }).max(100, { error: "Name must be at most 100 characters" }),
  slug: z
    .string()
    .trim()
    .max(80, { error: "Slug must be at most 80 characters" })
    .refine((value) => value === "" || /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value), { error: "Use lower-case letters, digits and single hyphens, or leave empty" })
    .default(""),
  description: z.string().trim().max(2000, { error: "Description must be at most 2,000 characters" }).default(""),
  parentId: z
    .string()
    .trim()
    .regex(/^\d*$/, { error: "Choose a parent category" })
    .transform((value) => (value === "" ? null : Number(value))),
});
export type CategoryFormValues = z.infer<typeof CategoryForm>;
