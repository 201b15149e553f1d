import { sql } from "drizzle-orm";
import type { SendMailOptions, Transporter } from "nodemailer";
import type { OutboxAttachmentKind } from "~/admin/back-office";
import { outboxEmails } from "~db/schema";
import { db, isBusyError, sqlite, withBusyTimeout } from "./db.server";
import { env } from "./env.server";

const MAX_ATTEMPTS = 8;
const BATCH = 10;
/** While one worker sends a claimed message, the others leave it alone for this long. */
const LEASE_SECONDS = 120;

type Claimed = {
  id: number;
  to: string;
  subject: string;
  text: string;
  html: string;
  attempts: number;
  attachmentKind: OutboxAttachmentKind | null;
  attachmentId: number | null;
};

/** A document attached to an e-mail, rendered as the message is sent. */
export type MailDocument = { filename: string; content: Buffer; contentType: string };

/**
 * How each kind of attachment is rendered from the id of the row it shows; undefined when that
 * row is gone. Every kind has one, so no message goes out without the document it promises.
 */
export type MailDocuments = Record<OutboxAttachmentKind, (id: number) => Promise<MailDocument | undefined>>;

/**
 * Claims due messages atomically (one UPDATE … RETURNING), so several worker processes never
 * send the same message twice; a message whose worker dies is claimed again after its lease.
 */
function claimDue(): Claimed[] {
  // A background writer gives way at once when the lock is taken (the next tick tries again)
  // rather than holding up this process's requests for the whole busy timeout.
  try {
    return withBusyTimeout(50, () => claimDueNow());
  } catch (error) {
    if (isBusyError(error)) return [];
    throw error;
  }
}

function claimDueNow(): Claimed[] {
  return sqlite
    .prepare(
      `UPDATE outbox_emails
         SET attempts = attempts + 1,
             next_attempt_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+${LEASE_SECONDS} seconds')
       WHERE id IN (SELECT id FROM outbox_emails
                    WHERE status = 'pending' AND next_attempt_at <= strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                    ORDER BY next_attempt_at LIMIT ${BATCH})
       RETURNING id, "to", subject, text, html, attempts,
                 attachment_kind AS attachmentKind, attachment_id AS attachmentId`,
    )
    .all() as Claimed[];
}

function markSent(id: number) {
  db.update(outboxEmails)
    .set({ status: "sent", sentAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`, lastError: null })
    .where(sql`${outboxEmails.id} = ${id}`)
    .run();
}

function markFailed(message: Claimed, error: unknown) {
  const text = error instanceof Error ? error.message : String(error);
  const giveUp = message.attempts >= MAX_ATTEMPTS;
  // Back off 30 s, 1 min, 2 min … up to an hour between attempts.
  const delay = Math.min(30 * 2 ** (message.attempts - 1), 3600);
  db.update(outboxEmails)
    .set({
      status: giveUp ? "failed" : "pending",
      lastError: text.slice(0, 500),
      nextAttemptAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ${`+${delay} seconds`}))`,
    })
    .where(sql`${outboxEmails.id} = ${message.id}`)
    .run();
}

/** The message's document, rendered; a message whose document is gone fails rather than go out without it. */
async function attachmentsOf(message: Claimed, documents: MailDocuments | undefined) {
  if (message.attachmentKind === null || message.attachmentId === null) return [];
  const render = documents?.[message.attachmentKind];
  if (!render) throw new Error(`No renderer for ${message.attachmentKind} attachments`);
  const document = await render(message.attachmentId);
  if (!document) throw new Error(`The ${message.attachmentKind} ${message.attachmentId} to attach no longer exists`);
  return [document];
}

/**
 * Sends everything that is due through `transport`, a batch at a time, with the documents
 * `documents` renders; returns how many were sent.
 */
export async function deliverDueEmails(transport: Pick<Transporter, "sendMail">, documents?: MailDocuments) {
  let sent = 0;
  for (let batch = claimDue(); batch.length > 0; batch = claimDue()) {
    for (const message of batch) {
      try {
        await transport.sendMail({
          from: env.MAIL_FROM,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          attachments: await attachmentsOf(message, documents),
        });
        markSent(message.id);
        sent++;
      } catch (error) {
        markFailed(message, error);
      }
    }
  }
  return sent;
}

let started = false;

/**
 * Starts the outbox sender of this process. Without SMTP_URL, mail stays in the outbox (the
 * back office shows it) and the log says so once.
 */
export function startOutboxSender(documents: MailDocuments, smtpUrl = env.SMTP_URL, intervalMs = 1000) {
  if (started) return;
  started = true;
  if (!smtpUrl) {
    console.info(
      JSON.stringify({ event: "smtp_off", message: "SMTP_URL is not set: outgoing e-mail stays in the outbox." }),
    );
    return;
  }
  // A pooled transport keeps its connections open, so a full outbox drains quickly.
  const url = new URL(smtpUrl);
  if (!url.searchParams.has("pool")) url.searchParams.set("pool", "true");
  // nodemailer is loaded when the first message is due, not in every process at start.
  let pool: Transporter | undefined;
  const transport = {
    async sendMail(message: SendMailOptions) {
      pool ??= (await import("nodemailer")).default.createTransport(url.toString());
      return pool.sendMail(message);
    },
  };
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      await deliverDueEmails(transport, documents);
    } catch (error) {
      console.error(
        JSON.stringify({ event: "outbox_error", message: error instanceof Error ? error.message : String(error) }),
      );
    } finally {
      busy = false;
    }
  };
  setInterval(tick, intervalMs).unref();
}
