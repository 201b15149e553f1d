import { renderToStaticMarkup } from "react-dom/server";
import { env } from "~/lib/env.server";
import type { OutgoingEmail } from "~/quotes/quote-emails.server";
import type { ContactMessage } from "./contact.server";

/** A contact form message, to sales; a reply goes straight to the sender. React escapes everything typed. */
export function contactMessageEmail(message: ContactMessage): OutgoingEmail {
  const from = `${message.name}, ${message.company} <${message.email}>${message.phone ? `, ${message.phone}` : ""}`;
  const subject = `Contact form: ${message.subject}`;
  const text = [`From: ${from}`, `Subject: ${message.subject}`, "", message.message].join("\n");
  const html = renderToStaticMarkup(
    <div>
      <p>
        From: {message.name}, {message.company} &lt;<a href={`mailto:${message.email}`}>{message.email}</a>&gt;
        {message.phone ? `, ${message.phone}` : ""}
      </p>
      <p>Subject: {message.subject}</p>
      <p style={{ whiteSpace: "pre-wrap" }}>{message.message}</p>
    </div>,
  );
  return { to: env.SALES_EMAIL, subject, text, html };
}
