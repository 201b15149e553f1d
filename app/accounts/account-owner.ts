/** Whose account a new quote request or order goes into: the signed-in buyer and their company, or nobody (a guest). */
export type AccountOwner = { customerId: number | null; companyId: number | null };

export const GUEST: AccountOwner = { customerId: null, companyId: null };

export const ownerOf = (customer: { id: number; companyId: number | null } | undefined): AccountOwner =>
  customer ? { customerId: customer.id, companyId: customer.companyId } : GUEST;

/** What a signed-in buyer's forms start with: their company, name and e-mail (a guest's start empty). */
export const contactPrefill = (
  customer: { email: string; name: string; companyName: string | null } | undefined,
): { company: string; contactName: string; email: string } | undefined =>
  customer ? { company: customer.companyName ?? "", contactName: customer.name, email: customer.email } : undefined;
