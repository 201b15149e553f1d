import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

const marked = new Marked({ gfm: true, async: false });

const allowedTags = [...sanitizeHtml.defaults.allowedTags.filter((tag) => tag !== "h1"), "img"];

/**
 * Markdown to HTML that is safe to put in a page: whatever an author (or an attacker with an
 * author's password) writes, scripts, event handlers, `javascript:` URLs, iframes and styles
 * are removed. Links leaving the site get rel="nofollow noopener noreferrer".
 */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown) as string;
  return sanitizeHtml(html, {
    allowedTags,
    allowedAttributes: {
      a: ["href", "title", "rel"],
      img: ["src", "alt", "title", "width", "height"],
      th: ["align", "scope"],
      td: ["align"],
      ol: ["start"],
    },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: ["https"] },
    allowProtocolRelative: false,
    transformTags: {
      a: (tagName, attribs) => {
        const external = /^https?:/i.test(attribs.href ?? "");
        return { tagName, attribs: external ? { ...attribs, rel: "nofollow noopener noreferrer" } : attribs };
      },
    },
  });
}
