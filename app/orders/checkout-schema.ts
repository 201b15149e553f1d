import { z } from "zod";
import { US_REGION_MESSAGE, usRegionOf } from "~/lib/us-address";

const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Keep ${label} under ${max} characters` });

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
    // Freight and sales tax follow the state, so the address must end with it and the ZIP code.
    shippingAddress: text("the address", 1000)
      .min(10, { error: "Enter the full shipping address", abort: true })
      .refine((address) => usRegionOf(address) !== undefined, { error: US_REGION_MESSAGE }),
    /** Empty: bill to the shipping address. */
    billingAddress: text("the address", 1000).default(""),
    poNumber: text("the PO number", 100).default(""),
    paymentMethod: z.enum(["card", "invoice"], { error: "Choose how you will pay" }),
    submissionKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/, { error: "The form expired: please send it again" }),
  })
  .refine((form) => form.paymentMethod !== "invoice" || form.poNumber.length > 0, {
    path: ["poNumber"],
    error: "Enter your purchase order number to pay by invoice",
  })
  .refine((form) => form.billingAddress.length === 0 || form.billingAddress.length >= 10, {
    path: ["billingAddress"],
    error: "Enter the full billing address, or leave it empty to bill to the shipping address",
  });

/** The order's buyer from the checkout form: billed at the shipping address unless a billing address is given. */
export function checkoutBuyer({
  billingAddress,
  submissionKey: _key,
  paymentMethod: _method,
  ...buyer
}: CheckoutFields) {
  return { ...buyer, billingAddress: billingAddress || buyer.shippingAddress };
}

export type CheckoutFields = z.infer<typeof CheckoutForm>;

/** Field order for the error summary, with the label each error links to. */
