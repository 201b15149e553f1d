/** Back-office passwords: long enough to resist guessing; argon2id does the rest. */
export const MIN_PASSWORD_LENGTH = 12;
