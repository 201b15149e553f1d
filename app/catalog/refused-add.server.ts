import { listProductsByIds } from "./product.server";

/** A refused add's values with its product's name and part number, for the page it lands on (`refusedProductOf`). */
export function namingRefusedProduct(values: Record<string, string>) {
  const [product] = listProductsByIds([Number(values.productId)].filter((id) => Number.isSafeInteger(id) && id > 0));
  return product ? { ...values, productName: product.name, partNumber: product.partNumber } : values;
}
