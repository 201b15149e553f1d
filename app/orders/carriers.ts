/**
 * The carriers sales ships with, and each one's public tracking page. Pure and client-safe: the
 * ship form lists them, the server computes the link a shipment keeps.
 */
export const CARRIERS = ["ups", "fedex", "usps", "dhl", "other"] as const;
export type Carrier = (typeof CARRIERS)[number];

export const CARRIER_LABEL: Record<Carrier, string> = {
  ups: "UPS",
  fedex: "FedEx",
  usps: "USPS",
  dhl: "DHL Express",
  other: "Freight or other carrier",
};

/** Tracking pages by carrier; "other" has none, so sales types the link (or leaves it out). */
const TRACKING_PAGE: Record<Exclude<Carrier, "other">, string> = {
  ups: "https://www.ups.com/track?tracknum=",
  fedex: "https://www.fedex.com/fedextrack/?trknbr=",
  usps: "https://tools.usps.com/go/TrackConfirmAction?tLabels=",
  dhl: "https://www.dhl.com/us-en/home/tracking/tracking-express.html?submit=1&tracking-id=",
};

/** The tracking link of a shipment: the carrier's page for the number, or what sales typed for another carrier. */
export function trackingUrlOf(carrier: Carrier, trackingNumber: string, typedUrl?: string | null) {
  if (carrier === "other") return typedUrl || null;
  return `${TRACKING_PAGE[carrier]}${encodeURIComponent(trackingNumber)}`;
}

/** "UPS 1Z999AA10123456784": a shipment's carrier and number in the words of a note or an e-mail. */
export const carrierText = (carrier: Carrier, trackingNumber: string) => `${CARRIER_LABEL[carrier]} ${trackingNumber}`;
