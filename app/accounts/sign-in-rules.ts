/** How long an e-mailed sign-in code and link work. */
export const SIGN_IN_CODE_MINUTES = 15;
/** Wrong codes a sign-in takes before it is spent (a new code must be asked for). */
export const SIGN_IN_CODE_ATTEMPTS = 5;
/** Codes one e-mail address may be sent per hour (one client address: SIGN_IN_CODES_PER_HOUR). */
export const SIGN_IN_CODES_PER_EMAIL_PER_HOUR = 5;
/** Wrong codes one client address may type in 15 minutes, over all e-mails. */
export const SIGN_IN_CODE_FAILURES_PER_ADDRESS = 30;

/** A sign-in code as typed: six digits, spaces and dashes allowed between them. */
export function readCode(typed: string) {
  const digits = typed.replace(/[\s-]/g, "");
  return /^\d{6}$/.test(digits) ? digits : undefined;
}
