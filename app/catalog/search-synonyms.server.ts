import { asc, eq, sql } from "drizzle-orm";
import { searchSynonyms } from "~db/schema";
import { db } from "~/lib/db.server";

/**
 * The synonym groups search reads (app/catalog/search-vocabulary.server.ts). Every write moves
 * `catalog_version` by trigger, so each process reads them again and cached search pages retire.
 */
export function listSynonymGroups() {
  return db
    .select({ id: searchSynonyms.id, terms: searchSynonyms.terms, updatedAt: searchSynonyms.updatedAt })
    .from(searchSynonyms)
    .orderBy(asc(searchSynonyms.terms))
    .all();
}

export function createSynonymGroup(terms: string) {
  return db.insert(searchSynonyms).values({ terms }).returning({ id: searchSynonyms.id }).get().id;
}

/** False when no such group exists (deleted meanwhile). */
export function updateSynonymGroup(id: number, terms: string) {
  const updated = db
    .update(searchSynonyms)
    .set({ terms, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` })
    .where(eq(searchSynonyms.id, id))
    .run();
  return updated.changes > 0;
}

export function deleteSynonymGroup(id: number) {
  db.delete(searchSynonyms).where(eq(searchSynonyms.id, id)).run();
}
