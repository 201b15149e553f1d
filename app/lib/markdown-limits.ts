/** Lists and quotes nested deeper than this are refused; a parser's stack gives out near 1,500. */
export const MAX_NESTING = 50;
/** `*` and `_` marks in one paragraph: matching emphasis costs the square of their number. */
export const MAX_EMPHASIS_MARKS = 1_000;

const FENCE = /^\s{0,3}(```|~~~)/;
const MARKER = /^(?:>|[-*+](?=\s|$)|\d{1,9}[.)](?=\s|$))\s*/;

/** How deep a line nests: its list and quote markers, and its indent (two spaces a level). */
function nestingOf(line: string) {
  const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, "    ").length;
  let depth = Math.floor(indent / 2);
  let rest = line.trimStart();
  for (let match = MARKER.exec(rest); match && match[0].length > 0; match = MARKER.exec(rest)) {
    depth++;
    rest = rest.slice(match[0].length).trimStart();
  }
  return depth;
}

/**
 * What makes Markdown too costly to render, in words for the author, or undefined: lists and
 * quotes nested past MAX_NESTING (outside fenced code), or a paragraph with more than
 * MAX_EMPHASIS_MARKS `*` and `_` marks. Text written by people never comes near either.
 */
export function markdownProblem(markdown: string): string | undefined {
  const lines = markdown.split(/\r?\n/);
  let fenced = false;
  for (const [at, line] of lines.entries()) {
    if (FENCE.test(line)) fenced = !fenced;
    if (!fenced && nestingOf(line) > MAX_NESTING) {
      return `Lists and quotes can nest at most ${MAX_NESTING} levels deep; line ${at + 1} goes deeper.`;
    }
  }
  for (const paragraph of markdown.split(/\r?\n[ \t]*\r?\n/)) {
    const marks = paragraph.match(/[*_]/g)?.length ?? 0;
    if (marks > MAX_EMPHASIS_MARKS) {
      const start = paragraph.trim().slice(0, 40);
      return `A paragraph can hold at most ${MAX_EMPHASIS_MARKS.toLocaleString("en-US")} * and _ marks; the one starting “${start}” has ${marks.toLocaleString("en-US")}.`;
    }
  }
  return undefined;
}
