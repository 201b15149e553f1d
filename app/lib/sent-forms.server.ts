import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { sentForms } from "~db/schema";
import { db } from "./db.server";

/**
 * Thrown by `once` when its key did its work already with other values: the form was sent again
 * from the same page after being changed (Back, a new amount, send). Nothing of this sending is
 * done; the page says so at the form and keeps what was typed.
 */
export class SentWithOtherValues extends Error {
  constructor() {
    super("This form was sent from this page already, with other values.");
  }
}

/** What a form sent again with other values is told (`SentWithOtherValues`). */
export const SENT_WITH_OTHER_VALUES =
  "This form was sent from this page already, with other values, and what it did is shown on the page. Nothing was recorded from this sending: check the page, then send it again if it is still needed.";

/** A form's values as one string, the same whatever the order of its fields. */
const fingerprintOf = (values: Record<string, unknown>) =>
  crypto
    .createHash("sha256")
    .update(JSON.stringify(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))))
    .digest("base64url");

/**
 * Runs `work` (in the caller's write transaction) unless the form sent as `key` did it already: a
 * form sent twice (a double click, a replayed request, a tab reloaded over its POST) does its
 * work once, and the second sending is answered as done. Sent again with other `values` (the form
 * changed after Back), it throws `SentWithOtherValues`, so what was typed is not taken as done.
 * The key is kept only when the work is done (`ok`), so a refused form can be corrected and sent
 * again from the same page.
 */
export function once<R extends { ok: boolean }>(
  key: string,
  values: Record<string, unknown>,
  work: () => R,
): R | { ok: true; repeated: true } {
  const fingerprint = fingerprintOf(values);
  const sent = db.select({ fingerprint: sentForms.fingerprint }).from(sentForms).where(eq(sentForms.key, key)).get();
  // Keys kept before fingerprints were have none: answered as done, as they were.
  if (sent) {
    if (sent.fingerprint !== null && sent.fingerprint !== fingerprint) throw new SentWithOtherValues();
    return { ok: true, repeated: true };
  }
  const result = work();
  if (result.ok) db.insert(sentForms).values({ key, fingerprint }).run();
  return result;
}
