/**
 * U.S. addresses as buyers type them: free text whose last line names the city, the state and the
 * ZIP code ("Houston, TX 77002", "Houston, Texas 77002-1234, USA"). Sales tax and freight follow
 * the state; the rest of the address is for the carrier and the invoice. Pure and client-safe.
 */

/** The states and the District of Columbia: where we ship, and where resale and exemption certificates come from. */
export const US_STATES = {
  AL: "Alabama",
  AK: "Alaska",
  AZ: "Arizona",
  AR: "Arkansas",
  CA: "California",
  CO: "Colorado",
  CT: "Connecticut",
  DE: "Delaware",
  DC: "District of Columbia",
  FL: "Florida",
  GA: "Georgia",
  HI: "Hawaii",
  ID: "Idaho",
  IL: "Illinois",
  IN: "Indiana",
  IA: "Iowa",
  KS: "Kansas",
  KY: "Kentucky",
  LA: "Louisiana",
  ME: "Maine",
  MD: "Maryland",
  MA: "Massachusetts",
  MI: "Michigan",
  MN: "Minnesota",
  MS: "Mississippi",
  MO: "Missouri",
  MT: "Montana",
  NE: "Nebraska",
  NV: "Nevada",
  NH: "New Hampshire",
  NJ: "New Jersey",
  NM: "New Mexico",
  NY: "New York",
  NC: "North Carolina",
  ND: "North Dakota",
  OH: "Ohio",
  OK: "Oklahoma",
  OR: "Oregon",
  PA: "Pennsylvania",
  RI: "Rhode Island",
  SC: "South Carolina",
  SD: "South Dakota",
  TN: "Tennessee",
  TX: "Texas",
  UT: "Utah",
  VT: "Vermont",
  VA: "Virginia",
  WA: "Washington",
  WV: "West Virginia",
  WI: "Wisconsin",
  WY: "Wyoming",
} as const;
export type UsState = keyof typeof US_STATES;
export const US_STATE_CODES = Object.keys(US_STATES) as [UsState, ...UsState[]];

const STATE_BY_NAME = new Map(
  Object.entries(US_STATES).map(([code, name]) => [name.toLowerCase(), code as UsState] as const),
);

/** A state written as its code or its name, in any case; undefined if it is neither. */
export function usStateOf(written: string): UsState | undefined {
  const typed = written.trim().replace(/\s+/g, " ");
  const code = typed.toUpperCase();
  if (code in US_STATES) return code as UsState;
  return STATE_BY_NAME.get(typed.toLowerCase());
}

/** The state and ZIP code near the end, then an optional country: ", TX 77002", " Texas 77002-1234, USA". */
const REGION_AT_END =
  /(?:^|[\s,])([A-Za-z][A-Za-z .]*?)[\s,]+(\d{5})(?:-\d{4})?(?:[\s,]+(?:USA|U\.S\.A\.|US|U\.S\.|United States(?: of America)?))?[\s.]*$/;

export type UsRegion = { state: UsState; zip: string };

/**
 * Where a typed address is, if its end names a state and a 5-digit ZIP code. The state may be a
 * code or a name, after the city ("Baton Rouge, LA 70801"); a street number is never taken for
 * a ZIP code because the state must come right before it.
 */
export function usRegionOf(address: string): UsRegion | undefined {
  const match = REGION_AT_END.exec(address.trim());
  if (!match) return undefined;
  // The words before the ZIP code end with the state: "Baton Rouge LA", "Salt Lake City Utah", "New York".
  const words = match[1]!.trim().split(/[\s,]+/);
  for (let take = Math.min(4, words.length); take >= 1; take--) {
    const state = usStateOf(words.slice(-take).join(" "));
    if (state) return { state, zip: match[2]! };
  }
  return undefined;
}

/** What a shipping address that names no state and ZIP code is told. */
export const US_REGION_MESSAGE = "End the address with the city, state and ZIP code, like Houston, TX 77002";
