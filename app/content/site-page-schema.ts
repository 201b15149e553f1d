import { z } from "zod";
import { markdownProblem, MAX_MARKDOWN_CHARS } from "~/news/markdown-limits";
import { isPlainText, PLAIN_TEXT_MESSAGE } from "~/lib/plain-text";

/** A site page as sales edits it: the slug is the page's address and stays. */
export const SitePageForm = z.object({
  title: z
    .string()
    .trim()
    .min(1, { error: "Enter the title" })
    .max(120, { error: "Title must be at most 120 characters" })
    .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE }),
  description: z
    .string()
    .trim()
    .min(1, { error: "Enter a description for search engines and link previews" })
    .max(300, { error: "Description must be at most 300 characters" })
    .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE }),
  bodyMarkdown: z
    .string()
    .trim()
    .min(1, { error: "Write the page" })
    .max(MAX_MARKDOWN_CHARS, {
      error: `The page must be at most ${MAX_MARKDOWN_CHARS.toLocaleString("en-US")} characters`,
    })
    .superRefine((markdown, context) => {
      const problem = markdownProblem(markdown);
      if (problem) context.addIssue({ code: "custom", message: problem });
    }),
});

export type SitePageFields = z.infer<typeof SitePageForm>;
