/** Lists and quotes nested deeper than this are refused; a parser's stack gives out near 1,500. */
export const MAX_NESTING = 50;
/** `*` and `_` marks in one paragraph: matching emphasis costs the square of their number. */
export const MAX_EMPHASIS_MARKS = 1_000;
/** The most an article (and so a preview) may hold: three times the longest we have published. */
export const MAX_MARKDOWN_CHARS = 20_000;
/** Columns of one table: rendering costs about 50 µs a cell, so width and cells are both bounded. */
export const MAX_TABLE_COLUMNS = 30;
/** Cells of all tables together. */
export const MAX_TABLE_CELLS = 500;

const FENCE = /^\s{0,3}(```|~~~)/;
/** A table's delimiter row: `| --- | :-: |`, or `--- | ---` (GFM needs a pipe). */
const TABLE_DELIMITER = /^\s{0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

/** The cells a table row is split into, counting every pipe (cells past the header's are still split). */
const cellsOf = (line: string) => line.trim().replace(/^\|/, "").replace(/\|$/, "").split("|").length;
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
 * What makes Markdown too costly to render, in words for the author, or undefined: more than
 * MAX_MARKDOWN_CHARS, lists and quotes nested past MAX_NESTING (outside fenced code), a table
 * wider than MAX_TABLE_COLUMNS or tables of more than MAX_TABLE_CELLS cells, or a paragraph with
 * more than MAX_EMPHASIS_MARKS `*` and `_` marks. Text written by people never comes near any.
 */
export function markdownProblem(markdown: string): string | undefined {
  if (markdown.length > MAX_MARKDOWN_CHARS) {
    return `The article must be at most ${MAX_MARKDOWN_CHARS.toLocaleString("en-US")} characters`;
  }
  const lines = markdown.split(/\r?\n/);
  let fenced = false;
  let tableCells = 0;
  let inTable = false;
  for (const [at, line] of lines.entries()) {
    if (FENCE.test(line)) fenced = !fenced;
    if (!fenced && nestingOf(line) > MAX_NESTING) {
      return `Lists and quotes can nest at most ${MAX_NESTING} levels deep; line ${at + 1} goes deeper.`;
    }
    if (fenced || line.trim() === "") inTable = false;
    else if (line.includes("|") && TABLE_DELIMITER.test(line) && at > 0 && lines[at - 1].includes("|")) {
      // The header above and the delimiter row: a table starts here.
      const columns = Math.max(cellsOf(line), cellsOf(lines[at - 1]));
      if (columns > MAX_TABLE_COLUMNS) {
        return `A table can have at most ${MAX_TABLE_COLUMNS} columns; the one on line ${at} has ${columns.toLocaleString("en-US")}.`;
      }
      inTable = true;
      tableCells += 2 * columns;
    } else if (inTable) tableCells += cellsOf(line);
    if (tableCells > MAX_TABLE_CELLS) {
      return `Tables can hold at most ${MAX_TABLE_CELLS.toLocaleString("en-US")} cells in all; line ${at + 1} goes past that.`;
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
