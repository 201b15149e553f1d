/** The words of `text` as a search reads them: NFKC, lower case, runs of letters and digits. */
export const wordsOf = (text: string) =>
  text
    .normalize("NFKC")
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];
