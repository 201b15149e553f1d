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

/** What the buyer reviews before placing the order: the goods, freight, sales tax and the total. */
export type CheckoutReview = {
  goodsCents: number;
  freightCents: number;
  /** "Freight to TX, 85 lb" */
  freightText: string;
  taxCents: number;
  /** "Sales tax TX 6.25%", "Tax-exempt, certificate TX-123" */
  taxText: string;
  totalCents: number;
};

/** The checkout form's buttons: see the charges first, then place the order at the total seen. */
export const CHECKOUT_INTENTS = { review: "review", place: "place" } as const;

/** Said when the order would now come to another total than the one the buyer reviewed. */
export const TOTAL_CHANGED_TEXT =
  "The total changed since you reviewed it (prices, the cart or the address): check the new total below and place the order again.";

/** Said when an order is placed without a review of its total (a form from before the review step). */
export const REVIEW_FIRST_TEXT = "Check the freight, sales tax and total below, then place the order.";

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
