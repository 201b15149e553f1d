import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

const marked = new Marked({ gfm: true, async: false });

// The page's title is its one h1: a heading of the body's own is one level below it.
const allowedTags = [
  ...sanitizeHtml.defaults.allowedTags.filter((tag) => tag !== "h1"),
  "img",
  "del",
  "ins",
  "details",
  "summary",
];

/**
 * Text nested deeper than the article form allows (saved before it said so) overflows the
 * parser's stack; it is still shown, as plain paragraphs, rather than breaking the page.
 */
function toHtml(markdown: string): string {
  try {
    return marked.parse(markdown) as string;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    return markdown
      .split(/\n\s*\n/)
      .map((paragraph) => `<p>${escape(paragraph.trim())}</p>`)
      .join("\n");
  }
}

/**
 * Markdown to HTML that is safe to put in a page: whatever an author (or an attacker with an
 * author's password) writes, scripts, event handlers, `javascript:` URLs, iframes, styles and
 * form controls are removed. Links leaving the site get rel="nofollow noopener noreferrer".
 * What GitHub's Markdown writes keeps its meaning: struck text, a task list's ticks, a heading
 * (the first level becomes the second), a disclosure.
 */
export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(toHtml(markdown), {
    allowedTags,
    allowedAttributes: {
      a: ["href", "title", "rel"],
      img: ["src", "alt", "title", "width", "height"],
      th: ["align", "scope"],
      td: ["align"],
      ol: ["start"],
    },
    allowedSchemes: ["http", "https", "mailto"],
    // Images from this site only, as its Content-Security-Policy (img-src 'self') shows them.
    allowedSchemesByTag: { img: [] },
    allowProtocolRelative: false,
    transformTags: {
      h1: "h2",
      // A task list's boxes (`- [x]`) as the marks they are: a form control would be a box to tick.
      input: (_tagName, attribs) =>
        attribs.type === "checkbox"
          ? { tagName: "span", attribs: {}, text: "checked" in attribs ? "☑" : "☐" }
          : { tagName: "input", attribs: {} },
      a: (tagName, attribs) => {
        const external = /^https?:/i.test(attribs.href ?? "");
        return { tagName, attribs: external ? { ...attribs, rel: "nofollow noopener noreferrer" } : attribs };
      },
    },
  });
}

/** The images an HTML fragment shows with a source, counted; `sameSite` counts only this site's (as pages show them). */
function imageSources(html: string, sameSite: boolean) {
  const kept = sanitizeHtml(html, {
    allowedTags: ["img"],
    allowedAttributes: { img: ["src"] },
    ...(sameSite
      ? { allowedSchemesByTag: { img: [] }, allowProtocolRelative: false }
      : { allowedSchemesAppliedToAttributes: [] }),
  });
  return kept.match(/<img src=/g)?.length ?? 0;
}

/**
 * Whether Markdown shows an image from another site, however written (inline, by reference,
 * as HTML, with entities): `renderMarkdown` would drop it, so the editor is told instead.
 */
export function showsImagesFromElsewhere(markdown: string) {
  const html = toHtml(markdown);
  return imageSources(html, false) > imageSources(html, true);
}
