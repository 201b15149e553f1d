import { describe, expect, it } from "vitest";
import { extractQuantities } from "./search-units";

const written = (typed: string) =>
  extractQuantities(typed).quantities.map(({ numberWords, unitWords }) => ({ numberWords, unitWords }));

describe("extractQuantities", () => {
  it("reads a quantity with every way the catalog may write its unit, the typed one first", () => {
    const inch = [["in"], ["inch"], ["inches"]];
    expect(written('1/2"')).toEqual([
      {
        numberWords: [
          ["1", "2"],
          ["0", "5"],
        ],
        unitWords: inch,
      },
    ]);
    expect(written("0.75 in")).toEqual([
      {
        numberWords: [
          ["0", "75"],
          ["3", "4"],
        ],
        unitWords: inch,
      },
    ]);
    expect(written("12 Inches")).toEqual([{ numberWords: [["12"]], unitWords: [["inches"], ["in"], ["inch"]] }]);
    expect(written("4-20mA")).toEqual([{ numberWords: [["4", "20"]], unitWords: [["ma"]] }]);
    expect(written("50 %")).toEqual([{ numberWords: [["50"]], unitWords: [[]] }]);
  });

  it("keeps alternating and direct current apart, as a buyer means them", () => {
    expect(written("24 VDC")).toEqual([{ numberWords: [["24"]], unitWords: [["vdc"]] }]);
    expect(written("230 V")).toEqual([{ numberWords: [["230"]], unitWords: [["v"], ["volt"], ["volts"]] }]);
  });
});
