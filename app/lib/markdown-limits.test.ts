import { describe, expect, it } from "vitest";
import { markdownProblem, MAX_EMPHASIS_MARKS, MAX_NESTING } from "./markdown-limits";

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
    const nested = Array.from({ length: MAX_NESTING + 2 }, (_, level) => `${"  ".repeat(level)}- level ${level}`).join("\n");
    expect(markdownProblem(nested)).toMatch(/nest at most/);
  });

  it("refuses a paragraph with more emphasis marks than the limit, counting each paragraph alone", () => {
    const over = `${"_a".repeat(MAX_EMPHASIS_MARKS)}_`;
    expect(markdownProblem(`ok\n\n${over}`)).toBe(`A paragraph can hold at most 1,000 * and _ marks; the one starting “${over.slice(0, 40)}” has 1,001.`);
    const half = "*a".repeat(MAX_EMPHASIS_MARKS / 2);
    expect(markdownProblem(`${half}\n\n${half}\n\n${half}`)).toBeUndefined();
  });
});
