/**
 * Text a person typed has no control characters except tab and line breaks; a NUL or an escape
 * in a name or a note comes from a script or a broken client, and would travel on into e-mail.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function isPlainText(text: string) {
  return !CONTROL_CHARACTERS.test(text);
}

export const PLAIN_TEXT_MESSAGE = "Remove the control characters from this text";
