/**
 * A count with its noun: "1 line", "3 lines", "0 products", "1,200 units". The singular is for
 * exactly one; give the plural when adding "s" is wrong ("1 box", "2 boxes").
 */
export function plural(count: number, singular: string, pluralNoun = `${singular}s`) {
  return `${count.toLocaleString("en-US")} ${count === 1 ? singular : pluralNoun}`;
}
