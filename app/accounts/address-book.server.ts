import { and, asc, count, desc, eq } from "drizzle-orm";
import { companyAddresses, type AddressKind } from "~db/schema";
import { db, writeTransaction } from "~/lib/db.server";
import { MAX_ADDRESSES_PER_COMPANY } from "./address-intents";
import { companyRoleAllows } from "./company-roles";
import { currentPerson, refuse, type CompanyRefusal } from "./company.server";

type Done<T = object> = { ok: true } & T;

export type AddressInput = { label: string; kind: AddressKind; address: string };
export type CompanyAddress = Pick<
  typeof companyAddresses.$inferSelect,
  "id" | "label" | "kind" | "address" | "isDefault"
>;

const NOT_ALLOWED = "Only a company admin can change the company's addresses.";
const NO_SUCH_ADDRESS = "That address is not in your company's address book: it may have been removed meanwhile.";

/** The signed-in person as stored now, when they may keep the address book. Inside a transaction. */
function currentManager(customerId: number) {
  const me = currentPerson(customerId);
  if (!me?.companyId || !companyRoleAllows(me.companyRole, "manage_addresses")) return undefined;
  return { ...me, companyId: me.companyId };
}

/** A company's addresses, default first within each kind, then by name (sales reads them too). */
export function addressesOf(companyId: number, kind?: AddressKind): CompanyAddress[] {
  return db
    .select({
      id: companyAddresses.id,
      label: companyAddresses.label,
      kind: companyAddresses.kind,
      address: companyAddresses.address,
      isDefault: companyAddresses.isDefault,
    })
    .from(companyAddresses)
    .where(and(eq(companyAddresses.companyId, companyId), kind ? eq(companyAddresses.kind, kind) : undefined))
    .orderBy(
      asc(companyAddresses.kind),
      desc(companyAddresses.isDefault),
      asc(companyAddresses.label),
      asc(companyAddresses.id),
    )
    .all();
}

/** One address, only when it belongs to `companyId`: another company's is as good as missing. */
function ownAddress(companyId: number, addressId: number) {
  return db
    .select({ id: companyAddresses.id, kind: companyAddresses.kind, isDefault: companyAddresses.isDefault })
    .from(companyAddresses)
    .where(and(eq(companyAddresses.id, addressId), eq(companyAddresses.companyId, companyId)))
    .get();
}

/** No address of this kind is the default any more (before another one becomes it). */
function clearDefault(companyId: number, kind: AddressKind) {
  db.update(companyAddresses)
    .set({ isDefault: false })
    .where(
      and(
        eq(companyAddresses.companyId, companyId),
        eq(companyAddresses.kind, kind),
        eq(companyAddresses.isDefault, true),
      ),
    )
    .run();
}

/**
 * The address book page of a signed-in person: every member reads it, only those who may keep
 * it get the forms. Undefined outside a company.
 */
export function addressBook(customer: { id: number }) {
  const me = currentPerson(customer.id);
  if (!me?.companyId) return undefined;
  return {
    addresses: addressesOf(me.companyId),
    manages: companyRoleAllows(me.companyRole, "manage_addresses"),
    full: addressCount(me.companyId) >= MAX_ADDRESSES_PER_COMPANY,
  };
}

function addressCount(companyId: number) {
  return db.select({ n: count() }).from(companyAddresses).where(eq(companyAddresses.companyId, companyId)).get()!.n;
}

/**
 * A company admin adds an address. The first of its kind becomes the default, as does one added
 * with `makeDefault`; the company keeps at most MAX_ADDRESSES_PER_COMPANY.
 */
export function addAddress(
  admin: { id: number },
  input: AddressInput & { makeDefault?: boolean },
  now = new Date(),
): Done<{ addressId: number }> | CompanyRefusal {
  return writeTransaction(() => {
    const me = currentManager(admin.id);
    if (!me) return refuse(403, NOT_ALLOWED);
    if (addressCount(me.companyId) >= MAX_ADDRESSES_PER_COMPANY)
      return refuse(
        409,
        `Your company keeps ${MAX_ADDRESSES_PER_COMPANY} addresses, the most it may: remove one you no longer use first.`,
      );
    const isDefault = Boolean(input.makeDefault) || addressesOf(me.companyId, input.kind).length === 0;
    if (isDefault) clearDefault(me.companyId, input.kind);
    const stamp = now.toISOString();
    const { addressId } = db
      .insert(companyAddresses)
      .values({
        companyId: me.companyId,
        label: input.label,
        kind: input.kind,
        address: input.address,
        isDefault,
        createdAt: stamp,
        updatedAt: stamp,
      })
      .returning({ addressId: companyAddresses.id })
      .get();
    return { ok: true, addressId };
  });
}

/**
 * A company admin changes an address. Moved to the other kind it is no longer a default there
 * (that kind may have its own); it stays the default of its kind otherwise.
 */
export function editAddress(
  admin: { id: number },
  addressId: number,
  input: AddressInput,
  now = new Date(),
): Done | CompanyRefusal {
  return writeTransaction(() => {
    const me = currentManager(admin.id);
    if (!me) return refuse(403, NOT_ALLOWED);
    const address = ownAddress(me.companyId, addressId);
    if (!address) return refuse(404, NO_SUCH_ADDRESS);
    db.update(companyAddresses)
      .set({
        label: input.label,
        kind: input.kind,
        address: input.address,
        isDefault: address.isDefault && address.kind === input.kind,
        updatedAt: now.toISOString(),
      })
      .where(and(eq(companyAddresses.id, address.id), eq(companyAddresses.companyId, me.companyId)))
      .run();
    return { ok: true };
  });
}

/** A company admin removes an address; orders keep the copy they were sent with. */
export function removeAddress(admin: { id: number }, addressId: number): Done | CompanyRefusal {
  return writeTransaction(() => {
    const me = currentManager(admin.id);
    if (!me) return refuse(403, NOT_ALLOWED);
    const deleted = db
      .delete(companyAddresses)
      .where(and(eq(companyAddresses.id, addressId), eq(companyAddresses.companyId, me.companyId)))
      .run();
    return deleted.changes === 1 ? { ok: true } : refuse(404, NO_SUCH_ADDRESS);
  });
}

/** A company admin makes an address the default of its kind, in place of the one before. */
export function makeDefaultAddress(admin: { id: number }, addressId: number, now = new Date()): Done | CompanyRefusal {
  return writeTransaction(() => {
    const me = currentManager(admin.id);
    if (!me) return refuse(403, NOT_ALLOWED);
    const address = ownAddress(me.companyId, addressId);
    if (!address) return refuse(404, NO_SUCH_ADDRESS);
    if (address.isDefault) return { ok: true };
    clearDefault(me.companyId, address.kind);
    db.update(companyAddresses)
      .set({ isDefault: true, updatedAt: now.toISOString() })
      .where(eq(companyAddresses.id, address.id))
      .run();
    return { ok: true };
  });
}

/** The shipping addresses checkout offers a signed-in buyer: their company's, default first. */
export function shippingAddressesFor(customer: { id: number }) {
  const me = currentPerson(customer.id);
  return me?.companyId ? addressesOf(me.companyId, "shipping") : [];
}

/** The billing address checkout starts from: the company's default one (else its first), or null. */
export function defaultBillingAddressFor(customer: { id: number }) {
  const me = currentPerson(customer.id);
  return me?.companyId ? (addressesOf(me.companyId, "billing")[0]?.address ?? null) : null;
}

/**
 * The text of a saved shipping address a buyer chose at checkout, read from the company they are
 * in now; undefined for any id that is not one of its shipping addresses.
 */
export function savedShippingAddress(customer: { id: number } | undefined, addressId: number) {
  const me = customer && currentPerson(customer.id);
  if (!me?.companyId) return undefined;
  return db
    .select({ address: companyAddresses.address })
    .from(companyAddresses)
    .where(
      and(
        eq(companyAddresses.id, addressId),
        eq(companyAddresses.companyId, me.companyId),
        eq(companyAddresses.kind, "shipping"),
      ),
    )
    .get()?.address;
}
