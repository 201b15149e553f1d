import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { companyAddresses } from "~db/schema";
import { db } from "~/lib/db.server";
import { addColleague, makeCompany, makeCustomer } from "../../tests/support/factories";
import { MAX_ADDRESSES_PER_COMPANY } from "./address-intents";
import {
  addAddress,
  addressBook,
  editAddress,
  makeDefaultAddress,
  removeAddress,
  savedShippingAddress,
  shippingAddressesFor,
  type AddressInput,
} from "./address-book.server";
import { changeMember } from "./company.server";

const plant = (label = "Plant 2 receiving") => ({
  label,
  kind: "shipping" as const,
  address: `${label}\n4100 Ship Channel Rd\nHouston, TX 77015`,
});

function added(admin: { id: number }, input: AddressInput = plant(), makeDefault = false) {
  const result = addAddress(admin, { ...input, makeDefault });
  if (!result.ok) throw new Error(result.message);
  return result.addressId;
}

const rowsOf = (companyId: number) =>
  db.select().from(companyAddresses).where(eq(companyAddresses.companyId, companyId)).all();
const defaults = (companyId: number) =>
  rowsOf(companyId)
    .filter((row) => row.isDefault)
    .map((row) => `${row.kind}:${row.id}`);

describe("who keeps the address book", () => {
  it("lets only a company admin write; every member reads", () => {
    const { admin } = makeCompany();
    const id = added(admin);
    for (const role of ["buyer", "approver"] as const) {
      const colleague = addColleague(admin, role);
      expect(addAddress(colleague, plant("Theirs"))).toMatchObject({ ok: false, status: 403 });
      expect(editAddress(colleague, id, plant("Renamed"))).toMatchObject({ ok: false, status: 403 });
      expect(removeAddress(colleague, id)).toMatchObject({ ok: false, status: 403 });
      expect(makeDefaultAddress(colleague, id)).toMatchObject({ ok: false, status: 403 });
      expect(addressBook(colleague)).toMatchObject({ manages: false, addresses: [{ id, label: "Plant 2 receiving" }] });
    }
    expect(addressBook(admin)).toMatchObject({ manages: true, full: false });
    const outsider = makeCustomer();
    expect(addressBook(outsider)).toBeUndefined();
    expect(addAddress(outsider, plant())).toMatchObject({ ok: false, status: 403 });
  });

  it("reads the role from the database, not from what the session remembers", () => {
    const { admin } = makeCompany();
    const second = addColleague(admin, "company_admin");
    expect(changeMember(admin, second.id, { role: "buyer", spendingLimitCents: null }).ok).toBe(true);
    // `second` still says company_admin, as a session read before the change would.
    expect(addAddress(second, plant())).toMatchObject({ ok: false, status: 403 });
  });
});

describe("defaults", () => {
  it("makes the first address of a kind its default, and keeps one default per company and kind", () => {
    const { admin, companyId } = makeCompany();
    const first = added(admin, plant("Dock A"));
    const second = added(admin, plant("Dock B"));
    const billing = added(admin, { label: "Accounts payable", kind: "billing", address: "PO Box 77, Houston, TX" });
    expect(defaults(companyId).sort()).toEqual([`billing:${billing}`, `shipping:${first}`].sort());

    expect(makeDefaultAddress(admin, second)).toEqual({ ok: true });
    expect(defaults(companyId).sort()).toEqual([`billing:${billing}`, `shipping:${second}`].sort());
    const third = added(admin, plant("Dock C"), true);
    expect(defaults(companyId).sort()).toEqual([`billing:${billing}`, `shipping:${third}`].sort());
    expect(shippingAddressesFor(admin).map((address) => address.id)).toEqual([third, first, second]);

    // Moved to billing, the shipping default is no longer a default anywhere.
    expect(editAddress(admin, third, { ...plant("Dock C"), kind: "billing" })).toEqual({ ok: true });
    expect(defaults(companyId)).toEqual([`billing:${billing}`]);
  });

  it("is held by the database too: a second default of a kind is refused", () => {
    const { admin, companyId } = makeCompany();
    added(admin);
    expect(() =>
      db
        .insert(companyAddresses)
        .values({ companyId, ...plant("Sneaked in"), isDefault: true })
        .run(),
    ).toThrow(/UNIQUE/);
  });

  it("changes nothing when the write fails halfway (one transaction)", () => {
    const { admin, companyId } = makeCompany();
    const first = added(admin);
    // The default is cleared first, then the insert fails: the clearing must not stay.
    expect(() => addAddress(admin, { ...plant(), label: null as unknown as string, makeDefault: true })).toThrow(
      /NOT NULL/,
    );
    expect(defaults(companyId)).toEqual([`shipping:${first}`]);
    expect(rowsOf(companyId)).toHaveLength(1);
  });
});

describe("limits and ownership", () => {
  it(`keeps at most ${MAX_ADDRESSES_PER_COMPANY} addresses per company`, () => {
    const { admin, companyId } = makeCompany();
    for (let i = 0; i < MAX_ADDRESSES_PER_COMPANY; i++) added(admin, plant(`Dock ${i}`));
    expect(addressBook(admin)?.full).toBe(true);
    expect(addAddress(admin, plant("One more"))).toMatchObject({ ok: false, status: 409 });
    expect(rowsOf(companyId)).toHaveLength(MAX_ADDRESSES_PER_COMPANY);
    // Another company is not held by this one's cap.
    expect(addAddress(makeCompany("Other").admin, plant()).ok).toBe(true);
  });

  it("answers 404 for another company's address and changes nothing", () => {
    const ours = makeCompany("Ours");
    const theirs = makeCompany("Theirs");
    const id = added(theirs.admin);
    const before = rowsOf(theirs.companyId);
    expect(editAddress(ours.admin, id, plant("Mine now"))).toMatchObject({ ok: false, status: 404 });
    expect(removeAddress(ours.admin, id)).toMatchObject({ ok: false, status: 404 });
    expect(makeDefaultAddress(ours.admin, id)).toMatchObject({ ok: false, status: 404 });
    expect(rowsOf(theirs.companyId)).toEqual(before);
    expect(savedShippingAddress(ours.admin, id)).toBeUndefined();
    expect(savedShippingAddress(undefined, id)).toBeUndefined();
    expect(savedShippingAddress(theirs.admin, id)).toBe(plant().address);
  });

  it("edits and removes the company's own address", () => {
    const { admin, companyId } = makeCompany();
    const id = added(admin);
    expect(editAddress(admin, id, plant("Plant 3"))).toEqual({ ok: true });
    expect(rowsOf(companyId)[0]).toMatchObject({ label: "Plant 3", isDefault: true });
    expect(removeAddress(admin, id)).toEqual({ ok: true });
    expect(removeAddress(admin, id)).toMatchObject({ ok: false, status: 404 });
    expect(rowsOf(companyId)).toEqual([]);
  });

  it("offers only shipping addresses at checkout", () => {
    const { admin } = makeCompany();
    const billing = added(admin, { label: "Accounts payable", kind: "billing", address: "PO Box 77, Houston, TX" });
    expect(shippingAddressesFor(admin)).toEqual([]);
    expect(savedShippingAddress(admin, billing)).toBeUndefined();
  });
});
