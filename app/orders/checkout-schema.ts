import { z } from "zod";
import { INVISIBLE_MESSAGE, isPlainText, isVisibleText, PLAIN_TEXT_MESSAGE } from "~/lib/plain-text";
import { US_REGION_MESSAGE, usRegionOf } from "~/lib/us-address";

/** `missing`: what to say when the field is not in the form at all (a page older than the field). */
const text = (label: string, max: number, missing?: string) =>
  z
    .string({ error: missing })
    .trim()
    .max(max, { error: `Keep ${label} under ${max} characters` })
    .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE });

/** A purchase order number: the buyer's own reference, printed on the invoice and matched against it. */
export const poNumber = text("the PO number", 100).refine(isVisibleText, { error: INVISIBLE_MESSAGE });

const FULL_SHIPPING_ADDRESS = "Enter the full shipping address";

/**
 * Where an order is shipped and where its invoice goes: the checkout asks for them, and so does
 * accepting a quote. An empty billing address means the shipping address.
 */
export const AddressFields = z.object({
  // Freight and sales tax follow the state, so the address must end with it and the ZIP code.
  shippingAddress: text("the address", 1000, FULL_SHIPPING_ADDRESS)
    .min(10, { error: FULL_SHIPPING_ADDRESS, abort: true })
    .refine((address) => usRegionOf(address) !== undefined, { error: US_REGION_MESSAGE }),
  billingAddress: text("the address", 1000)
    .refine((address) => address.length === 0 || address.length >= 10, {
      error: "Enter the full billing address, or leave it empty to bill to the shipping address",
    })
    .default(""),
});

export type AddressFieldValues = z.infer<typeof AddressFields>;

/** The addresses written on the order: billed at the shipping address unless a billing address is given. */
export const orderAddresses = ({ shippingAddress, billingAddress }: AddressFieldValues) => ({
  shippingAddress,
  billingAddress: billingAddress || shippingAddress,
});

/** The checkout form; the same schema checks the browser's submission on the server. */
export const CheckoutForm = z
  .object({
    company: text("the company name", 200).min(1, { error: "Enter your company name" }),
    contactName: text("your name", 200).min(1, { error: "Enter your name" }),
    email: z
      .string()
      .trim()
      .min(1, { error: "Enter an e-mail address like name@company.com" })
      .max(254, { error: "Enter a shorter e-mail address" })
      .pipe(z.email({ error: "Enter an e-mail address like name@company.com" })),
    ...AddressFields.shape,
    poNumber: poNumber.default(""),
    paymentMethod: z.enum(["card", "invoice"], { error: "Choose how you will pay" }),
    submissionKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/, { error: "The form expired: please send it again" }),
  })
  .refine((form) => form.paymentMethod !== "invoice" || form.poNumber.length > 0, {
    path: ["poNumber"],
    error: "Enter your purchase order number to pay by invoice",
  });

/** The order's buyer from the checkout form. */
export function checkoutBuyer({ submissionKey: _key, paymentMethod: _method, ...buyer }: CheckoutFields) {
  return { ...buyer, ...orderAddresses(buyer) };
}

export type CheckoutFields = z.infer<typeof CheckoutForm>;

/** Field order for the error summary, with the label each error links to. */
