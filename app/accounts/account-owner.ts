/** Whose account a new quote request or order goes into: the signed-in buyer and their company, or nobody (a guest). */
export type AccountOwner = { customerId: number | null; companyId: number | null };

export const GUEST: AccountOwner = { customerId: null, companyId: null };

export const ownerOf = (customer: { id: number; companyId: number | null } | undefined): AccountOwner =>
  customer ? { customerId: customer.id, companyId: customer.companyId } : GUEST;
