/** Field labels of the checkout form, for the form and its error summary; no zod here. */
export const CHECKOUT_LABELS: Record<string, string> = {
  company: "Company",
  contactName: "Your name",
  email: "E-mail",
  shippingAddress: "Shipping address",
  poNumber: "PO number",
  paymentMethod: "Payment",
  submissionKey: "Form",
};
