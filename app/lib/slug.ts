/** "Bourdon gauge, 63 mm" → "bourdon-gauge-63-mm". */
export function slugify(text: string) {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 120);
}

/** The form of a part number used to match it: "pg63-ss/16 b" and "PG63SS16B" are the same part. */
export function partNumberKey(partNumber: string) {
  return partNumber.normalize("NFKC").toUpperCase().replace(/[^A-Z0-9]/g, "");
}
