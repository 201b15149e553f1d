import { z } from "zod";
import { recordId } from "~/lib/record-id";
import { blankIfInvisible, isPlainText, PLAIN_TEXT_MESSAGE } from "~/lib/plain-text";
import { SYNONYM_INTENT } from "./search-synonym-forms";

const MAX_TERM_LENGTH = 60;

/**
 * A group of terms that mean the same to a buyer, typed comma-separated: "pasteuriser,
 * pasteurizer". Stored tidy (trimmed, one space, no repeats in any case), two terms at least.
 */
const TWO_TERMS = "Enter at least two terms, separated by commas";
const terms = z
  .string()
  .trim()
  .min(1, { error: TWO_TERMS })
  .max(500, { error: "Terms must be at most 500 characters" })
  .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE })
  .transform((value) => {
    const seen = new Set<string>();
    return (
      value
        .split(",")
        // A term of nothing visible is no term, as an empty field is none (`blankIfInvisible`).
        .map((term) => blankIfInvisible(term.trim()).replace(/\s+/g, " "))
        .filter((term) => term && !seen.has(term.toLowerCase()) && seen.add(term.toLowerCase()))
    );
  })
  .superRefine((list, context) => {
    if (list.length < 2) context.addIssue({ code: "custom", message: TWO_TERMS });
    const long = list.find((term) => term.length > MAX_TERM_LENGTH);
    if (long)
      context.addIssue({
        code: "custom",
        message: `“${long.slice(0, 20)}…” is longer than ${MAX_TERM_LENGTH} characters`,
      });
    const wordless = list.find((term) => !/[\p{L}\p{N}]/u.test(term));
    if (wordless) context.addIssue({ code: "custom", message: `“${wordless}” has no letters or digits` });
  })
  .transform((list) => list.join(", "));

/** The forms of the synonyms page: a new group, a group's terms saved, a group deleted. */
export const SynonymForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal(SYNONYM_INTENT.create), terms }),
  z.object({ intent: z.literal(SYNONYM_INTENT.save), id: recordId, terms }),
  z.object({ intent: z.literal(SYNONYM_INTENT.delete), id: recordId }),
]);
