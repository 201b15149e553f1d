import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { requireUser } from "~/admin/auth.server";
import { OUTBOX_ATTACHMENT_LABEL, OUTBOX_PAGE_SIZE, OUTBOX_STATUSES, type OutboxStatus } from "~/admin/back-office";
import { writeTransaction } from "~/lib/db.server";
import { readForm } from "~/lib/request-body.server";
import { idParam } from "~/lib/route-params";
import { countOutbox, listOutbox, resendEmail } from "~/lib/outbox.server";
import { TableScroll } from "~/components/ui/table-scroll";

export const meta: MetaFunction = () => [
  { title: "Outbox · IronAxis back office" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const url = new URL(request.url);
  const requested = url.searchParams.get("status") as OutboxStatus;
  const status = OUTBOX_STATUSES.includes(requested) ? requested : undefined;
  const page = Math.min(Math.max(1, Math.trunc(Number(url.searchParams.get("page"))) || 1), 10_000);
  return data({ status, page, counts: countOutbox(), ...listOutbox({ status, page }) });
}

export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const form = await readForm(request, 4 * 1024);
  if (form.get("intent") !== "resend") throw new Response("Unknown action", { status: 400 });
  // The id as the page wrote it; another spelling of it is no e-mail (0).
  const id = idParam(form.get("id") ?? undefined);
  const queued = id > 0 && writeTransaction(() => resendEmail(id));
  const status = new URL(request.url).searchParams.get("status");
  const back = new URLSearchParams(status ? { status } : {});
  back.set(queued ? "resent" : "notresent", String(id));
  return redirect(`/admin/outbox?${back}`);
}

const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default function Outbox() {
  const { status, page, counts, emails, total } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const resent = search.get("resent");
  const views = [
    ["", `All (${counts.pending + counts.sent + counts.failed})`],
    ...OUTBOX_STATUSES.map((s) => [s, `${s[0].toUpperCase()}${s.slice(1)} (${counts[s]})`]),
  ];
  return (
    <section aria-labelledby="outbox-heading">
      <h1 id="outbox-heading">Outbox</h1>
      <p className="muted">
        Every e-mail the site sends is written here first, then delivered over SMTP; failed ones are retried with
        back-off, then kept as failed.
      </p>
      {resent ? (
        <p className="notice" role="status">
          Message {resent} is queued to be sent again.
        </p>
      ) : null}
      {search.get("notresent") ? (
        <p className="error-summary" role="alert">
          That message is no longer failed; nothing was changed.
        </p>
      ) : null}
      <nav aria-label="Views" className="tabs">
        {views.map(([key, label]) => (
          <Link key={key} to={key ? `?status=${key}` : "?"} aria-current={(status ?? "") === key ? "page" : undefined}>
            {label}
          </Link>
        ))}
      </nav>
      {emails.length ? (
        <TableScroll label="E-mails">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Created (UTC)</th>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last error</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {emails.map((email) => (
                <tr key={email.id}>
                  <td>{when.format(new Date(email.createdAt))}</td>
                  <td>{email.to}</td>
                  <td>
                    {email.subject}
                    {email.attachmentKind ? (
                      <span className="muted"> · with the {OUTBOX_ATTACHMENT_LABEL[email.attachmentKind]}</span>
                    ) : null}
                  </td>
                  <td>
                    <span className={`status status--${email.status}`}>{email.status}</span>
                    {email.sentAt ? <span className="muted"> {when.format(new Date(email.sentAt))}</span> : null}
                  </td>
                  <td>{email.attempts}</td>
                  <td className="muted">{email.lastError ?? ""}</td>
                  <td>
                    {email.status === "failed" ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="resend" />
                        <input type="hidden" name="id" value={email.id} />
                        <button
                          type="submit"
                          className="button button--secondary"
                          aria-label={`Re-send “${email.subject}” to ${email.to}`}
                        >
                          Re-send
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>No messages here.</p>
      )}
      <Pagination page={page} total={total} search={search} pageSize={OUTBOX_PAGE_SIZE} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
