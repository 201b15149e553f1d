import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RequestedItem } from "~/components/quote/requested-item";
import { RevisionView } from "~/components/quote/revision-view";
import { ErrorSummary, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { Timeline } from "~/components/timeline";
import { ADMIN_HEADERS, requireUser } from "~/lib/auth.server";
import { formatDateTimeUtc } from "~/lib/dates";
import { formatMoney } from "~/lib/money";
import { INCOTERMS } from "~/lib/quote-request-fields";
import { parseRevisionForm } from "~/lib/quote-revision-schema";
import { lineField, PAYMENT_TERMS_OPTIONS } from "~/lib/quote-terms";
import { Message } from "~/lib/quote-status-schema";
import { readForm } from "~/lib/request-body.server";
import { expireCheckoutSessions } from "~/models/checkout.server";
import { listQuoteRequestOrders } from "~/models/order.server";
import { markSeen, productLeadTimes, setRequestStatus } from "~/models/quote-inbox.server";
import { getQuoteRequestById } from "~/models/quote-request.server";
import { canSendRevision, diffRevisions, expireDueQuotes, postSalesMessage, sendRevision, todayUtc } from "~/models/quote-revision.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.request.reference ?? "Quote request"} · IronAxis back office` },
  { name: "robots", content: "noindex" },
];

export const headers = () => ADMIN_HEADERS;

function findOr404(id: string | undefined) {
  const request = getQuoteRequestById(Number(id));
  if (!request) throw new Response("Not found", { status: 404, headers: ADMIN_HEADERS });
  return request;
}

export async function loader({ request: httpRequest, params }: LoaderFunctionArgs) {
  await requireUser(httpRequest, ["admin", "sales"]);
  expireDueQuotes();
  const request = findOr404(params.id);
  markSeen(request.id);
  const leadDays = productLeadTimes(request.lines.flatMap((line) => (line.productId ? [line.productId] : [])));
  const latest = request.revisions.at(-1);
  const previous = request.revisions.at(-2);
  const today = todayUtc();
  const defaults: Record<string, string> = {
    incoterm: latest?.incoterm ?? (request.incoterm || "FCA"),
    validUntil: new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10),
    paymentTerms: latest?.paymentTerms ?? "card_or_invoice",
    notes: latest?.notes ?? "",
  };
  for (const line of request.lines) {
    const quoted = latest?.lines.find((l) => l.requestLineId === line.id);
    const days = line.productId ? leadDays.get(line.productId) : undefined;
    const price = quoted?.unitPriceCents ?? line.listPriceCents;
    defaults[lineField(line.id, "qty")] = String(quoted?.quantity ?? line.quantity);
    defaults[lineField(line.id, "price")] = price ? (price / 100).toFixed(2) : "";
    defaults[lineField(line.id, "weeks")] = String(quoted?.leadTimeWeeks ?? (days === undefined ? "" : Math.ceil(days / 7)));
    defaults[lineField(line.id, "included")] = quoted?.included ?? "";
  }
  return data(
    {
      request,
      today,
      defaults,
      canQuote: canSendRevision(request.status),
      orders: listQuoteRequestOrders(request.id),
      changes: latest && previous ? diffRevisions(previous, latest) : [],
    },
    { headers: ADMIN_HEADERS },
  );
}


export async function action({ request: httpRequest, params }: ActionFunctionArgs) {
  const user = await requireUser(httpRequest, ["admin", "sales"]);
  const request = findOr404(params.id);
  const form = await readForm(httpRequest, 256 * 1024);
  const intent = form.get("intent");
  const back = redirect(`/admin/quotes/${request.id}`, { headers: ADMIN_HEADERS });
  const typed = Object.fromEntries([...form].filter(([key]) => key !== "intent"));

  if (intent === "send-revision") {
    const parsed = parseRevisionForm(
      form,
      request.lines.map((line) => line.id),
      todayUtc(),
    );
    if (!parsed.ok) return data({ intent, errors: parsed.errors, values: typed }, { status: 400, headers: ADMIN_HEADERS });
    const sent = sendRevision(request.id, parsed.revision, user);
    if (!sent.ok) {
      return data({ intent, errors: { form: "This request can no longer be quoted." }, values: typed }, { status: 409, headers: ADMIN_HEADERS });
    }
    await expireCheckoutSessions(sent.staleSessions);
    return back;
  }
  if (intent === "message") {
    const parsed = Message.safeParse({ body: form.get("body") ?? "" });
    if (!parsed.success) return data({ intent, errors: { body: parsed.error.issues[0].message }, values: typed }, { status: 400, headers: ADMIN_HEADERS });
    postSalesMessage(request.id, parsed.data.body, user);
    return back;
  }
  if (intent === "start-review" || intent === "decline") {
    const note = String(form.get("note") ?? "").trim().slice(0, 1000);
    setRequestStatus(request.id, intent === "decline" ? "declined" : "in_review", user, note);
    return back;
  }
  throw new Response("Unknown action", { status: 400, headers: ADMIN_HEADERS });
}

export default function AdminQuoteRequest() {
  const { request, today, defaults, canQuote, changes, orders } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const navigation = useNavigation();
  const sending = navigation.state === "submitting" && navigation.formData?.get("intent") === "send-revision";
  const revisionErrors: Record<string, string> = failed?.intent === "send-revision" ? failed.errors : {};
  const value = (name: string) => (failed?.intent === "send-revision" ? (failed.values[name] ?? "") : defaults[name]);
  const nextVersion = request.revisions.length + 1;

  return (
    <>
      <header className="page-header">
        <p className="eyebrow">
          <Link to="/admin/quotes">Quote requests</Link>
        </p>
        <h1>
          {request.reference} <span className={`status status--${request.status}`}>{request.status.replace("_", " ")}</span>
        </h1>
        <p>
          <strong>{request.company}</strong> · {request.contactName} · <a href={`mailto:${request.email}`}>{request.email}</a>
          {request.phone ? ` · ${request.phone}` : ""} · {request.country}
          {request.deliveryLocation ? ` · deliver to ${request.deliveryLocation}` : ""}
          {request.incoterm ? ` · asked ${request.incoterm}` : ""}
          {request.neededBy ? ` · needed by ${request.neededBy}` : ""}
        </p>
        {request.message ? <p className="message">{request.message}</p> : null}
        {orders.length ? (
          <p>
            Orders:{" "}
            {orders.map((order, i) => (
              <span key={order.id}>
                {i ? ", " : ""}
                <Link to={`/admin/orders/${order.id}`}>{order.reference}</Link> ({order.status.replace("_", " ")}, {order.paymentMethod}, {formatMoney(order.totalCents)})
              </span>
            ))}
          </p>
        ) : null}
        <div className="actions">
          {request.status === "received" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="start-review" />
              <button className="button button--secondary">Start review</button>
            </Form>
          ) : null}
          {canQuote && request.status !== "expired" ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="decline" />
              <label htmlFor="decline-note">Reason</label>
              <input id="decline-note" name="note" maxLength={1000} />
              <button className="button button--secondary">Decline request</button>
            </Form>
          ) : null}
        </div>
      </header>

      <section aria-labelledby="asked-heading">
        <h2 id="asked-heading">What the buyer asked for</h2>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Qty</th>
              <th scope="col">List price</th>
              <th scope="col">Target</th>
            </tr>
          </thead>
          <tbody>
            {request.lines.map((line) => (
              <tr key={line.id}>
                <td>
                  <RequestedItem line={line} />
                </td>
                <td>{line.quantity}</td>
                <td>{line.listPriceCents === null ? "On request" : formatMoney(line.listPriceCents)}</td>
                <td>{line.targetPriceCents === null ? "—" : formatMoney(line.targetPriceCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {request.attachments.length ? (
          <>
            <h3>Attachments</h3>
            <ul>
              {request.attachments.map((file) => (
                <li key={file.id}>
                  <a href={`/admin/quotes/${request.id}/attachments/${file.id}`} download>
                    {file.originalName}
                  </a>{" "}
                  <span className="muted">({Math.max(1, Math.round(file.sizeBytes / 1024))} KB)</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      {request.revisions.length ? (
        <section aria-labelledby="revisions-heading">
          <h2 id="revisions-heading">Sent revisions</h2>
          {changes.length ? (
            <div className="panel">
              <h3>
                Changed in v{request.revisions.length} since v{request.revisions.length - 1}
              </h3>
              <ul className="changes">
                {changes.map((change) => (
                  <li key={change.field}>
                    {change.field}: <del>{change.from}</del> → <ins>{change.to}</ins>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {[...request.revisions].reverse().map((revision, i) => (
            <details key={revision.id} open={i === 0}>
              <summary>
                v{revision.version} · {formatMoney(revision.totalCents)} · valid until {revision.validUntil} · sent {formatDateTimeUtc(revision.sentAt)}
                {i > 0 ? " · superseded" : ""}
                {request.acceptedRevisionId === revision.id ? " · accepted" : ""}
              </summary>
              <RevisionView revision={revision} />
            </details>
          ))}
        </section>
      ) : null}

      {canQuote ? (
        <section aria-labelledby="revise-heading">
          <h2 id="revise-heading">{nextVersion === 1 ? "Send the quote (v1)" : `Send a revised quote (v${nextVersion})`}</h2>
          <ErrorSummary errors={revisionErrors} />
          <Form method="post" className="panel revision-form">
            <input type="hidden" name="intent" value="send-revision" />
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">Qty</th>
                  <th scope="col">Unit price (USD)</th>
                  <th scope="col">Lead time (weeks)</th>
                  <th scope="col">Included</th>
                </tr>
              </thead>
              <tbody>
                {request.lines.map((line) => (
                  <tr key={line.id}>
                    <th scope="row">
                      {line.name} {line.partNumber ? <span className="part-number mono">{line.partNumber}</span> : null}
                    </th>
                    {(["qty", "price", "weeks", "included"] as const).map((field) => {
                      const name = lineField(line.id, field);
                      const label = { qty: "Quantity", price: "Unit price", weeks: "Lead time in weeks", included: "Included" }[field];
                      return (
                        <td key={field}>
                          <input
                            id={name}
                            name={name}
                            aria-label={`${label} for ${line.name}`}
                            defaultValue={value(name)}
                            inputMode={field === "included" ? undefined : field === "price" ? "decimal" : "numeric"}
                            maxLength={field === "included" ? 500 : 20}
                            size={field === "included" ? 24 : 8}
                            aria-invalid={revisionErrors[name] ? true : undefined}
                            aria-describedby={revisionErrors[name] ? `${name}-error` : undefined}
                          />
                          {revisionErrors[name] ? (
                            <span id={`${name}-error`} className="field-error">
                              {revisionErrors[name]}
                            </span>
                          ) : null}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="form-grid">
              <SelectField
                id="incoterm"
                name="incoterm"
                label="Incoterm"
                defaultValue={value("incoterm")}
                options={INCOTERMS.map((term) => [term, term] as const)}
                error={revisionErrors.incoterm}
              />
              <TextField id="validUntil" name="validUntil" type="date" label="Valid until" min={today} defaultValue={value("validUntil")} error={revisionErrors.validUntil} />
              <SelectField
                id="paymentTerms"
                name="paymentTerms"
                label="Payment terms"
                defaultValue={value("paymentTerms")}
                options={PAYMENT_TERMS_OPTIONS}
                error={revisionErrors.paymentTerms}
              />
            </div>
            <TextAreaField id="notes" name="notes" label="Notes to the buyer" rows={3} maxLength={5000} defaultValue={value("notes")} error={revisionErrors.notes} />
            <button type="submit" className="button" disabled={sending}>
              {sending ? "Sending…" : `Send v${nextVersion} to the buyer`}
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="thread-heading">
        <h2 id="thread-heading">Messages</h2>
        {request.messages.length ? (
          <ol className="messages">
            {request.messages.map((message) => (
              <li key={message.id} className={`message message--${message.author}`}>
                <p className="muted">
                  {message.author === "buyer" ? request.contactName : "IronAxis sales"} ·{" "}
                  <time dateTime={message.createdAt}>{formatDateTimeUtc(message.createdAt)}</time>
                </p>
                <p className="message">{message.body}</p>
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">No messages yet.</p>
        )}
        <Form method="post" className="panel" key={request.messages.length}>
          <input type="hidden" name="intent" value="message" />
          <TextAreaField
            id="body"
            name="body"
            label="Reply to the buyer"
            rows={3}
            maxLength={5000}
            defaultValue={failed?.intent === "message" ? failed.values.body : ""}
            error={failed?.intent === "message" ? (failed.errors as Record<string, string>).body : undefined}
          />
          <button type="submit" className="button button--secondary">
            Send reply
          </button>
        </Form>
      </section>

      <Timeline events={request.events} describe={(event) => `${event.status.replace("_", " ")} by ${event.actor}${event.note ? ` (${event.note})` : ""}`} />
    </>
  );
}
