import type { FormResult } from "~/lib/forms";

/** Field labels of the checkout form, for the form and its error summary; no zod here. */
export const CHECKOUT_LABELS: Record<string, string> = {
  company: "Company",
  contactName: "Your name",
  email: "E-mail",
  savedAddressId: "Ship to a saved address",
  shippingAddress: "Shipping address",
  billingAddress: "Billing address",
  poNumber: "PO number",
  paymentMethod: "Payment",
  submissionKey: "Form",
};

/**
 * When the order was made but its card checkout could not start, the form comes back with the
 * order's reference and link among its values, so that the page can name it and the buyer can
 * retry. Only the server sets them: the action leaves these names out of what was typed.
 */
export const SAVED_ORDER_VALUES = ["orderReference", "orderToken"] as const;

export function savedOrderOf(result: FormResult | undefined) {
  const reference = result?.values.orderReference;
  const token = result?.values.orderToken;
  return reference && token ? { reference, token } : undefined;
}

/** What a signed-in buyer's checkout form starts with (their company's shipping addresses, default first). */
export type CheckoutPrefill = {
  company: string;
  contactName: string;
  email: string;
  addresses: { id: number; label: string; address: string; isDefault: boolean }[];
  /** The company's default billing address, if it saved one. */
  billingAddress: string | null;
};
