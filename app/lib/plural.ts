/** A count as the site writes it: "1,200". */
export const formatCount = (count: number) => count.toLocaleString("en-US");

/**
 * A count with its noun: "1 line", "3 lines", "0 products", "1,200 units". The singular is for
 * exactly one; give the plural when adding "s" is wrong ("1 box", "2 boxes").
 */
export function plural(count: number, singular: string, pluralNoun = `${singular}s`) {
  return `${formatCount(count)} ${count === 1 ? singular : pluralNoun}`;
}

/** A count estimated from a sample, to two significant digits: "180,000", "4,700", "96". */
export function approximately(count: number) {
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(count, 1))) - 1);
  return formatCount(Math.round(count / unit) * unit);
}
