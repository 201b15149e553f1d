/**
 * Freight on list-price orders, from our Houston, TX warehouse (`SELLER`): a zone by the state it
 * ships to and a band by the order's weight. Pure and client-safe; the checkout shows the figure
 * before the buyer commits and the order carries it as a charge line. Quoted orders carry the
 * freight sales sets on the quote instead.
 */
import type { UsState } from "~/lib/us-address";
import { formatWeight } from "~/lib/shipping-weight";

/** Zones by distance from Houston: 1 Texas, 2 its neighbours, 3 the South and Midwest, 4 the rest of the lower 48, 5 Alaska and Hawaii. */
export const FREIGHT_ZONES: Record<1 | 2 | 3 | 4 | 5, readonly UsState[]> = {
  1: ["TX"],
  2: ["LA", "OK", "AR", "NM"],
  3: ["MS", "AL", "TN", "KY", "MO", "KS", "CO", "NE", "IA", "IL", "IN", "GA", "FL", "SC", "NC"],
  4: [
    "AZ",
    "CA",
    "NV",
    "UT",
    "OR",
    "WA",
    "ID",
    "MT",
    "WY",
    "ND",
    "SD",
    "MN",
    "WI",
    "MI",
    "OH",
    "WV",
    "VA",
    "DC",
    "MD",
    "DE",
    "PA",
    "NJ",
    "NY",
    "CT",
    "RI",
    "MA",
    "VT",
    "NH",
    "ME",
  ],
  5: ["AK", "HI"],
};
export type FreightZone = keyof typeof FREIGHT_ZONES;

/**
 * Cents by zone for an order weighing up to `upToLb` (whole pounds, the weight rounded up):
 * parcel up to 150 lb, less-than-truckload above.
 */
export const FREIGHT_BANDS: readonly { upToLb: number; cents: Record<FreightZone, number> }[] = [
  { upToLb: 10, cents: { 1: 1_500, 2: 1_900, 3: 2_400, 4: 2_900, 5: 6_500 } },
  { upToLb: 50, cents: { 1: 3_500, 2: 4_500, 3: 5_500, 4: 6_900, 5: 15_000 } },
  { upToLb: 150, cents: { 1: 7_500, 2: 9_500, 3: 12_000, 4: 15_000, 5: 35_000 } },
  { upToLb: 500, cents: { 1: 18_000, 2: 24_000, 3: 30_000, 4: 38_000, 5: 90_000 } },
  { upToLb: 2_000, cents: { 1: 45_000, 2: 60_000, 3: 78_000, 4: 95_000, 5: 240_000 } },
];

/** Past the last band, each pound more costs this many cents on top of the last band's price. */
export const FREIGHT_CENTS_PER_LB_OVER: Record<FreightZone, number> = { 1: 20, 2: 27, 3: 35, 4: 42, 5: 110 };

/** What a product with no shipping weight on record counts for, per unit: 10 lb (hundredths). */
export const DEFAULT_UNIT_WEIGHT = 1_000;

const ZONE_OF = new Map(
  (Object.entries(FREIGHT_ZONES) as [string, readonly UsState[]][]).flatMap(([zone, states]) =>
    states.map((state) => [state, Number(zone) as FreightZone] as const),
  ),
);

export function freightZoneOf(state: UsState): FreightZone {
  const zone = ZONE_OF.get(state);
  if (zone === undefined) throw new Error(`No freight zone for ${state}`);
  return zone;
}

/** The weight of lines in hundredths of a pound, a line without a weight counting the default per unit. */
export function shippingWeightOf(lines: readonly { quantity: number; shippingWeight: number | null }[]) {
  return lines.reduce((sum, line) => sum + line.quantity * (line.shippingWeight ?? DEFAULT_UNIT_WEIGHT), 0);
}

/** Freight in cents for `weight` (hundredths of a pound) shipped to `state`; nothing to ship costs nothing. */
export function freightCents(weight: number, state: UsState) {
  if (weight <= 0) return 0;
  const zone = freightZoneOf(state);
  const pounds = Math.ceil(weight / 100);
  const band = FREIGHT_BANDS.find((candidate) => pounds <= candidate.upToLb);
  if (band) return band.cents[zone];
  const last = FREIGHT_BANDS[FREIGHT_BANDS.length - 1]!;
  return last.cents[zone] + (pounds - last.upToLb) * FREIGHT_CENTS_PER_LB_OVER[zone];
}

/** The freight line's name on the order: "Freight, 85 lb to TX". */
export const freightLineName = (weight: number, state: UsState) => `Freight, ${formatWeight(weight)} to ${state}`;
