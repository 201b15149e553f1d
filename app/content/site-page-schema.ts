import { z } from "zod";
import { markdownBody } from "~/news/markdown-field";
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
  bodyMarkdown: markdownBody("page"),
});

export type SitePageFields = z.infer<typeof SitePageForm>;
