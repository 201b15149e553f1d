/** The contact form's labels, in field order, for its fields and its error summary; no zod here. */
export const CONTACT_LABELS = {
  name: "Your name",
  company: "Company",
  email: "E-mail",
  phone: "Phone (optional)",
  subject: "Subject",
  message: "Message",
} as const;
