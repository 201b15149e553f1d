import { renderToStaticMarkup } from "react-dom/server";
import { env } from "~/lib/env.server";
import type { OutboxAttachmentKind } from "~/admin/back-office";
import type { QuoteLineRequirement } from "~db/schema";
import { incotermText } from "./quote-terms";
import { formatMoney } from "~/lib/money";
import { plural } from "~/lib/plural";

type RequestSummary = {
  reference: string;
  company: string;
  contactName: string;
  email: string;
  country: string;
  message: string;
};
/** Everything the buyer typed into the request form, for their confirmation. */
type RequestDetails = RequestSummary & {
  id: number;
  phone: string;
  deliveryLocation: string;
  incoterm: string;
  neededBy: string | null;
};
type LineSummary = {
  name: string;
  partNumber: string | null;
  quantity: number;
  listPriceCents: number | null;
  targetPriceCents: number | null;
  requirements: QuoteLineRequirement[];
  note: string;
  productId: number | null;
  equivalentAccepted: boolean;
};

export type OutgoingEmail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** A document the sender renders and attaches (see `OUTBOX_ATTACHMENT_KINDS`). */
  attachmentKind?: OutboxAttachmentKind;
  attachmentId?: number;
  /** To a record's contact: the order or request it is about (what `handOver` redirects). */
  orderId?: number;
  requestId?: number;
};

const lineHeading = (line: LineSummary) =>
  `${line.quantity} × ${line.name}${line.partNumber ? ` (${line.partNumber})` : " (free-form)"}${line.listPriceCents !== null ? `, list ${formatMoney(line.listPriceCents)}` : ""}`;

/** What the buyer asked for on a line besides the item: target price, specs that matter, note. */
const lineDetails = (line: LineSummary) => [
  ...(line.targetPriceCents !== null ? [`Target price: ${formatMoney(line.targetPriceCents)} each`] : []),
  ...line.requirements.map((r) => `${r.spec}: ${r.value} (${r.mustHave ? "must have" : "nice to have"})`),
  ...(line.productId === null ? [line.equivalentAccepted ? "Equivalent accepted" : "Exact match only"] : []),
  ...(line.note ? [`Note: ${line.note}`] : []),
];

const lineText = (line: LineSummary) =>
  [`- ${lineHeading(line)}`, ...lineDetails(line).map((detail) => `    ${detail}`)].join("\n");

function Lines({ lines }: { lines: LineSummary[] }) {
  return (
    <ul>
      {lines.map((line, i) => {
        const details = lineDetails(line);
        return (
          <li key={i}>
            {lineHeading(line)}
            {details.length ? (
              <ul>
                {details.map((detail, j) => (
                  <li key={j}>{detail}</li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** The request form's fields as the buyer filled them in, those left empty left out. */
const requestFacts = (request: RequestDetails): [label: string, value: string][] =>
  (
    [
      ["Company", request.company],
      ["Name", request.contactName],
      ["E-mail", request.email],
      ["Phone", request.phone],
      ["Country", request.country],
      ["Delivery location", request.deliveryLocation],
      ["Preferred Incoterm", request.incoterm],
      ["Needed by", request.neededBy ?? ""],
    ] as [string, string][]
  ).filter(([, value]) => value !== "");

function Facts({ facts }: { facts: [label: string, value: string][] }) {
  return (
    <ul>
      {facts.map(([label, value]) => (
        <li key={label}>
          {label}: {value}
        </li>
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

/**
 * The buyer's confirmation, carrying the private status link: everything they asked for (lines
 * with target prices, specs and notes, their details and message, the names of their files).
 * React escapes everything typed.
 */
export function quoteReceivedEmail(
  request: RequestDetails,
  lines: LineSummary[],
  statusUrl: string,
  attachmentNames: string[] = [],
): OutgoingEmail {
  const subject = `We received your quote request ${request.reference}`;
  const facts = requestFacts(request);
  const text = [
    `Dear ${request.contactName},`,
    "",
    `Thank you for your request for quotation ${request.reference}. Our sales engineers will answer with prices, lead times and validity.`,
    "",
    "What you asked for:",
    ...lines.map(lineText),
    "",
    "Your details:",
    ...facts.map(([label, value]) => `${label}: ${value}`),
    ...(request.message ? ["", "Your message:", request.message] : []),
    ...(attachmentNames.length ? ["", "Files you attached:", ...attachmentNames.map((name) => `- ${name}`)] : []),
    "",
    openText(statusUrl),
    "",
    "IronAxis sales",
  ].join("\n");
  const html = renderToStaticMarkup(
    <div>
      <p>Dear {request.contactName},</p>
      <p>
        Thank you for your request for quotation <strong>{request.reference}</strong>. Our sales engineers will answer
        with prices, lead times and validity.
      </p>
      <p>What you asked for:</p>
      <Lines lines={lines} />
      <p>Your details:</p>
      <Facts facts={facts} />
      {request.message ? (
        <>
          <p>Your message:</p>
          <p style={{ whiteSpace: "pre-wrap" }}>{request.message}</p>
        </>
      ) : null}
      {attachmentNames.length ? (
        <>
          <p>Files you attached:</p>
          <ul>
            {attachmentNames.map((name, i) => (
              <li key={i}>{name}</li>
            ))}
          </ul>
        </>
      ) : null}
      <OpenLink statusUrl={statusUrl} label="Follow your request" />
      <p>IronAxis sales</p>
    </div>,
  );
  return { to: request.email, requestId: request.id, subject, text, html };
}

/** Where sales opens a request in the back office. */
const adminQuoteUrl = (requestId: number) => new URL(`/admin/quotes/${requestId}`, env.SITE_URL).toString();

/** To sales: a new request, everything the buyer filled in, the names of their files, and where to answer it. */
export function salesNotificationEmail(
  request: RequestDetails,
  lines: LineSummary[],
  attachmentNames: string[] = [],
): OutgoingEmail {
  const subject = `New quote request ${request.reference} from ${request.company}`;
  const link = adminQuoteUrl(request.id);
  const facts = requestFacts(request);
  const files = attachmentNames.length ? ["", filesIntro(attachmentNames.length), ...attachmentNames] : [];
  const text = [
    ...facts.map(([label, value]) => `${label}: ${value}`),
    "",
    ...lines.map(lineText),
    "",
    request.message ? `Message:\n${request.message}` : "No message.",
    ...files,
    "",
    `Answer it: ${link}`,
  ].join("\n");
  const html = renderToStaticMarkup(
    <div>
      <Facts facts={facts} />
      <Lines lines={lines} />
      <p style={{ whiteSpace: "pre-wrap" }}>{request.message || "No message."}</p>
      <MessageFiles fileNames={attachmentNames} />
      <p>
        <a href={link}>Answer {request.reference}</a>
      </p>
    </div>,
  );
  return { to: env.SALES_EMAIL, subject, text, html };
}

/** The files that came with a message, by name: they stay on the request's page, never in the e-mail. */
const filesIntro = (count: number) => `${plural(count, "file")} came with it, to download from the request’s page:`;
const messageFilesText = (fileNames: string[]) =>
  fileNames.length ? ["", filesIntro(fileNames.length), ...fileNames.map((name) => `- ${name}`)] : [];

function MessageFiles({ fileNames }: { fileNames: string[] }) {
  return fileNames.length ? (
    <>
      <p>{filesIntro(fileNames.length)}</p>
      <ul>
        {fileNames.map((name, i) => (
          <li key={i}>{name}</li>
        ))}
      </ul>
    </>
  ) : null;
}

export function buyerMessageEmail(
  request: Pick<RequestSummary, "reference" | "company" | "contactName">,
  body: string,
  fileNames: string[] = [],
): OutgoingEmail {
  const subject = `Message on ${request.reference} from ${request.company}`;
  const text = [
    `${request.contactName} (${request.company}) wrote on ${request.reference}:`,
    ...(body ? ["", body] : []),
    ...messageFilesText(fileNames),
  ].join("\n");
  const html = renderToStaticMarkup(
    <div>
      <p>
        {request.contactName} ({request.company}) wrote on {request.reference}:
      </p>
      {body ? <p style={{ whiteSpace: "pre-wrap" }}>{body}</p> : null}
      <MessageFiles fileNames={fileNames} />
    </div>,
  );
  return { to: env.SALES_EMAIL, subject, text, html };
}

type BuyerSummary = { id: number } & Pick<RequestSummary, "reference" | "contactName" | "email">;

/** To the buyer when a revision is sent. */
export function quoteSentEmail(
  request: BuyerSummary,
  revision: {
    id: number;
    version: number;
    totalCents: number;
    validUntil: string;
    incoterm: string;
    incotermPlace: string;
  },
  statusUrl: string | undefined,
): OutgoingEmail {
  const subject = `Your quote ${request.reference} v${revision.version} is ready`;
  const facts = `Total ${formatMoney(revision.totalCents)} (${incotermText(revision)}), valid until ${revision.validUntil}. The quotation is attached as a PDF.`;
  const text = [
    `Dear ${request.contactName},`,
    "",
    `Quote ${request.reference} version ${revision.version} is ready. ${facts}`,
    "",
    openText(statusUrl),
    "",
    "IronAxis sales",
  ].join("\n");
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
  return {
    to: request.email,
    requestId: request.id,
    subject,
    text,
    html,
    attachmentKind: "quotation",
    attachmentId: revision.id,
  };
}

/** To the buyer when sales declines the request, with the reason. */
export function quoteDeclinedEmail(
  request: BuyerSummary,
  reason: string,
  statusUrl: string | undefined,
): OutgoingEmail {
  const subject = `We cannot quote your request ${request.reference}`;
  const intro = `We are sorry: we cannot quote your request ${request.reference}. The reason:`;
  const text = [
    `Dear ${request.contactName},`,
    "",
    intro,
    "",
    reason,
    "",
    openText(statusUrl),
    "",
    "IronAxis sales",
  ].join("\n");
  const html = renderToStaticMarkup(
    <div>
      <p>Dear {request.contactName},</p>
      <p>{intro}</p>
      <p style={{ whiteSpace: "pre-wrap" }}>{reason}</p>
      <OpenLink statusUrl={statusUrl} label="Open your request" />
      <p>IronAxis sales</p>
    </div>,
  );
  return { to: request.email, requestId: request.id, subject, text, html };
}

export function salesReplyEmail(
  request: BuyerSummary,
  body: string,
  statusUrl: string | undefined,
  fileNames: string[] = [],
): OutgoingEmail {
  const subject = `IronAxis sales replied on ${request.reference}`;
  const text = [
    `Dear ${request.contactName},`,
    ...(body ? ["", body] : []),
    ...messageFilesText(fileNames),
    "",
    openText(statusUrl),
    "",
    "IronAxis sales",
  ].join("\n");
  const html = renderToStaticMarkup(
    <div>
      <p>Dear {request.contactName},</p>
      {body ? <p style={{ whiteSpace: "pre-wrap" }}>{body}</p> : null}
      <MessageFiles fileNames={fileNames} />
      <OpenLink statusUrl={statusUrl} label="Reply or open your request" />
      <p>IronAxis sales</p>
    </div>,
  );
  return { to: request.email, requestId: request.id, subject, text, html };
}

/** To sales when the buyer withdraws a request, before a quote or declining the quote `declined` (its version). */
export function requestWithdrawnEmail(
  request: { id: number } & Pick<RequestSummary, "reference" | "company">,
  declined?: number,
): OutgoingEmail {
  const subject = `${request.company} withdrew ${request.reference}${declined ? `, declining v${declined}` : ""}`;
  const link = adminQuoteUrl(request.id);
  const text = [subject, "", `Open it: ${link}`].join("\n");
  const html = renderToStaticMarkup(
    <div>
      <p>{subject}</p>
      <p>
        <a href={link}>Open {request.reference}</a>
      </p>
    </div>,
  );
  return { to: env.SALES_EMAIL, subject, text, html };
}

/**
 * To sales when the buyer accepts a revision (with the order it made: its reference, total and
 * how it is paid) or asks for changes to it; with the request in the back office.
 */
export function buyerDecisionEmail(
  request: { id: number } & Pick<RequestSummary, "reference" | "company">,
  decision: {
    version: number;
    accepted: boolean;
    body?: string;
    order?: { reference: string; totalCents: number; paymentMethod: "card" | "invoice"; poNumber: string };
  },
): OutgoingEmail {
  const what = decision.accepted ? "accepted" : "asks for changes to";
  const subject = `${request.company} ${what} ${request.reference} v${decision.version}`;
  const { order } = decision;
  const made = order
    ? `Order ${order.reference}: ${formatMoney(order.totalCents)}, ${order.paymentMethod === "card" ? "to pay by card" : `on invoice, PO ${order.poNumber}`}.`
    : undefined;
  const link = adminQuoteUrl(request.id);
  const text = [
    subject,
    ...(made ? ["", made] : []),
    ...(decision.body ? ["", decision.body] : []),
    "",
    `Open it: ${link}`,
  ].join("\n");
  const html = renderToStaticMarkup(
    <div>
      <p>{subject}</p>
      {made ? <p>{made}</p> : null}
      {decision.body ? <p style={{ whiteSpace: "pre-wrap" }}>{decision.body}</p> : null}
      <p>
        <a href={link}>Open {request.reference}</a>
      </p>
    </div>,
  );
  return { to: env.SALES_EMAIL, subject, text, html };
}

/** To the buyer when their quote's last valid day is near. */
export function quoteExpiringEmail(
  request: BuyerSummary,
  revision: { version: number; validUntil: string; totalCents: number },
  statusUrl: string | undefined,
): OutgoingEmail {
  const subject = `Your quote ${request.reference} v${revision.version} is valid until ${revision.validUntil}`;
  const facts = `Quote ${request.reference} version ${revision.version} (${formatMoney(revision.totalCents)}) can be accepted until the end of ${revision.validUntil} (UTC). After that, prices and lead times may change.`;
  const text = [`Dear ${request.contactName},`, "", facts, "", openText(statusUrl), "", "IronAxis sales"].join("\n");
  const html = renderToStaticMarkup(
    <div>
      <p>Dear {request.contactName},</p>
      <p>{facts}</p>
      <OpenLink statusUrl={statusUrl} label="Open the quote" />
      <p>IronAxis sales</p>
    </div>,
  );
  return { to: request.email, requestId: request.id, subject, text, html };
}

/** To sales when a request or a buyer's message has waited too long for an answer. */
export function salesReminderEmail(
  request: Pick<RequestSummary, "reference" | "company">,
  waiting: { what: string; since: string },
  to: string,
  requestId: number,
): OutgoingEmail {
  const url = adminQuoteUrl(requestId);
  const subject = `Waiting for an answer: ${request.reference} from ${request.company}`;
  const line = `${waiting.what} on ${request.reference} (${request.company}) has waited since ${waiting.since} UTC without an answer.`;
  const text = [line, "", `Open it: ${url}`].join("\n");
  const html = renderToStaticMarkup(
    <div>
      <p>{line}</p>
      <p>
        <a href={url}>Open {request.reference}</a>
      </p>
    </div>,
  );
  return { to, subject, text, html };
}

/** To a sales user whom someone else made the owner of a request. */
export function requestAssignedEmail(
  request: { id: number } & Pick<RequestSummary, "reference" | "company" | "contactName">,
  owner: { email: string; name: string },
  assignedBy: string,
): OutgoingEmail {
  const link = adminQuoteUrl(request.id);
  const subject = `${request.reference} from ${request.company} is now yours`;
  const what = `${assignedBy} made you the owner of quote request ${request.reference} from ${request.company} (${request.contactName}).`;
  const text = [`Dear ${owner.name},`, "", what, "", `Open it: ${link}`].join("\n");
  const html = renderToStaticMarkup(
    <div>
      <p>Dear {owner.name},</p>
      <p>{what}</p>
      <p>
        <a href={link}>Open {request.reference}</a>
      </p>
    </div>,
  );
  return { to: owner.email, subject, text, html };
}

/** To an admin: a revision waits for their approval before it goes to the buyer. */
export function approvalNeededEmail(
  request: { id: number } & Pick<RequestSummary, "reference" | "company">,
  ask: { version: number; reasons: string[]; askedBy: string },
  to: string,
): OutgoingEmail {
  const link = adminQuoteUrl(request.id);
  const subject = `Approval needed: ${request.reference} v${ask.version} for ${request.company}`;
  const what = `${ask.askedBy} wants to send v${ask.version} of ${request.reference} (${request.company}); it needs an admin's approval:`;
  const text = [what, ...ask.reasons.map((reason) => `- ${reason}`), "", `Approve or decline it: ${link}`].join("\n");
  const html = renderToStaticMarkup(
    <div>
      <p>{what}</p>
      <ul>
        {ask.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      <p>
        <a href={link}>Approve or decline it</a>
      </p>
    </div>,
  );
  return { to, subject, text, html };
}

/** To the sales user who asked: an admin approved the revision (it went to the buyer) or declined it. */
export function approvalDecidedEmail(
  request: { id: number } & Pick<RequestSummary, "reference" | "company">,
  decision: { version: number; approved: boolean; by: string; note?: string },
  to: string,
): OutgoingEmail {
  const link = adminQuoteUrl(request.id);
  const outcome = decision.approved ? "approved: it has gone to the buyer" : "declined";
  const subject = `${request.reference} v${decision.version} ${decision.approved ? "approved and sent" : "declined"}`;
  const what = `${decision.by} ${outcome} v${decision.version} of ${request.reference} (${request.company}).`;
  const text = [what, ...(decision.note ? ["", `Why: ${decision.note}`] : []), "", `Open it: ${link}`].join("\n");
  const html = renderToStaticMarkup(
    <div>
      <p>{what}</p>
      {decision.note ? <p>Why: {decision.note}</p> : null}
      <p>
        <a href={link}>Open {request.reference}</a>
      </p>
    </div>,
  );
  return { to, subject, text, html };
}
