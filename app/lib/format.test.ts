import { describe, expect, it } from "vitest";
import { formatMoney } from "./money";
import { partNumberKey, slugify } from "./slug";
import { formatLeadTime, formatSpecValue } from "~/catalog/units";

describe("formatting", () => {
  it("formats integer cents as US dollars", () => {
    expect(formatMoney(0)).toBe("$0.00");
    expect(formatMoney(4_999)).toBe("$49.99");
    expect(formatMoney(12_345_678)).toBe("$123,456.78");
  });

  it("formats spec values with their units", () => {
    expect(formatSpecValue(7.5, "kW")).toBe("7.5 kW");
    expect(formatSpecValue(1200, "L")).toBe("1,200 L");
    expect(formatSpecValue(0.25, "%")).toBe("0.25%");
    expect(formatSpecValue("316 stainless steel", null)).toBe("316 stainless steel");
    expect(formatSpecValue(2.123456, "bar")).toBe("2.123 bar");
  });

  it("describes lead times in days, then weeks", () => {
    expect(formatLeadTime(1)).toBe("Ships in 1 day");
    expect(formatLeadTime(5)).toBe("Ships in 5 days");
    expect(formatLeadTime(42)).toBe("Lead time 6 weeks");
  });

  it("normalises part numbers and slugs", () => {
    expect(partNumberKey(" pg63-ss/16 b ")).toBe("PG63SS16B");
    expect(slugify("Bourdon gauge, 63 mm — 316L")).toBe("bourdon-gauge-63-mm-316l");
  });
});
