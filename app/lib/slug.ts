import { z } from "zod";

/** "Bourdon gauge, 63 mm" → "bourdon-gauge-63-mm". */
export function slugify(text: string) {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 120);
}

/** The form of a part number used to match it: "pg63-ss/16 b" and "PG63SS16B" are the same part. */
export function partNumberKey(partNumber: string) {
  return partNumber
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "");
}

/**
 * Said at the slug field when a page would have no web address: the slug typed, or the `source`
 * field it is made from when left empty ("name", "title"), has no letter a–z or digit.
 */
export const noSlugMessage = (source: string) =>
  `A web address needs letters a–z or digits: give a slug such as “bourdon-gauge-63-mm”, or leave the slug empty and use some in the ${source}`;

/**
 * The slug field of a page's form (product, category, article): empty, or lower-case letters,
 * digits and single hyphens. `source` names the field an empty slug is made from.
 */
export const slugField = (max: number, source: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `Slug must be at most ${max} characters` })
    .refine((value) => value === "" || slugify(value) !== "", { error: noSlugMessage(source) })
    .refine((value) => value === "" || /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value), {
      error: "Use lower-case letters, digits and single hyphens, or leave empty",
    });

/**
 * A page's slug: the one typed (checked by `slugField`), else one made from `source`. Empty when
 * neither has a letter a–z or digit: the caller refuses it at the slug field with `noSlugMessage`.
 */
export function pageSlug(typed: string, source: string) {
  return typed || slugify(source);
}
