/**
 * Quote and order events record who acted as a key: `buyer:<e-mail>`, `sales:<e-mail>`, or a
 * name for the site itself. People read names: the buyer's from the request or order, a sales
 * user's from users (the e-mail only for a user no longer there).
 */
const SITE_ACTORS: Record<string, string> = {
  system: "IronAxis (automatically)",
  stripe: "Stripe",
  "buyer-return": "the buyer's return from Stripe",
  checkout: "card checkout",
};

export type ActorNames = { buyerName: string; salesNames: ReadonlyMap<string, string> };

export function salesEmailOf(actor: string) {
  return actor.startsWith("sales:") ? actor.slice("sales:".length) : undefined;
}

export function describeActor(actor: string, { buyerName, salesNames }: ActorNames) {
  if (actor.startsWith("buyer:")) return buyerName.trim() || "the buyer";
  const salesEmail = salesEmailOf(actor);
  if (salesEmail !== undefined) return salesNames.get(salesEmail) ?? salesEmail;
  return SITE_ACTORS[actor] ?? actor;
}
