/** The request form's vocabulary, for the form (in the browser) and its schema alike; no zod here. */
export const INCOTERMS = ["EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF"] as const;

export const QUOTE_REQUEST_LABELS: Record<string, string> = {
  company: "Company",
  contactName: "Your name",
  email: "E-mail",
  phone: "Phone",
  country: "Country",
  deliveryLocation: "Delivery location",
  incoterm: "Preferred Incoterm",
  neededBy: "Needed by",
  message: "Message",
  submissionKey: "Form",
  attachments: "Attachments",
  website: "Website",
};
