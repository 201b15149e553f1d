import { z } from "zod";

/** A share typed in percent ("10", "12.5%") as basis points, or null when left empty (no such rule). */
const percentRule = (what: string) =>
  z
    .string()
    .trim()
    .transform((typed, context) => {
      if (!typed) return null;
      const match = /^(\d{1,3}(?:\.\d{1,2})?)\s*%?$/.exec(typed);
      const bp = match ? Math.round(Number(match[1]) * 100) : NaN;
      if (!(bp >= 0 && bp <= 10_000)) {
        context.addIssue({ code: "custom", message: `Enter ${what} from 0 to 100%, e.g. 12.5, or leave it empty` });
        return z.NEVER;
      }
      return bp;
    });

/** The rules of when a revision needs an admin's approval, as an admin types them. */
export const ApprovalRulesForm = z.object({
  maxDiscount: percentRule("a discount"),
  minMargin: percentRule("a margin"),
});
