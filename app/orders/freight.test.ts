import { describe, expect, it } from "vitest";
import { US_STATE_CODES } from "~/lib/us-address";
import {
  DEFAULT_UNIT_WEIGHT,
  FREIGHT_BANDS,
  FREIGHT_ZONES,
  freightCents,
  freightLineName,
  freightZoneOf,
  shippingWeightOf,
} from "./freight";

describe("freight zones", () => {
  it("put every state and DC in exactly one zone, Texas alone in the first", () => {
    const zoned = Object.values(FREIGHT_ZONES).flat();
    expect([...zoned].sort()).toEqual([...US_STATE_CODES].sort());
    expect(FREIGHT_ZONES[1]).toEqual(["TX"]);
    expect(freightZoneOf("LA")).toBe(2);
    expect(freightZoneOf("NY")).toBe(4);
    expect(freightZoneOf("HI")).toBe(5);
  });
});

describe("freightCents", () => {
  it("reads the band the weight, rounded up to the pound, falls in", () => {
    expect(freightCents(1_000, "TX")).toBe(1_500); // 10 lb: the first band's last pound
    expect(freightCents(1_001, "TX")).toBe(3_500); // 10.01 lb counts 11
    expect(freightCents(8_500, "TX")).toBe(7_500); // 85 lb
    expect(freightCents(8_500, "CA")).toBe(15_000);
    expect(freightCents(200_000, "AK")).toBe(240_000); // 2,000 lb: the last band
  });

  it("charges heavy orders past the last band per pound over it", () => {
    expect(freightCents(200_100, "TX")).toBe(45_000 + 20);
    expect(freightCents(500_000, "NY")).toBe(95_000 + 3_000 * 42);
  });

  it("costs nothing for nothing to ship, and never less for more weight", () => {
    expect(freightCents(0, "TX")).toBe(0);
    for (const state of ["TX", "OK", "GA", "WA", "HI"] as const) {
      let previous = 0;
      for (let weight = 1; weight <= 300_000; weight += 997) {
        const cents = freightCents(weight, state);
        expect(cents).toBeGreaterThanOrEqual(previous);
        previous = cents;
      }
    }
  });

  it("costs more the farther the zone, in every band", () => {
    for (const band of FREIGHT_BANDS) {
      const prices = [1, 2, 3, 4, 5].map((zone) => band.cents[zone as 1 | 2 | 3 | 4 | 5]);
      expect(prices).toEqual([...prices].sort((a, b) => a - b));
    }
  });
});

describe("shippingWeightOf", () => {
  it("adds each line's units, a product without a weight counting the default", () => {
    expect(shippingWeightOf([{ quantity: 2, shippingWeight: 1_250 }])).toBe(2_500);
    expect(
      shippingWeightOf([
        { quantity: 3, shippingWeight: 2_500 },
        { quantity: 1, shippingWeight: null },
      ]),
    ).toBe(7_500 + DEFAULT_UNIT_WEIGHT);
  });

  it("names the freight line with the weight and the state", () => {
    expect(freightLineName(8_500, "TX")).toBe("Freight, 85 lb to TX");
    expect(freightLineName(1_250, "LA")).toBe("Freight, 12.5 lb to LA");
  });
});
