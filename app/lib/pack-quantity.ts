/** How a product is sold: at least `minOrderQty`, in multiples of `packSize`. */
export type SoldAs = { minOrderQty: number; packSize: number };

/**
 * What is wrong with ordering `quantity` of a product sold in packs with a minimum order, in
 * the buyer's words; undefined when it can be ordered. The cart and a quote's quantity chooser ask here.
 */
export function quantityProblem(quantity: number, { minOrderQty, packSize }: SoldAs) {
  if (quantity < minOrderQty) return `The minimum order is ${minOrderQty}`;
  if (quantity % packSize !== 0) {
    const below = Math.max(minOrderQty, Math.floor(quantity / packSize) * packSize);
    const above = Math.ceil(quantity / packSize) * packSize;
    const options =
      below === above || below < minOrderQty || below % packSize !== 0 ? `${above}` : `${below} or ${above}`;
    return `Sold in packs of ${packSize}: order a multiple of ${packSize}, for example ${options}`;
  }
  return undefined;
}
