import { asc, eq } from "drizzle-orm";
import { categories, type Category } from "../../db/schema";
import { db } from "~/lib/db.server";

export type CategoryNode = Pick<Category, "id" | "slug" | "name" | "description" | "parentId"> & {
  children: CategoryNode[];
};

/** The whole tree, top-level categories first, each with its children in order. */
export function listCategoryTree(): CategoryNode[] {
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

/** A category with its breadcrumb trail, root first. */
export function getCategory({ slug }: { slug: string }) {
  const trail = findNode(listCategoryTree(), slug);
  if (!trail) return undefined;
  return { category: trail[trail.length - 1], trail };
}

export function getCategoryById(id: number) {
  return db.select().from(categories).where(eq(categories.id, id)).get();
}
