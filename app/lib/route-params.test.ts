import { describe, expect, it } from "vitest";
import { recordId } from "./record-id";
import { idParam } from "./route-params";

describe("idParam", () => {
  it("reads an id as the site writes it, and no other spelling of it", () => {
    expect(idParam("12")).toBe(12);
    expect(idParam("9007199254740991")).toBe(9007199254740991);
    for (const odd of ["0", "012", "0x1", "1e0", "1.0", " 1", "1 ", "+1", "-1", "", "１", "99999999999999999"])
      expect(idParam(odd), odd).toBe(0);
    expect(idParam(undefined)).toBe(0);
  });
});

describe("recordId", () => {
  it("reads a form's id as the page wrote it, and no other spelling of it", () => {
    expect(recordId.safeParse("2").data).toBe(2);
    for (const odd of ["0x2", "1e0", "02", "2.0", " 2", "-2", "0", "99999999999999999", ""])
      expect(recordId.safeParse(odd).success, odd).toBe(false);
  });
});
