import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatMoney } from "~/lib/money";
import { isPlainText, PLAIN_TEXT_MESSAGE } from "~/lib/plain-text";
import { readForm } from "~/lib/request-body.server";
import { canWithdraw, getQuoteRequestByToken, postBuyerMessage, withdrawQuoteRequest } from "~/models/quote-request.server";

const PRIVATE_HEADERS = { "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex" };

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `Quote request ${loaded.request.reference} · IronAxis` : "Quote request not found · IronAxis" },
  { name: "robots", content: "noindex" },
];

export const headers: HeadersFunction = () => PRIVATE_HEADERS;

/** A wrong token is a plain 404: it says nothing about whether such a request exists. */
function findOr404(token: string | undefined) {
  const request = getQuoteRequestByToken(token ?? "");
  if (!request) throw new Response("Not found", { status: 404, headers: PRIVATE_HEADERS });
  return request;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const request = findOr404(params.token);
  return data({ request, token: params.token!, withdrawable: canWithdraw(request.status) }, { headers: PRIVATE_HEADERS });
}

const Message = z.object({
  body: z
    .string()
    .trim()
    .min(1, { error: "Write a message first" })
    .max(5000, { error: "Keep the message under 5,000 characters" })
    .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE }),
});

export async function action({ params, request }: ActionFunctionArgs) {
  findOr404(params.token);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "message") {
    const parsed = Message.safeParse({ body: form.get("body") ?? "" });
    if (!parsed.success) {
      return data({ messageError: parsed.error.issues[0].message, body: String(form.get("body") ?? "") }, { status: 400, headers: PRIVATE_HEADERS });
    }
    postBuyerMessage(params.token!, parsed.data.body);
  }
  if (intent === "withdraw") withdrawQuoteRequest(params.token!);
  throw redirect(`/quotes/${params.token}`, { headers: PRIVATE_HEADERS });
}

const STATUS_TEXT: Record<string, string> = {
  received: "Received: sales will review it shortly",
  in_review: "In review",
  quoted: "Quoted",
  accepted: "Accepted",
  declined: "Declined",
  expired: "Expired",
  withdrawn: "Withdrawn",
};

const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default function QuoteStatusPage() {
  const { request, token, withdrawable } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <>
      <header className="page-header">
        <p className="eyebrow">Request for quotation</p>
        <h1>{request.reference}</h1>
        <p>
          <span className="status-badge">{request.status.replace("_", " ")}</span> {STATUS_TEXT[request.status]}
        </p>
        <p className="muted">Keep this page’s address private: anyone with it can see this request.</p>
      </header>
      <section aria-labelledby="lines-heading">
        <h2 id="lines-heading">Items</h2>
        <table className="request-lines">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Quantity</th>
              <th scope="col">List price at request</th>
            </tr>
          </thead>
          <tbody>
            {request.lines.map((line) => (
              <tr key={line.id}>
                <td>
                  <strong>{line.name}</strong>
                  {line.partNumber ? <span className="part-number mono"> {line.partNumber}</span> : <span className="muted"> (free-form)</span>}
                  {line.requirements.length ? (
                    <ul className="requirements">
                      {line.requirements.map((r, i) => (
                        <li key={i}>
                          {r.spec}: {r.value} ({r.mustHave ? "must have" : "nice to have"})
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {line.note ? <p className="muted">Note: {line.note}</p> : null}
                </td>
                <td>{line.quantity}</td>
                <td>{line.listPriceCents === null ? "On request" : formatMoney(line.listPriceCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {request.attachments.length ? (
        <section aria-labelledby="attachments-heading">
          <h2 id="attachments-heading">Attachments</h2>
          <ul>
            {request.attachments.map((file) => (
              <li key={file.id}>
                <a href={`/quotes/${token}/attachments/${file.id}`} download>
                  {file.originalName}
                </a>{" "}
                <span className="muted">({Math.max(1, Math.round(file.sizeBytes / 1024))} KB)</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="buyer-heading">
        <h2 id="buyer-heading">Your details</h2>
        <p>
          {request.company} · {request.contactName} · {request.email}
          {request.phone ? ` · ${request.phone}` : ""} · {request.country}
          {request.deliveryLocation ? ` · deliver to ${request.deliveryLocation}` : ""}
          {request.incoterm ? ` · ${request.incoterm}` : ""}
          {request.neededBy ? ` · needed by ${request.neededBy}` : ""}
        </p>
        {request.message ? <p className="message">{request.message}</p> : null}
      </section>
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <ol className="timeline">
          {request.events.map((event) => (
            <li key={event.id}>
              <time dateTime={event.createdAt}>{when.format(new Date(event.createdAt))} UTC</time> — {STATUS_TEXT[event.status] ?? event.status}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="messages-heading">
        <h2 id="messages-heading">Messages</h2>
        {request.messages.length ? (
          <ol className="messages">
            {request.messages.map((message) => (
              <li key={message.id} className={`message message--${message.author}`}>
                <p className="muted">
                  {message.author === "buyer" ? "You" : "IronAxis sales"} ·{" "}
                  <time dateTime={message.createdAt}>{when.format(new Date(message.createdAt))} UTC</time>
                </p>
                <p className="message">{message.body}</p>
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">No messages yet. Questions about the items, delivery or terms? Write to sales here.</p>
        )}
        <Form method="post" className="panel" key={request.messages.length}>
          <input type="hidden" name="intent" value="message" />
          <label htmlFor="message-body">Message to sales</label>
          {failed ? (
            <span id="message-body-error" className="field-error">
              {failed.messageError}
            </span>
          ) : null}
          <textarea
            id="message-body"
            name="body"
            rows={3}
            maxLength={5000}
            defaultValue={failed?.body ?? ""}
            aria-invalid={failed ? true : undefined}
            aria-describedby={failed ? "message-body-error" : undefined}
          />
          <button type="submit" className="button button--secondary">
            Send message
          </button>
        </Form>
      </section>
      {withdrawable ? (
        <Form method="post">
          <input type="hidden" name="intent" value="withdraw" />
          <button type="submit" className="button button--secondary">
            Withdraw this request
          </button>
        </Form>
      ) : null}
      <p>
        <Link to="/">Continue browsing the catalog</Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
