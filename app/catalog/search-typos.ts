/**
 * Edit distance with adjacent transpositions ("compresor", "hydralic", "presure"), stopping as
 * soon as it must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current[j] = value;
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

/**
 * The title index's terms a misspelling may be corrected to, as SQL over `products_title_vocab`:
 * letters only, three or more (codes are not corrected).
 */
export const CORRECTABLE_TERM_SQL = "length(term) >= 3 AND term NOT GLOB '*[0-9]*'";

/** How far a word may be from the one meant: one edit for 4–7 letters, two for 8 or more. */
export const allowedEdits = (word: string) => (word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0);

/**
 * The catalog word nearest to a misspelt one, within its allowed edits: the fewest edits, then
 * the word more products use, then alphabetical.
 */
export function nearestWord(
  word: string,
  vocabulary: { words: () => Map<number, { word: string; products: number }[]> },
) {
  const max = allowedEdits(word);
  if (max === 0) return undefined;
  const byLength = vocabulary.words();
  let best: { word: string; products: number; distance: number } | undefined;
  for (let length = word.length - max; length <= word.length + max; length++) {
    for (const candidate of byLength.get(length) ?? []) {
      const distance = editDistance(word, candidate.word, max);
      if (distance > max || distance === 0) continue;
      if (
        !best ||
        distance < best.distance ||
        (distance === best.distance &&
          (candidate.products > best.products || (candidate.products === best.products && candidate.word < best.word)))
      )
        best = { ...candidate, distance };
    }
  }
  return best?.word;
}
