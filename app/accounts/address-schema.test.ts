import { describe, expect, it } from "vitest";
import { parseForm } from "~/lib/forms.server";
import { US_REGION_MESSAGE } from "~/lib/us-address";
import { ADDRESS_INTENT } from "./address-intents";
import { AddressForm } from "./address-schema";

const added = (kind: string, address: string) => {
  const parsed = parseForm(
    AddressForm,
    new URLSearchParams({ intent: ADDRESS_INTENT.add, label: "Plant 2", kind, address }),
  );
  return parsed.status === "error" ? parsed.fieldErrors : parsed.data;
};

describe("an address book's address", () => {
  it("ships only to an address checkout takes: it ends with the city, state and ZIP code", () => {
    expect(added("shipping", "Just a street")).toEqual({ address: US_REGION_MESSAGE });
    expect(added("shipping", "12 Refinery Road\nBaton Rouge, LA 70801")).toMatchObject({
      kind: "shipping",
      address: "12 Refinery Road\nBaton Rouge, LA 70801",
    });
  });

  it("bills anywhere, and is refused when too short either way", () => {
    expect(added("billing", "Accounts payable, Hauptstrasse 5, 80331 München")).toMatchObject({ kind: "billing" });
    expect(added("billing", "Dock 4")).toEqual({ address: "Enter the full address: street, city, ZIP code" });
  });

  it("is checked the same way when edited", () => {
    const edited = parseForm(
      AddressForm,
      new URLSearchParams({
        intent: ADDRESS_INTENT.edit,
        addressId: "3",
        label: "Plant 2",
        kind: "shipping",
        address: "Just a street",
      }),
    );
    expect(edited.status === "error" && edited.fieldErrors).toEqual({ address: US_REGION_MESSAGE });
  });
});
