import { asc } from "drizzle-orm";
import { specDefinitions, type SpecDefinition } from "~db/schema";
import { db, preparedOnce } from "~/lib/db.server";
import type { SpecKind } from "./catalog-filters";

const specDefinitionsInOrder = preparedOnce(() =>
  db.select().from(specDefinitions).orderBy(asc(specDefinitions.position), asc(specDefinitions.id)).prepare(),
);

/** The spec vocabulary in its order (position, then id): read by every listing page. */
export function listSpecDefinitions(): SpecDefinition[] {
  return specDefinitionsInOrder().all();
}

export function specKindsByKey(definitions: SpecDefinition[]) {
  return new Map<string, SpecKind>(definitions.map((definition) => [definition.key, definition.kind]));
}
