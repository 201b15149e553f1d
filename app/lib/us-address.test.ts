import { describe, expect, it } from "vitest";
import { usRegionOf, usStateOf } from "./us-address";

describe("usRegionOf", () => {
  it.each([
    ["1 Main St, Houston, TX 77002", "TX", "77002"],
    ["12 Refinery Road, Baton Rouge, LA 70801, USA", "LA", "70801"],
    ["Accounts payable\nPO Box 4410\nBaton Rouge, LA 70821-4410", "LA", "70821"],
    ["40 Dock Street\nMobile AL 36602\nUnited States", "AL", "36602"],
    ["300 Main St, Salt Lake City, Utah 84101", "UT", "84101"],
    ["5 Pier Rd, Brooklyn, New York 11201.", "NY", "11201"],
    ["9 Capitol St NW, Washington, District of Columbia 20001", "DC", "20001"],
    ["7 Mill Lane, Portland, or 97201", "OR", "97201"],
  ])("finds the state and ZIP code of %j", (address, state, zip) => {
    expect(usRegionOf(address)).toEqual({ state, zip });
  });

  it.each([
    "1 Main St, Houston, TX",
    "Dock 4",
    "1 Evil Street, Nowhere 00000",
    "77002 Main Street, Houston",
    "10 Downing Street, London SW1A 2AA, UK",
    "1 Main St, Houston, ZZ 77002",
    "",
  ])("finds none in %j", (address) => {
    expect(usRegionOf(address)).toBeUndefined();
  });
});

describe("usStateOf", () => {
  it("takes codes and names in any case", () => {
    expect(usStateOf("tx")).toBe("TX");
    expect(usStateOf(" new  hampshire ")).toBe("NH");
    expect(usStateOf("Texas")).toBe("TX");
    expect(usStateOf("Ontario")).toBeUndefined();
  });
});
