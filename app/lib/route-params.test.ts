import { describe, expect, it } from "vitest";
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
