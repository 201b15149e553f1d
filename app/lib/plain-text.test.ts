import { describe, expect, it } from "vitest";
import { isPlainText, isVisibleText, queryText } from "./plain-text";

describe("queryText", () => {
  it("turns control characters and noncharacters into spaces, then trims and cuts", () => {
    expect(queryText("pump\u0000gauge", 100)).toBe("pump gauge");
    expect(queryText("\tpump\u0001\u007f\u0085\ufffe\u{1fffe}316\n", 100)).toBe("pump     316");
    expect(queryText("  ball valve  ", 4)).toBe("ball");
    expect(queryText(null, 100)).toBe("");
  });

  it("takes out bidirectional overrides, reads text with nothing visible as no search, and never cuts a character in two", () => {
    expect(queryText("\u202egauge pressure\u202c", 100)).toBe("gauge pressure");
    expect(queryText("pump\u2066 316\u2069", 100)).toBe("pump  316");
    for (const invisible of ["\u200b", "\u00ad", "\u2800", " \u200b\u200d "])
      expect(queryText(invisible, 100)).toBe("");
    // The 200th UTF-16 unit is the first half of the emoji: the cut falls before it.
    expect(queryText(`${"a".repeat(199)}\u{1f4a9}`, 200)).toBe("a".repeat(199));
    expect(queryText(`${"a".repeat(198)}\u{1f4a9}`, 200)).toBe(`${"a".repeat(198)}\u{1f4a9}`);
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

describe("isVisibleText", () => {
  it("refuses what shows nothing (zero-width spaces and joiners, soft hyphens, byte order marks, direction marks)", () => {
    for (const text of ["FT\u200B7781", "\uFEFFPO-1", "PO\u00AD1", "a\u200Db", "a\u2060b", "1042\u200E", "x\uFE0F"])
      expect(isVisibleText(text), JSON.stringify(text)).toBe(false);
    for (const text of ["FT 7781", "PO-2026/11 №4", "ACH 0210-0002 1234567", "Ø 63 mm", "压力表"])
      expect(isVisibleText(text), JSON.stringify(text)).toBe(true);
  });

  it("keeps a joiner that shapes the letters around it (Persian, Devanagari), and no other", () => {
    // "می‌خواهم" with its ZWNJ, a Persian PO number; क्‍ष with a ZWJ after the virama.
    for (const text of ["PO-\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645-12", "\u0915\u094D\u200D\u0937"])
      expect(isVisibleText(text), JSON.stringify(text)).toBe(true);
    // Between Latin letters, at either end, or beside a digit, it shows nothing.
    for (const text of [
      "AB\u200CCD",
      "\u200C\u0645\u06CC",
      "\u0645\u06CC\u200C",
      "\u0645\u200C12",
      "\u0645\u200C\u200B\u06CC",
    ])
      expect(isVisibleText(text), JSON.stringify(text)).toBe(false);
  });
});
