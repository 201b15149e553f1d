import { describe, expect, it } from "vitest";
import { parseDollars, readDollars } from "./money";

describe("parseDollars", () => {
  it("reads dollars as typed, with or without thousands commas and a dollar sign", () => {
    expect(parseDollars("1,250.50")).toBe(125_050);
    expect(parseDollars("1250.5")).toBe(125_050);
    expect(parseDollars(" $900 ")).toBe(90_000);
    expect(parseDollars("$ 1,000,000.00")).toBe(100_000_000);
    expect(parseDollars("0.07")).toBe(7);
  });

  it("refuses a decimal comma, misplaced groups, spaces inside and more than cents", () => {
    for (const typed of [
      "1,5",
      "12,50",
      "1,25",
      "1 000",
      "1,0000",
      ",500",
      "1,,000",
      "1.005",
      "1.",
      ".5",
      "-5",
      "1e3",
      "",
    ])
      expect(parseDollars(typed), typed).toBeUndefined();
  });

  it("refuses more than the maximum", () => {
    expect(parseDollars("100.00", 99)).toBeUndefined();
    expect(parseDollars("99.00", 99)).toBe(9_900);
  });
});

describe("readDollars", () => {
  it("says why an amount is refused: not one, or over the most", () => {
    expect(readDollars("1,250.50", 200_000, "Not an amount")).toEqual({ cents: 125_050 });
    expect(readDollars("2,000.01", 200_000, "Not an amount")).toEqual({ error: "At most $2,000.00" });
    expect(readDollars("9".repeat(400), 200_000, "Not an amount")).toEqual({ error: "At most $2,000.00" });
    expect(readDollars("12,50", 200_000, "Not an amount")).toEqual({ error: "Not an amount" });
  });
});
