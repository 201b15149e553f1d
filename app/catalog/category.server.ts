import { and, asc, count, eq, isNull, ne, sql } from "drizzle-orm";
import { categories, products, type Category } from "~db/schema";
import { db, sqlite } from "~/lib/db.server";
import { readContentVersions } from "~/lib/content-version.server";
import { plural } from "~/lib/plural";

export type CategoryNode = Pick<Category, "id" | "slug" | "name" | "description" | "parentId"> & {
  children: CategoryNode[];
};

let cachedTree: { version: number; roots: CategoryNode[] } | undefined;

/**
 * The whole tree, top-level categories first, each with its children in order. Every page's
 * navigation needs it, so it is kept per catalog version (shared: callers must not change it).
 * Inside a transaction it is read afresh, since a version seen there may yet be rolled back.
 */
export function listCategoryTree(): CategoryNode[] {
  if (sqlite.inTransaction) return readCategoryTree();
  const version = readContentVersions().catalog;
  if (cachedTree?.version !== version) cachedTree = { version, roots: readCategoryTree() };
  return cachedTree.roots;
}

function readCategoryTree(): CategoryNode[] {
  const rows = db
    .select({
      id: categories.id,
      slug: categories.slug,
      name: categories.name,
      description: categories.description,
      parentId: categories.parentId,
    })
    .from(categories)
    .orderBy(asc(categories.position), asc(categories.name))
    .all();
  const nodes = new Map(rows.map((row) => [row.id, { ...row, children: [] as CategoryNode[] }]));
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

function findNode(nodes: CategoryNode[], slug: string, trail: CategoryNode[] = []): CategoryNode[] | undefined {
  for (const node of nodes) {
    if (node.slug === slug) return [...trail, node];
    const found = findNode(node.children, slug, [...trail, node]);
    if (found) return found;
  }
  return undefined;
}

const ancestries = new WeakMap<CategoryNode[], Map<string, number[]>>();

/**
 * Each category's id followed by its parents' ids, nearest first, by slug: from the cached tree
 * (read once per call), so pricing a page of products costs no query per product.
 */
export function categoryAncestries(): (slug: string) => number[] {
  const roots = listCategoryTree();
  let bySlug = ancestries.get(roots);
  if (!bySlug) {
    const map = new Map<string, number[]>();
    const walk = (nodes: CategoryNode[], parents: number[]) => {
      for (const node of nodes) {
        const chain = [node.id, ...parents];
        map.set(node.slug, chain);
        walk(node.children, chain);
      }
    };
    walk(roots, []);
    ancestries.set(roots, (bySlug = map));
  }
  const found = bySlug;
  return (slug) => found.get(slug) ?? [];
}

/** A category with its breadcrumb trail, root first. */
export function getCategory({ slug }: { slug: string }) {
  const trail = findNode(listCategoryTree(), slug);
  if (!trail) return undefined;
  return { category: trail[trail.length - 1], trail };
}

export function getCategoryById(id: number) {
  return db.select().from(categories).where(eq(categories.id, id)).get();
}

export type AdminCategoryNode = Omit<CategoryNode, "children"> & {
  productCount: number;
  children: AdminCategoryNode[];
};

/** The tree with each category's own product count, for the back office. */
export function listCategoriesForAdmin(): AdminCategoryNode[] {
  const counts = new Map(
    db
      .select({ categoryId: products.categoryId, n: count() })
      .from(products)
      .groupBy(products.categoryId)
      .all()
      .map((row) => [row.categoryId, row.n]),
  );
  const withCounts = (nodes: CategoryNode[]): AdminCategoryNode[] =>
    nodes.map((node) => ({ ...node, productCount: counts.get(node.id) ?? 0, children: withCounts(node.children) }));
  return withCounts(listCategoryTree());
}

/** Ids of a category and everything below it: where it may not be moved to. */
export function categorySubtreeIds(id: number): Set<number> {
  const rows = db.select({ id: categories.id, parentId: categories.parentId }).from(categories).all();
  const ids = new Set([id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const row of rows) {
      if (row.parentId !== null && ids.has(row.parentId) && !ids.has(row.id)) {
        ids.add(row.id);
        grew = true;
      }
    }
  }
  return ids;
}

const siblingsOf = (parentId: number | null) =>
  parentId === null ? isNull(categories.parentId) : eq(categories.parentId, parentId);

/** Numbers the children of `parentId` 0, 1, 2 … in the given order (or their current order). */
function renumberSiblings(parentId: number | null, order?: number[]) {
  const ids =
    order ??
    db
      .select({ id: categories.id })
      .from(categories)
      .where(siblingsOf(parentId))
      .orderBy(asc(categories.position), asc(categories.name))
      .all()
      .map((r) => r.id);
  ids.forEach((id, position) =>
    db
      .update(categories)
      .set({ position })
      .where(and(eq(categories.id, id), ne(categories.position, position)))
      .run(),
  );
}

export type CategoryWrite = { name: string; slug: string; description: string; parentId: number | null };

/** Field errors for a slug taken or a parent that does not exist or lies below the category. */
export function categoryConflicts(input: CategoryWrite, id?: number) {
  const errors: Record<string, string> = {};
  const sameSlug = db
    .select({ id: categories.id, name: categories.name })
    .from(categories)
    .where(eq(categories.slug, input.slug))
    .get();
  if (sameSlug && sameSlug.id !== id) errors.slug = `Slug already used by ${sameSlug.name}`;
  if (input.parentId !== null) {
    if (!getCategoryById(input.parentId)) errors.parentId = "That parent category no longer exists";
    else if (id && categorySubtreeIds(id).has(input.parentId))
      errors.parentId = "A category cannot move under itself or one of its sub-categories";
  }
  return errors;
}

/** Adds a category at the end of its parent's list; in the caller's transaction. */
export function createCategory(input: CategoryWrite) {
  const [{ last }] = db
    .select({ last: sql<number>`coalesce(max(${categories.position}), -1)` })
    .from(categories)
    .where(siblingsOf(input.parentId))
    .all();
  return db
    .insert(categories)
    .values({ ...input, position: last + 1 })
    .returning({ id: categories.id })
    .get().id;
}

/** Renames, describes or moves a category (to the end of its new parent's list); in the caller's transaction. */
export function updateCategory(id: number, input: Omit<CategoryWrite, "slug">) {
  const current = getCategoryById(id);
  if (!current) return false;
  const moved = current.parentId !== input.parentId;
  db.update(categories)
    .set({
      name: input.name,
      description: input.description,
      parentId: input.parentId,
      updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`,
      ...(moved && { position: 1_000_000 }),
    })
    .where(eq(categories.id, id))
    .run();
  if (moved) {
    renumberSiblings(current.parentId);
    renumberSiblings(input.parentId);
  }
  return true;
}

/** Moves a category one place up or down among its siblings. */
export function moveCategory(id: number, direction: "up" | "down") {
  const current = getCategoryById(id);
  if (!current) return false;
  const order = db
    .select({ id: categories.id })
    .from(categories)
    .where(siblingsOf(current.parentId))
    .orderBy(asc(categories.position), asc(categories.name))
    .all()
    .map((r) => r.id);
  const at = order.indexOf(id);
  const to = direction === "up" ? at - 1 : at + 1;
  if (to < 0 || to >= order.length) return false;
  [order[at], order[to]] = [order[to], order[at]];
  renumberSiblings(current.parentId, order);
  return true;
}

/** Deletes an empty category; one with products or sub-categories is refused with the reason. */
export function deleteCategory(id: number): { ok: true } | { ok: false; reason: string } {
  const current = getCategoryById(id);
  if (!current) return { ok: false, reason: "That category no longer exists." };
  const productCount = db.select({ n: count() }).from(products).where(eq(products.categoryId, id)).get()!.n;
  const childCount = db.select({ n: count() }).from(categories).where(eq(categories.parentId, id)).get()!.n;
  if (productCount || childCount) {
    const parts = [
      productCount && plural(productCount, "product"),
      childCount && plural(childCount, "sub-category", "sub-categories"),
    ].filter(Boolean);
    return {
      ok: false,
      reason: `“${current.name}” still has ${parts.join(" and ")}; move or archive them first. Archived products count too.`,
    };
  }
  db.delete(categories).where(eq(categories.id, id)).run();
  renumberSiblings(current.parentId);
  return { ok: true };
}
