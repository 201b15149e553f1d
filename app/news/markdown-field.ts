import { z } from "zod";
import { isPlainText, PLAIN_TEXT_MESSAGE } from "~/lib/plain-text";
import { markdownProblem, MAX_MARKDOWN_CHARS } from "./markdown-limits";
import { showsImagesFromElsewhere } from "./markdown.server";

/**
 * The Markdown body of an article or a site page: written, within the size and shape a page can
 * render (`markdownProblem`), and plain text (no control characters, which HTML refuses).
 */
export const markdownBody = (what: "article" | "page") =>
  z
    .string()
    .trim()
    .min(1, { error: `Write the ${what}` })
    .max(MAX_MARKDOWN_CHARS, {
      error: `The ${what} must be at most ${MAX_MARKDOWN_CHARS.toLocaleString("en-US")} characters`,
    })
    .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE })
    .superRefine((markdown, context) => {
      const problem = markdownProblem(markdown);
      if (problem) context.addIssue({ code: "custom", message: problem });
      if (showsImagesFromElsewhere(markdown))
        context.addIssue({
          code: "custom",
          message:
            "Show images from this site only (a path such as /images/plant.jpg): the site blocks images from others",
        });
    });
