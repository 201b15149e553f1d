import { describe, expect, it } from "vitest";
import { approximately, plural } from "./plural";

describe("plural", () => {
  it("uses the singular for exactly one and the plural for every other count", () => {
    expect(plural(1, "line")).toBe("1 line");
    expect(plural(0, "line")).toBe("0 lines");
    expect(plural(2, "week")).toBe("2 weeks");
    expect(plural(-1, "day")).toBe("-1 days");
    expect(plural(1.5, "hour")).toBe("1.5 hours");
  });

  it("takes an irregular plural and groups thousands", () => {
    expect(plural(1, "box", "boxes")).toBe("1 box");
    expect(plural(3, "box", "boxes")).toBe("3 boxes");
    expect(plural(1200, "unit")).toBe("1,200 units");
  });
});

describe("approximately", () => {
  it("rounds an estimate to two significant digits", () => {
    expect(approximately(176_637)).toBe("180,000");
    expect(approximately(4_651)).toBe("4,700");
    expect(approximately(96)).toBe("96");
    expect(approximately(7)).toBe("7");
    expect(approximately(0)).toBe("0");
  });
});
