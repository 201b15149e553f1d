/** An id as the site writes it: digits, the first not 0, at most 16 of them. */
export const ID_TEXT = /^[1-9]\d{0,15}$/;

/**
 * A record's id as an address has it: digits as the site writes them ("12", never "012", "0x1",
 * "1e0" or "1.0", which `Number()` would read as ids too), else 0, which no record has. One
 * address per record.
 */
export const idParam = (value: string | undefined) => (value && ID_TEXT.test(value) ? Number(value) : 0);
