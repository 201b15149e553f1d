import { describe, expect, it } from "vitest";
import { isPlainText, queryText } from "./plain-text";

describe("queryText", () => {
  it("turns control characters and noncharacters into spaces, then trims and cuts", () => {
    expect(queryText("pump\u0000gauge", 100)).toBe("pump gauge");
    expect(queryText("\tpump\u0001\u007f\u0085\ufffe\u{1fffe}316\n", 100)).toBe("pump     316");
    expect(queryText("  ball valve  ", 4)).toBe("ball");
    expect(queryText(null, 100)).toBe("");
  });

  it("keeps every other character as typed", () => {
    const typed = 'Ø 63 mm · 0–16 bar, 1/2" NPT, 316L, µS/cm, 压力表 ✓';
    expect(queryText(typed, 200)).toBe(typed);
    expect(isPlainText(queryText("a\u0000b", 10))).toBe(true);
  });
});

describe("isPlainText", () => {
  it("refuses control characters, noncharacters and bidirectional overrides; keeps line breaks, tabs and marks", () => {
    for (const text of [
      "a\u0000b",
      "a\u001bb",
      "a\u0085b",
      "a\ufffeb",
      "invoice\u202Efdp.exe",
      "a\u2066b\u2069",
      "a\u202Ab",
    ])
      expect(isPlainText(text), JSON.stringify(text)).toBe(false);
    for (const text of ["line one\nline two\r\n", "a\tb", "שלום\u200F abc", 'Ø 63 mm · 1/2" NPT, 压力表'])
      expect(isPlainText(text), JSON.stringify(text)).toBe(true);
  });
});
