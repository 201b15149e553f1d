import { renderToStaticMarkup } from "react-dom/server";
import { env } from "./env.server";
import { formatMoney } from "./money";

type RequestSummary = { reference: string; company: string; contactName: string; email: string; country: string; message: string };
type LineSummary = { name: string; partNumber: string | null; quantity: number; listPriceCents: number | null };

export type OutgoingEmail = { to: string; subject: string; text: string; html: string };

const lineText = (line: LineSummary) =>
  `- ${line.quantity} × ${line.name}${line.partNumber ? ` (${line.partNumber})` : " (free-form)"}${line.listPriceCents !== null ? `, list ${formatMoney(line.listPriceCents)}` : ""}`;

function Lines({ lines }: { lines: LineSummary[] }) {
  return (
    <ul>
      {lines.map((line, i) => (
        <li key={i}>{lineText(line).slice(2)}</li>
      ))}
    </ul>
  );
}

/**
 * Every e-mail to the buyer carries the private link to the request; one whose link cannot be
 * opened again (sealed under another LINK_SECRET) points back to the first e-mail.
 */
const openText = (statusUrl: string | undefined) =>
  statusUrl
    ? `Follow your request and write to us here (keep this link private): ${statusUrl}`
    : "Open it with the private link from our first e-mail about this request.";
function OpenLink({ statusUrl, label }: { statusUrl: string | undefined; label: string }) {
  return statusUrl ? (
    <p>
      <a href={statusUrl}>{label}</a> (keep this link private).
    </p>
  ) : (
    <p>{openText(undefined)}</p>
  );
}

/** The buyer's confirmation, carrying the private status link. React escapes everything typed. */
export function quoteReceivedEmail(request: RequestSummary, lines: LineSummary[], statusUrl: string): OutgoingEmail {
  const subject = `We received your quote request ${request.reference}`;
  const text = [
    `Dear ${request.contactName},`,
    "",
    `Thank you for your request for quotation ${request.reference}. Our sales engineers will answer with prices, lead times and validity.`,
    "",
    ...lines.map(lineText),
    "",
    openText(statusUrl),
    "",
    "IronAxis sales",
  ].join("\n");
  const html = renderToStaticMarkup(
    <div>
      <p>Dear {request.contactName},</p>
      <p>
        Thank you for your request for quotation <strong>{request.reference}</strong>. Our sales engineers will answer with
        prices, lead times and validity.
      </p>
      <Lines lines={lines} />
      <OpenLink statusUrl={statusUrl} label="Follow your request" />
      <p>IronAxis sales</p>
    </div>,
  );
  return { to: request.email, subject, text, html };
}

export function salesNotificationEmail(request: RequestSummary, lines: LineSummary[]): OutgoingEmail {
  const subject = `New quote request ${request.reference} from ${request.company}`;
  const text = [
    `${request.company}, ${request.contactName} <${request.email}>, ${request.country}`,
    "",
    ...lines.map(lineText),
    "",
    request.message ? `Message:\n${request.message}` : "No message.",
  ].join("\n");
  const html = renderToStaticMarkup(
    <div>
      <p>
        {request.company}, {request.contactName} &lt;{request.email}&gt;, {request.country}
      </p>
      <Lines lines={lines} />
      <p style={{ whiteSpace: "pre-wrap" }}>{request.message || "No message."}</p>
    </div>,
  );
  return { to: env.SALES_EMAIL, subject, text, html };
}

export function buyerMessageEmail(request: Pick<RequestSummary, "reference" | "company" | "contactName">, body: string): OutgoingEmail {
  const subject = `Message on ${request.reference} from ${request.company}`;
  const text = `${request.contactName} (${request.company}) wrote on ${request.reference}:\n\n${body}`;
  const html = renderToStaticMarkup(
    <div>
      <p>
        {request.contactName} ({request.company}) wrote on {request.reference}:
      </p>
      <p style={{ whiteSpace: "pre-wrap" }}>{body}</p>
    </div>,
  );
  return { to: env.SALES_EMAIL, subject, text, html };
}

type BuyerSummary = Pick<RequestSummary, "reference" | "contactName" | "email">;

/** To the buyer when a revision is sent. */
export function quoteSentEmail(
  request: BuyerSummary,
  revision: { version: number; totalCents: number; validUntil: string; incoterm: string },
  statusUrl: string | undefined,
): OutgoingEmail {
  const subject = `Your quote ${request.reference} v${revision.version} is ready`;
  const facts = `Total ${formatMoney(revision.totalCents)} (${revision.incoterm}), valid until ${revision.validUntil}.`;
  const text = [`Dear ${request.contactName},`, "", `Quote ${request.reference} version ${revision.version} is ready. ${facts}`, "", openText(statusUrl), "", "IronAxis sales"].join("\n");
  const html = renderToStaticMarkup(
    <div>
      <p>Dear {request.contactName},</p>
      <p>
        Quote <strong>{request.reference}</strong> version {revision.version} is ready. {facts}
      </p>
      <OpenLink statusUrl={statusUrl} label="Open the quote" />
      <p>IronAxis sales</p>
    </div>,
  );
  return { to: request.email, subject, text, html };
}

export function salesReplyEmail(request: BuyerSummary, body: string, statusUrl: string | undefined): OutgoingEmail {
  const subject = `IronAxis sales replied on ${request.reference}`;
  const text = [`Dear ${request.contactName},`, "", body, "", openText(statusUrl), "", "IronAxis sales"].join("\n");
  const html = renderToStaticMarkup(
    <div>
      <p>Dear {request.contactName},</p>
      <p style={{ whiteSpace: "pre-wrap" }}>{body}</p>
      <OpenLink statusUrl={statusUrl} label="Reply or open your request" />
      <p>IronAxis sales</p>
    </div>,
  );
  return { to: request.email, subject, text, html };
}

/** To sales when the buyer accepts a revision or asks for changes to it. */
export function buyerDecisionEmail(
  request: Pick<RequestSummary, "reference" | "company">,
  decision: { version: number; accepted: boolean; body?: string },
): OutgoingEmail {
  const what = decision.accepted ? "accepted" : "asks for changes to";
  const subject = `${request.company} ${what} ${request.reference} v${decision.version}`;
  const text = [subject, ...(decision.body ? ["", decision.body] : [])].join("\n");
  const html = renderToStaticMarkup(
    <div>
      <p>{subject}</p>
      {decision.body ? <p style={{ whiteSpace: "pre-wrap" }}>{decision.body}</p> : null}
    </div>,
  );
  return { to: env.SALES_EMAIL, subject, text, html };
}
