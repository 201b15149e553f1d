import { renderToStaticMarkup } from "react-dom/server";
import type { CompanyRole } from "~db/schema";
import { env } from "~/lib/env.server";
import { formatMoney } from "~/lib/money";
import type { OutgoingEmail } from "~/quotes/quote-emails.server";
import { COMPANY_ROLE_LABEL } from "./company-roles";
import { INVITATION_DAYS } from "./company-intents";

/** A colleague's invitation: the company, the role, and the link that accepts it once signed in. */
export function invitationEmail({
  to,
  companyName,
  invitedBy,
  role,
  spendingLimitCents,
  token,
}: {
  to: string;
  companyName: string;
  invitedBy: string;
  role: CompanyRole;
  spendingLimitCents: number | null;
  token: string;
}): OutgoingEmail {
  const link = new URL(`/account/invitations/${token}`, env.SITE_URL).toString();
  const subject = `${invitedBy} invites you to ${companyName} on IronAxis`;
  const limit = spendingLimitCents === null ? "" : `, spending limit ${formatMoney(spendingLimitCents)}`;
  const roleText = `${COMPANY_ROLE_LABEL[role]}${limit}`;
  const text = [
    `${invitedBy} invites you to join ${companyName} on IronAxis as ${roleText}.`,
    "",
    `Accept the invitation here (you sign in with this e-mail address first): ${link}`,
    "",
    `The link works once, for ${INVITATION_DAYS} days. If you do not know ${companyName}, ignore this e-mail.`,
  ].join("\n");
  const html = renderToStaticMarkup(
    <div>
      <p>
        {invitedBy} invites you to join <strong>{companyName}</strong> on IronAxis as {roleText}.
      </p>
      <p>
        <a href={link}>Accept the invitation</a> (you sign in with this e-mail address first).
      </p>
      <p>
        The link works once, for {INVITATION_DAYS} days. If you do not know {companyName}, ignore this e-mail.
      </p>
    </div>,
  );
  return { to, subject, text, html };
}

/** To each approver of the company when a colleague's order goes over their spending limit. */
export function approvalRequestEmail({
  to,
  companyName,
  buyer,
  reference,
  totalCents,
  spendingLimitCents,
}: {
  to: string;
  companyName: string;
  buyer: string;
  reference: string;
  totalCents: number;
  spendingLimitCents: number | null;
}): OutgoingEmail {
  const link = new URL("/account/approvals", env.SITE_URL).toString();
  const subject = `Approval needed: order ${reference} from ${buyer}, ${formatMoney(totalCents)}`;
  const over =
    spendingLimitCents === null
      ? `${buyer} placed order ${reference} for ${companyName} (${formatMoney(totalCents)}); it needs an approver.`
      : `${buyer} placed order ${reference} for ${companyName}: ${formatMoney(totalCents)}, over their spending limit of ${formatMoney(spendingLimitCents)}.`;
  const text = [
    over,
    "",
    `Approve or decline it here (sign in with this e-mail address): ${link}`,
    "",
    "Nothing is charged or invoiced until it is approved.",
  ].join("\n");
  const html = renderToStaticMarkup(
    <div>
      <p>{over}</p>
      <p>
        <a href={link}>Approve or decline it</a> (sign in with this e-mail address).
      </p>
      <p>Nothing is charged or invoiced until it is approved.</p>
    </div>,
  );
  return { to, subject, text, html };
}
