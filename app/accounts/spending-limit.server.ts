import { and, eq, ne } from "drizzle-orm";
import { companies, customers, outboxEmails } from "~db/schema";
import { db } from "~/lib/db.server";
import type { AccountOwner } from "./account-owner";
import { approvalRequestEmail } from "./company-emails.server";
import { companyRoleAllows, withinSpendingLimit } from "./company-roles";

/**
 * Whether a new order of `totalCents` for `owner` must wait for an approver of their company:
 * a company's order over the spending limit of the person it is for (or for someone no longer in
 * the company). Orders outside a company never wait. Inside the transaction that places it.
 */
export function needsApproval(owner: AccountOwner, totalCents: number) {
  if (owner.companyId === null) return false;
  const person =
    owner.customerId === null
      ? undefined
      : db
          .select({ companyRole: customers.companyRole, spendingLimitCents: customers.spendingLimitCents })
          .from(customers)
          .where(and(eq(customers.id, owner.customerId), eq(customers.companyId, owner.companyId)))
          .get();
  return !withinSpendingLimit(person ?? { companyRole: null, spendingLimitCents: null }, totalCents);
}

/**
 * E-mails every approver and company admin of the order's company, but not the person the order is
 * for (nobody approves their own order), in the caller's transaction. Returns how many were told.
 */
export function queueApprovalRequests(
  owner: AccountOwner & { companyId: number },
  order: { reference: string; totalCents: number; contactName: string; email: string },
) {
  const company = db.select({ name: companies.name }).from(companies).where(eq(companies.id, owner.companyId)).get();
  const people = db
    .select({ email: customers.email, companyRole: customers.companyRole })
    .from(customers)
    .where(and(eq(customers.companyId, owner.companyId), ne(customers.id, owner.customerId ?? 0)))
    .all();
  const buyer = owner.customerId
    ? db
        .select({ spendingLimitCents: customers.spendingLimitCents })
        .from(customers)
        .where(eq(customers.id, owner.customerId))
        .get()
    : undefined;
  const approvers = people.filter((person) => companyRoleAllows(person.companyRole, "approve"));
  for (const approver of approvers)
    db.insert(outboxEmails)
      .values(
        approvalRequestEmail({
          to: approver.email,
          companyName: company?.name ?? "your company",
          buyer: order.contactName ? `${order.contactName} (${order.email})` : order.email,
          reference: order.reference,
          totalCents: order.totalCents,
          spendingLimitCents: buyer?.spendingLimitCents ?? null,
        }),
      )
      .run();
  return approvers.length;
}
