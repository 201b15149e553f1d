import { data, redirect } from "@remix-run/node";
import { constraintsOf, formErrorResult, invalid, parseForm } from "~/lib/forms.server";
import { readForm } from "~/lib/request-body.server";
import { addAddress, addressBook, editAddress, makeDefaultAddress, removeAddress } from "./address-book.server";
import { ADDRESS_INTENT } from "./address-intents";
import { AddressForm } from "./address-schema";
import { companyRoleAllows } from "./company-roles";
import { requireCustomer } from "./customer-session.server";

/** The address book of the signed-in buyer's company: null when they are in none. */
export async function addressBookPageData(request: Request) {
  const customer = await requireCustomer(request);
  return data({ book: addressBook(customer) ?? null, constraints: constraintsOf(AddressForm) });
}

const DONE = {
  [ADDRESS_INTENT.add]: "added",
  [ADDRESS_INTENT.edit]: "saved",
  [ADDRESS_INTENT.remove]: "removed",
  [ADDRESS_INTENT.makeDefault]: "default",
} as const;

/** Every form of the address book page; after a change the page shows what was done (`?done=`). */
export async function addressBookAction(request: Request) {
  const customer = await requireCustomer(request);
  const form = await readForm(request, 16 * 1024);
  const intent = form.get("intent") ?? "";
  // Every form here writes: someone who may not keep the book gets no further (the model checks again).
  if (!companyRoleAllows(customer.companyRole, "manage_addresses"))
    return invalid(formErrorResult({}, "Only a company admin can change the company's addresses.", { intent }), 403);
  const parsed = parseForm(AddressForm, form);
  if (parsed.status === "error") return invalid(parsed, 400);
  const sent = parsed.data;
  const outcome =
    sent.intent === ADDRESS_INTENT.add
      ? addAddress(customer, sent)
      : sent.intent === ADDRESS_INTENT.edit
        ? editAddress(customer, sent.addressId, sent)
        : sent.intent === ADDRESS_INTENT.remove
          ? removeAddress(customer, sent.addressId)
          : makeDefaultAddress(customer, sent.addressId);
  if (!outcome.ok)
    return invalid(formErrorResult(parsed.values, outcome.message, { intent: sent.intent }), outcome.status);
  return redirect(`/account/addresses?done=${DONE[sent.intent]}`);
}
