import { asc } from "drizzle-orm";
import { specDefinitions, type SpecDefinition } from "~db/schema";
import { db } from "~/lib/db.server";
import type { SpecKind } from "./catalog-filters";

export function listSpecDefinitions(): SpecDefinition[] {
  return db.select().from(specDefinitions).orderBy(asc(specDefinitions.position)).all();
}

export function specKindsByKey(definitions: SpecDefinition[]) {
  return new Map<string, SpecKind>(definitions.map((definition) => [definition.key, definition.kind]));
}
