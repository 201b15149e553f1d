import { renderToStaticMarkup } from "react-dom/server";
import { env } from "~/lib/env.server";
import type { OutgoingEmail } from "~/quotes/quote-emails.server";
import { US_STATES, type UsState } from "~/lib/us-address";

type Certificate = { issuingState: string; certificateNumber: string };

const described = ({ issuingState, certificateNumber }: Certificate) =>
  `${US_STATES[issuingState as UsState] ?? issuingState} certificate ${certificateNumber}`;

/** To sales (the company's account owner, or the shared address): a certificate waits for review. */
export function certificateWaitingEmail({
  to,
  companyId,
  companyName,
  uploadedBy,
  certificate,
}: {
  to: string;
  companyId: number;
  companyName: string;
  uploadedBy: string;
  certificate: Certificate;
}): OutgoingEmail {
  const link = new URL(`/admin/companies/${companyId}`, env.SITE_URL).toString();
  const subject = `Tax-exempt certificate to review: ${companyName}`;
  const what = `${uploadedBy} uploaded a tax-exempt certificate for ${companyName}: ${described(certificate)}.`;
  const text = [what, "", `Approve it with its expiry date, or reject it with a reason: ${link}`].join("\n");
  const html = renderToStaticMarkup(
    <div>
      <p>{what}</p>
      <p>
        <a href={link}>Approve it with its expiry date, or reject it with a reason</a>.
      </p>
    </div>,
  );
  return { to, subject, text, html };
}

/** To each company admin: sales approved or rejected the company's certificate. */
export function certificateDecisionEmail({
  to,
  companyName,
  certificate,
  decision,
}: {
  to: string;
  companyName: string;
  certificate: Certificate;
  decision: { approved: true; expiresOn: string } | { approved: false; reason: string };
}): OutgoingEmail {
  const link = new URL("/account/company", env.SITE_URL).toString();
  const subject = decision.approved
    ? `Tax-exempt certificate approved for ${companyName}`
    : `Tax-exempt certificate rejected for ${companyName}`;
  const outcome = decision.approved
    ? `IronAxis approved the ${described(certificate)} of ${companyName}. It is on file until ${decision.expiresOn}.`
    : `IronAxis could not accept the ${described(certificate)} of ${companyName}: ${decision.reason}`;
  const next = decision.approved
    ? "Upload a renewed certificate before then to stay tax-exempt."
    : "You can upload a corrected certificate on your company page.";
  const text = [outcome, "", next, link].join("\n");
  const html = renderToStaticMarkup(
    <div>
      <p>{outcome}</p>
      <p>
        {next} <a href={link}>Your company page</a>
      </p>
    </div>,
  );
  return { to, subject, text, html };
}
