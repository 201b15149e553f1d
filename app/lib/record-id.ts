import { z } from "zod";
import { ID_TEXT } from "./route-params";

/**
 * A record's id in a form, as the page wrote it: digits, no leading zero ("0x2", "1e0", "02" and
 * "2.0" are no id, though `Number()` reads them as 2). The addresses read theirs so (`idParam`).
 */
export const recordId = z.string().regex(ID_TEXT).transform(Number);
