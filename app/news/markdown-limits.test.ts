import { describe, expect, it } from "vitest";
import {
  markdownProblem,
  MAX_EMPHASIS_MARKS,
  MAX_MARKDOWN_CHARS,
  MAX_NESTING,
  MAX_TABLE_CELLS,
  MAX_TABLE_COLUMNS,
} from "./markdown-limits";

describe("markdownProblem", () => {
  it("accepts what people write: nested lists, quotes, code, emphasis", () => {
    const article = [
      "# Heading",
      "",
      "Some *emphasis*, some __strong__ text and a snake_case_name.",
      "",
      "- one\n  - two\n    - three\n      1. four",
      "",
      "> quoted\n> > quoted twice",
      "",
      "```json\n" + " ".repeat(60) + '{ "deep": true }\n```',
    ].join("\n");
    expect(markdownProblem(article)).toBeUndefined();
    expect(markdownProblem(`${"- ".repeat(MAX_NESTING)}x`)).toBeUndefined();
    expect(markdownProblem("_a".repeat(MAX_EMPHASIS_MARKS / 2))).toBeUndefined();
  });

  it.each(["- ", "1. ", "> ", "* "])("refuses %j nested past the limit, naming the line", (marker) => {
    expect(markdownProblem(`Intro\n\n${marker.repeat(MAX_NESTING + 1)}x`)).toBe(
      `Lists and quotes can nest at most ${MAX_NESTING} levels deep; line 3 goes deeper.`,
    );
  });

  it("counts indentation as nesting too", () => {
    const nested = Array.from({ length: MAX_NESTING + 2 }, (_, level) => `${"  ".repeat(level)}- level ${level}`).join(
      "\n",
    );
    expect(markdownProblem(nested)).toMatch(/nest at most/);
  });

  it("refuses a paragraph with more emphasis marks than the limit, counting each paragraph alone", () => {
    const over = `${"_a".repeat(MAX_EMPHASIS_MARKS)}_`;
    expect(markdownProblem(`ok\n\n${over}`)).toBe(
      `A paragraph can hold at most 1,000 * and _ marks; the one starting “${over.slice(0, 40)}” has 1,001.`,
    );
    const half = "*a".repeat(MAX_EMPHASIS_MARKS / 2);
    expect(markdownProblem(`${half}\n\n${half}\n\n${half}`)).toBeUndefined();
  });

  const table = (columns: number, rows: number) =>
    [
      "|" + " h |".repeat(columns),
      "|" + "---|".repeat(columns),
      ...Array.from({ length: rows }, () => "|" + " x |".repeat(columns)),
    ].join("\n");

  it("accepts tables people write, and pipes outside tables", () => {
    expect(markdownProblem(`Intro\n\n${table(6, 20)}\n\nAfter`)).toBeUndefined();
    expect(markdownProblem(table(MAX_TABLE_COLUMNS, 5))).toBeUndefined();
    expect(markdownProblem("a | b | c\n".repeat(500))).toBeUndefined();
    expect(markdownProblem("```\n" + table(200, 2) + "\n```")).toBeUndefined();
  });

  it("refuses a table wider than the limit, naming its line", () => {
    expect(markdownProblem(`Intro\n\n${table(3000, 2)}`.slice(0, MAX_MARKDOWN_CHARS))).toBe(
      `A table can have at most ${MAX_TABLE_COLUMNS} columns; the one on line 3 has 3,000.`,
    );
    expect(markdownProblem(table(MAX_TABLE_COLUMNS + 1, 1))).toMatch(
      /^A table can have at most 30 columns; the one on line 1 has 31\.$/,
    );
  });

  it("refuses more table cells in all than the limit, rows with extra pipes counted", () => {
    const rows = MAX_TABLE_CELLS / 2 - 2; // two columns: header and delimiter are two rows
    expect(markdownProblem(table(2, rows))).toBeUndefined();
    expect(markdownProblem(table(2, rows + 1))).toMatch(
      /^Tables can hold at most 500 cells in all; line \d+ goes past that\.$/,
    );
    expect(markdownProblem(`${table(2, 0)}\n|${" x |".repeat(600)}`)).toMatch(/at most 500 cells/);
    expect(markdownProblem([table(5, 40), table(5, 40), table(5, 40)].join("\n\n"))).toMatch(/at most 500 cells/);
  });

  it("refuses more text than an article may hold, before looking further", () => {
    expect(markdownProblem("a".repeat(MAX_MARKDOWN_CHARS))).toBeUndefined();
    expect(markdownProblem("a".repeat(MAX_MARKDOWN_CHARS + 1))).toBe("The article must be at most 20,000 characters");
  });
});
