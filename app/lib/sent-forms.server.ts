import { eq } from "drizzle-orm";
import { sentForms } from "~db/schema";
import { db } from "./db.server";

/**
 * Runs `work` (in the caller's write transaction) unless the form sent as `key` did it already: a
 * form sent twice (a double click, a replayed request, a tab reloaded over its POST) does its
 * work once, and the second sending is answered as done. The key is kept only when the work is
 * done (`ok`), so a refused form can be corrected and sent again from the same page.
 */
export function once<R extends { ok: boolean }>(key: string, work: () => R): R | { ok: true; repeated: true } {
  if (db.select({ key: sentForms.key }).from(sentForms).where(eq(sentForms.key, key)).get())
    return { ok: true, repeated: true };
  const result = work();
  if (result.ok) db.insert(sentForms).values({ key }).run();
  return result;
}
