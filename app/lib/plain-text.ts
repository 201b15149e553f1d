/**
 * Text a person typed has no control characters except tab and line breaks, and no noncharacters
 * (U+FFFE, U+FFFF, …): a NUL or an escape in a name or a note comes from a script or a broken
 * client, would travel on into e-mail, and XML (the news feed) and HTML allow neither. Nor the
 * bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which show text
 * in another order than it reads on a page, a PDF or in e-mail; the marks (U+200E, U+200F) stay.
 */
const CONTROL_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- control characters are what this finds
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\p{Noncharacter_Code_Point}]/u;

export function isPlainText(text: string) {
  return !CONTROL_CHARACTERS.test(text);
}

export const PLAIN_TEXT_MESSAGE = "Remove the control characters from this text";

/**
 * Characters that show nothing: zero-width spaces and joiners, soft hyphens, variation selectors,
 * direction marks, fillers, and the blank braille pattern (U+2800), which is a letter to Unicode.
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u2800]/u;

/** Scripts whose letters join or form conjuncts, where a zero-width (non-)joiner changes what shows. */
const JOINING_SCRIPTS =
  "Arabic Syriac Nko Mongolian Devanagari Bengali Gurmukhi Gujarati Oriya Tamil Telugu Kannada Malayalam Sinhala"
    .split(" ")
    .map((script) => `\\p{Script=${script}}`)
    .join("");
/**
 * A zero-width non-joiner or joiner between two letters of such a script: it shapes them, so it
 * shows (a Persian PO number is typed with one), and a reference may hold it.
 */
const SHAPING_JOINER = new RegExp(`(?<=[${JOINING_SCRIPTS}]\\p{M}*)[\\u200C\\u200D](?=[${JOINING_SCRIPTS}])`, "gu");

/**
 * A reference a person or a program matches character for character (a part number, a PO number,
 * a wire's reference) shows every character it holds: "FT 7781" with a zero-width space in it
 * reads the same and matches nothing. Names and notes keep them (joiners belong in some scripts),
 * and a reference keeps a joiner that shapes the letters around it (`SHAPING_JOINER`).
 */
export function isVisibleText(text: string) {
  return !INVISIBLE.test(text.replace(SHAPING_JOINER, ""));
}

export const INVISIBLE_MESSAGE = "Remove the invisible characters (a zero-width space, say) from this reference";

/**
 * Typed text with nothing to see in it, but for white space, as empty: a name of zero-width spaces
 * is no name, and a field that must be filled in says so. Text of white space alone is left to
 * the field's own trimming.
 */
export const blankIfInvisible = (text: string) =>
  INVISIBLE.test(text) && /^[\s\p{Default_Ignorable_Code_Point}\u2800]*$/u.test(text) ? "" : text;

/** What HTML does not allow in a page's text: control characters but its white space (tab, line feed, form feed, return), and noncharacters. */
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const NOT_IN_HTML = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\p{Noncharacter_Code_Point}]/gu;

/**
 * Typed text as a page can show it again (a refused form's fields): what HTML does not allow
 * taken out. The text itself is refused at its field (`isPlainText`); the field shows the rest.
 */
export const showable = (text: string) => text.replace(NOT_IN_HTML, "");

/** What a search's text cannot hold: control characters, noncharacters, bidirectional embeddings, overrides and isolates. */
const NOT_IN_QUERY = /[\p{Cc}\p{Noncharacter_Code_Point}\u202A-\u202E\u2066-\u2069]/gu;

/**
 * A search box's text from a URL (`?q=`), as a page can show it: a control character (a NUL, a
 * tab, a line break, C1's), a noncharacter or a bidirectional override becomes a space, since
 * HTML allows none of the first two in a title or an attribute, an override shows the page's text
 * reversed, and none means anything in a search. Text with nothing visible in it is no search
 * (`blankIfInvisible`). Trimmed and cut to `maxLength` UTF-16 units, as an input's `maxlength`
 * counts, never inside a character.
 */
export function queryText(raw: string | null, maxLength: number) {
  const text = blankIfInvisible((raw ?? "").replace(NOT_IN_QUERY, " ").trim()).slice(0, maxLength);
  return (/[\uD800-\uDBFF]$/.test(text) ? text.slice(0, -1) : text).trim();
}
