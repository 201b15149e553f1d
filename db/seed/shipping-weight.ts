import { kilogramsToWeight } from "../../app/lib/shipping-weight";

/**
 * A seed product's shipping weight: its datasheet weight (the `weight` spec, in kg) in hundredths
 * of a pound, or the weight written on it where the datasheet gives none (gauges, flow meters).
 */
export function seedShippingWeight(product: {
  shippingWeight?: number | null;
  specs: Record<string, number | string | string[]>;
}) {
  const kilograms = product.specs.weight;
  return typeof kilograms === "number" ? kilogramsToWeight(kilograms) : (product.shippingWeight ?? null);
}
