import { data } from "@remix-run/node";
import { contactPrefill } from "~/accounts/account-owner";
import { getCustomer } from "~/accounts/customer-session.server";
import { env } from "~/lib/env.server";
import { checkFormStart, formStartRefusal, formStartToKeep, newFormStart } from "~/lib/form-start.server";
import type { FormResult } from "~/lib/forms";
import { constraintsOf, formErrorResult, invalid, parseForm } from "~/lib/forms.server";
import { readForm } from "~/lib/request-body.server";
import { ContactForm } from "./contact-schema";
import { sendContactMessage } from "./contact.server";
import { loadSitePage } from "./site-page.server";

/** The contact page: what sales wrote, and a form with a fresh key and signed start for this visitor. */
/** The contact page and its form: a signed-in buyer's starts with their name, company and e-mail. */
export async function contactPage(request: Request) {
  const contact = contactPrefill(await getCustomer(request));
  return {
    ...loadSitePage("contact"),
    ...newFormStart(),
    constraints: constraintsOf(ContactForm),
    prefill: contact && { name: contact.contactName, company: contact.company, email: contact.email },
  };
}

/** The form shown again: what was typed, with the same key and signed start while they are still good. */
const keepingStart = (values: Record<string, string>) => ({ ...values, ...formStartToKeep(values) });

/**
 * A contact message: checked by its schema, its signed start (a form sent within seconds was not
 * filled in by a person), a honeypot and a limit per address, then stored and e-mailed to sales
 * in one transaction. The answer says it was sent, or shows the form again with the messages.
 */
export async function sendContactForm(request: Request, clientIp = "unknown") {
  const parsed = parseForm(ContactForm, await readForm(request));
  if (parsed.status === "error") {
    // A field people never see: a bot filled the form in; it is told no more than that.
    if (parsed.fieldErrors.website)
      return invalid(formErrorResult({}, "Your message could not be accepted. Please e-mail or call us instead."));
    return invalid({ ...parsed, values: keepingStart(parsed.values) });
  }
  const { website: _honeypot, formStartedAt, ...message } = parsed.data;
  // Checked whatever QUOTE_MIN_FILL_SECONDS is: a start the server did not sign is never accepted.
  const started = checkFormStart(formStartedAt, message.submissionKey, { minFillSeconds: env.QUOTE_MIN_FILL_SECONDS });
  if (!started.ok) return invalid(formErrorResult(keepingStart(parsed.values), formStartRefusal(started.reason)));
  const sent = sendContactMessage(message, clientIp);
  if (!sent.ok)
    return invalid(
      formErrorResult(
        keepingStart(parsed.values),
        "Too many messages have been sent from your network in the last hour. Please call or e-mail us instead.",
      ),
      429,
    );
  return data<FormResult>({
    status: "success",
    fieldErrors: {},
    values: {},
    message: `Thank you, ${message.name}: your message has reached our sales team. We answer within one business day at ${message.email}.`,
  });
}
