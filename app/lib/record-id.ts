import { z } from "zod";
import { ID_TEXT } from "./route-params";

/**
 * A record's id in a form, as the page wrote it: digits, no leading zero ("0x2", "1e0", "02" and
 * "2.0" are no id, though `Number()` reads them as 2). The addresses read theirs so (`idParam`).
 * `message`: what a person is told when it is a choice of theirs ("Choose a user").
 */
export const recordIdOr = (message?: string) =>
  z
    .string(message ? { error: message } : undefined)
    .regex(ID_TEXT, message ? { error: message } : undefined)
    .transform(Number);

/** An id the page itself put in the form: refused as the form being out of date. */
export const recordId = recordIdOr();
