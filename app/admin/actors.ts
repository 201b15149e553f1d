/**
 * Quote and order events record who acted as a key: `buyer:<e-mail>`, `approver:<e-mail>` (a
 * person of the buyer's company deciding an order), `sales:<e-mail>`, or a name for the site
 * itself. People read names: the record's contact's from the request or order (as typed there);
 * another person of the buyer's company (who accepted, approved or left) from their account; a
 * sales user's from users; the e-mail where there is no name.
 */
const SITE_ACTORS: Record<string, string> = {
  system: "IronAxis (automatically)",
  stripe: "Stripe",
  "buyer-return": "the buyer's return from Stripe",
  checkout: "card checkout",
};

export type ActorNames = {
  /** The record's contact: their name and e-mail on the request or order. */
  buyerName: string;
  buyerEmail: string;
  /** Accounts' names by e-mail, of buyers and of sales users. */
  buyerNames: ReadonlyMap<string, string>;
  salesNames: ReadonlyMap<string, string>;
};

export function salesEmailOf(actor: string) {
  return actor.startsWith("sales:") ? actor.slice("sales:".length) : undefined;
}

/** The e-mail of a person of the buyer's company who acted (as buyer or approver). */
export function buyerEmailOf(actor: string) {
  for (const prefix of ["buyer:", "approver:"]) if (actor.startsWith(prefix)) return actor.slice(prefix.length);
  return undefined;
}

export function describeActor(actor: string, { buyerName, buyerEmail, buyerNames, salesNames }: ActorNames) {
  const email = buyerEmailOf(actor);
  if (email !== undefined) {
    if (email.toLowerCase() === buyerEmail.toLowerCase()) return buyerName.trim() || "the buyer";
    return buyerNames.get(email.toLowerCase()) || email;
  }
  const salesEmail = salesEmailOf(actor);
  if (salesEmail !== undefined) return salesNames.get(salesEmail) ?? salesEmail;
  return SITE_ACTORS[actor] ?? actor;
}
