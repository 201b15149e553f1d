/**
 * Stripe's webhooks replayed, at once and out of order, against three processes on one database.
 * Twenty guest card orders are paid through the Stripe emulator (reported by the webhook or by the
 * buyer's return; two not reported at all), sales refunds part of some from the back office (twice
 * for a few), and three are refunded in part in Stripe's dashboard: one paid order, and the two
 * whose payment the site has not heard of, so that their refunds reach it before their payments.
 * A recorder stands in for the site's webhook endpoint
 * meanwhile and keeps every event Stripe sends; then each is delivered three times, spread over
 * the processes at once: the refunds' `refund.created` and `charge.refunded` first, before any
 * `checkout.session.completed`, then in a shuffled order. Each order must be paid once, each
 * Stripe refund must have exactly one credit note, each payment and credit note one e-mail
 * (written to the outbox and received by an SMTP server), no answer a 5xx, the database whole.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import http from "node:http";
import { createCookie } from "@remix-run/node";
import Database from "better-sqlite3";
import Stripe from "stripe";
import {
  busyLines,
  freshDatabase,
  inspect,
  integrity,
  pool,
  sleep,
  startServer,
  statusCounts,
  type Server,
} from "./harness";
import { figure, type Figure } from "./figures";

const PROCESSES = 3;
const ORDERS = 20;
const COPIES = 3;
const SERVER_PORT = 3470;
const STRIPE_PORT = 3473;
const RECORDER_PORT = 3474;
const SMTP_PORT = 3475;
const MAIL_HTTP_PORT = 3476;
const STRIPE_SECRET_KEY = "sk_test_reliability";
const WEBHOOK_SECRET = "whsec_reliability";
const EMAIL = (i: number) => `replay-${i}@load.example`;

type CapturedEvent = { id: string; type: string; payload: string };

/** Stands in for the site's webhook endpoint while the orders are paid and refunded: keeps each event, answers 200. */
function startRecorder() {
  const events: CapturedEvent[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const payload = Buffer.concat(chunks).toString("utf8");
      const { id, type } = JSON.parse(payload) as { id: string; type: string };
      if (!events.some((event) => event.id === id)) events.push({ id, type, payload });
      res.writeHead(200, { "Content-Type": "application/json" }).end('{"received":true}');
    });
  });
  return new Promise<{ events: CapturedEvent[]; close: () => Promise<void> }>((resolve) =>
    server.listen(RECORDER_PORT, "127.0.0.1", () =>
      resolve({ events, close: () => new Promise((done) => server.close(() => done())) }),
    ),
  );
}

/** A support server of the end-to-end tests (the Stripe emulator, the SMTP catcher), run by tsx in one process. */
async function startHelper(script: string, args: string[], env: Record<string, string>, healthz: string) {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const stderr: string[] = [];
  child.stderr!.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  for (let i = 0; i < 300 && child.exitCode === null; i++) {
    try {
      if ((await fetch(healthz)).ok) return child;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  child.kill("SIGKILL");
  throw new Error(`${script} did not start:\n${stderr.join("")}`);
}

const stopHelper = (child: ChildProcess | undefined) =>
  new Promise<void>((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });

/** A sales user with a back-office session, as signing in leaves it; the session's cookie. */
async function salesCookie(file: string) {
  const db = new Database(file);
  try {
    const { id } = db
      .prepare("INSERT INTO users (email, name, role, password_hash) VALUES (?, ?, 'sales', 'unused') RETURNING id")
      .get("replays@ironaxis.test", "Replay Sales") as { id: number };
    const token = crypto.randomBytes(32).toString("base64url");
    db.prepare("INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)").run(
      crypto.createHash("sha256").update(token).digest("hex"),
      id,
      new Date(Date.now() + 86_400_000).toISOString(),
    );
    return (await createCookie("ironaxis_admin").serialize(token)).split(";")[0];
  } finally {
    db.close();
  }
}

const formPost = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: "POST",
  redirect: "manual" as const,
  headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
  body: new URLSearchParams(fields).toString(),
});

type PaidOrder = { index: number; sessionId?: string; paymentIntent?: string; steps: number[]; error?: string };

/** Orders whose payment the site hears of only in the replays, after a refund of it made in Stripe's dashboard. */
const unreported = (index: number) => index % 10 === 7;

/**
 * A guest buys by card: cart, checkout, Stripe's hosted page, Pay. Even orders learn of the payment
 * from the webhook (the event the recorder kept, delivered once now), odd ones from the buyer's
 * return to the order page, and the `unreported` ones not yet.
 */
async function buyByCard(server: Server, productId: number, index: number, events: CapturedEvent[]) {
  const result: PaidOrder = { index, steps: [] };
  try {
    const added = await fetch(
      `${server.origin}/cart`,
      formPost({ intent: "add", productId: String(productId), quantity: "2" }),
    );
    result.steps.push(added.status);
    await added.arrayBuffer();
    const cart = added.headers.get("set-cookie")?.split(";")[0] ?? "";
    const page = await fetch(`${server.origin}/checkout`, { headers: { Cookie: cart } });
    result.steps.push(page.status);
    const submissionKey = (await page.text()).match(/name="submissionKey" value="([^"]+)"/)?.[1] ?? "missing";
    const fields = {
      company: "Replay Works",
      contactName: "Replay Buyer",
      email: EMAIL(index),
      shippingAddress: "1 Replay Street, Houston, TX 77002, USA",
      paymentMethod: "card",
      submissionKey,
    };
    // Reviewed first (freight and tax), then placed at the total reviewed.
    const review = await fetch(
      `${server.origin}/checkout`,
      formPost({ ...fields, intent: "review" }, { Cookie: cart }),
    );
    result.steps.push(review.status);
    const reviewedTotalCents = (await review.text()).match(/name="reviewedTotalCents" value="(\d+)"/)?.[1] ?? "missing";
    const placed = await fetch(
      `${server.origin}/checkout`,
      formPost({ ...fields, intent: "place", reviewedTotalCents }, { Cookie: cart }),
    );
    result.steps.push(placed.status);
    await placed.arrayBuffer();
    const hosted = placed.headers.get("location") ?? "";
    result.sessionId = hosted.match(/\/pay\/(cs_test_[A-Za-z0-9]+)/)?.[1];
    if (!result.sessionId) return result;
    const paid = await fetch(`http://127.0.0.1:${STRIPE_PORT}/pay/${result.sessionId}/pay`, {
      method: "POST",
      redirect: "manual",
    });
    result.steps.push(paid.status);
    await paid.arrayBuffer();
    if (unreported(index)) {
      const session = (await (
        await fetch(`http://127.0.0.1:${STRIPE_PORT}/_control/sessions/${result.sessionId}`)
      ).json()) as { payment_intent: string };
      result.paymentIntent = session.payment_intent;
    } else if (index % 2 === 0) {
      const completed = events.find(
        (event) => event.type === "checkout.session.completed" && event.payload.includes(result.sessionId!),
      );
      result.steps.push(completed ? (await deliver(server, completed)).status : 0);
    } else {
      const back = await fetch(paid.headers.get("location") ?? "", { redirect: "manual" });
      result.steps.push(back.status);
      await back.arrayBuffer();
    }
  } catch (error) {
    result.error = String(error);
  }
  return result;
}

/** One delivery of a kept event, signed now (Stripe signs each attempt). */
async function deliver(server: Server, event: CapturedEvent) {
  try {
    const response = await fetch(`${server.origin}/webhooks/stripe`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "Stripe-Signature": Stripe.webhooks.generateTestHeaderString({
          payload: event.payload,
          secret: WEBHOOK_SECRET,
        }),
      },
      body: event.payload,
    });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    return { status: 0, body: String(error) };
  }
}

/** A shuffle with its seed printed, so a failing order can be replayed. */
function shuffled<T>(items: T[], seed: number) {
  let state = seed;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

type OrderRow = {
  reference: string;
  email: string;
  status: string;
  payments: number;
  paidMoves: number;
  paidMails: number;
  creditNotes: number;
  creditMails: number;
};

export async function webhookReplays(): Promise<Figure[]> {
  const t = "webhook-replays";
  const database = freshDatabase("webhook-replays");
  const sales = await salesCookie(database);
  const recorder = await startRecorder();
  let stripe: ChildProcess | undefined;
  let smtp: ChildProcess | undefined;
  let servers: Server[] = [];
  try {
    stripe = await startHelper(
      "tests/support/stripe-emulator.ts",
      [],
      {
        STRIPE_EMULATOR_PORT: String(STRIPE_PORT),
        STRIPE_WEBHOOK_URL: `http://127.0.0.1:${RECORDER_PORT}/`,
        STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      },
      `http://127.0.0.1:${STRIPE_PORT}/healthz`,
    );
    smtp = await startHelper(
      "tests/support/smtp-catcher.ts",
      [String(SMTP_PORT), String(MAIL_HTTP_PORT)],
      {},
      `http://127.0.0.1:${MAIL_HTTP_PORT}/healthz`,
    );
    const stripeEnv = {
      STRIPE_SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_HOST: "127.0.0.1",
      STRIPE_API_PORT: String(STRIPE_PORT),
      STRIPE_API_PROTOCOL: "http",
      SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
      // One site on three ports: the buyer's links and the back office's same-origin check name the first.
      SITE_URL: `http://127.0.0.1:${SERVER_PORT}`,
    };
    servers = await Promise.all(
      Array.from({ length: PROCESSES }, (_, i) => startServer(database, SERVER_PORT + i, stripeEnv)),
    );
    const products = inspect(
      database,
      (db) =>
        db
          .prepare(
            `SELECT id FROM products WHERE status = 'active' AND price_cents > 0 AND min_order_qty = 1 AND pack_size = 1
              ORDER BY id LIMIT 5`,
          )
          .all() as { id: number }[],
    );

    // Paid: twenty orders at once over the three processes.
    const bought = await pool(
      Array.from({ length: ORDERS }, (_, i) => i),
      10,
      (i) => buyByCard(servers[i % PROCESSES], products[i % products.length].id, i, recorder.events),
    );
    const orders = inspect(
      database,
      (db) =>
        db
          .prepare(
            `SELECT id, email, total_cents AS total, stripe_payment_intent_id AS intent FROM orders
              WHERE email LIKE 'replay-%@load.example' ORDER BY id`,
          )
          .all() as { id: number; email: string; total: number; intent: string | null }[],
    );
    // Placed at once, the orders' ids are in no particular order: each is known by its buyer's number.
    const orderOf = (index: number) => orders.find((order) => order.email === EMAIL(index))!;

    // Refunded in part by sales: a third of the orders once, a sixth of them a second time. In
    // Stripe's dashboard: one paid order, and the orders whose payment the site has not heard of.
    const refundSteps: number[] = [];
    const refundErrors: string[] = [];
    const refundPlan = Array.from({ length: ORDERS }, (_, i) => i).flatMap((i) =>
      i % 3 === 0 && !unreported(i)
        ? [{ order: orderOf(i), cents: 1_00 + i }, ...(i % 6 === 0 ? [{ order: orderOf(i), cents: 2_00 + i }] : [])]
        : [],
    );
    for (const { order, cents } of refundPlan) {
      const { origin } = servers[order.id % PROCESSES];
      const refunded = await fetch(
        `${origin}/admin/orders/${order.id}`,
        formPost(
          {
            intent: "refund",
            amount: (cents / 100).toFixed(2),
            creditReason: "Replay test: part refund",
            requestKey: crypto.randomBytes(12).toString("base64url"),
          },
          { Cookie: sales, Origin: origin },
        ),
      );
      refundSteps.push(refunded.status);
      const answer = await refunded.text();
      if (refunded.status >= 400) refundErrors.push(`${refunded.status}: ${answer.slice(0, 200)}`);
    }
    const dashboardIntents = [
      orderOf(1).intent,
      ...bought.filter((b) => unreported(b.index)).map((b) => b.paymentIntent),
    ];
    for (const intent of dashboardIntents) {
      const dashboard = await fetch(`http://127.0.0.1:${STRIPE_PORT}/_control/payment-intents/${intent}/refunds`, {
        method: "POST",
        body: JSON.stringify({ amount: 3_00 }),
      });
      refundSteps.push(dashboard.status);
      await dashboard.arrayBuffer();
    }
    const refundsMade = recorder.events.filter((event) => event.type === "refund.created").length;

    // Replayed: each event three times, at once over the processes; the refunds' events first.
    const seed = crypto.randomInt(1, 2 ** 31 - 1);
    const isRefundEvent = (event: CapturedEvent) => event.type !== "checkout.session.completed";
    const captured = [...recorder.events];
    const firstRound = [...captured.filter(isRefundEvent), ...captured.filter((event) => !isRefundEvent(event))];
    const rest = shuffled(Array.from({ length: COPIES - 1 }, () => captured).flat(), seed);
    const deliveries = [...firstRound, ...rest];
    const started = Date.now();
    const answers = await pool(deliveries, 24, (event, i) => deliver(servers[i % PROCESSES], event));
    const seconds = (Date.now() - started) / 1000;

    // Sent: the outbox drained to the SMTP server by the processes' mailers.
    const pending = () =>
      inspect(
        database,
        (db) => (db.prepare("SELECT count(*) AS n FROM outbox_emails WHERE status <> 'sent'").get() as { n: number }).n,
      );
    for (let i = 0; i < 600 && pending() > 0; i++) await sleep(100);
    const unsent = pending();
    await Promise.all(servers.map((s) => s.stop()));

    const rows = inspect(
      database,
      (db) =>
        db
          .prepare(
            `SELECT o.reference, o.email, o.status,
                    (SELECT count(*) FROM invoice_payments p JOIN invoices i ON i.id = p.invoice_id WHERE i.order_id = o.id) AS payments,
                    (SELECT count(*) FROM order_events e WHERE e.order_id = o.id AND e.status = 'paid' AND e.note LIKE 'Paid by card%') AS paidMoves,
                    (SELECT count(*) FROM outbox_emails m WHERE m.subject = 'Payment received for order ' || o.reference) AS paidMails,
                    (SELECT count(*) FROM credit_notes c WHERE c.order_id = o.id) AS creditNotes,
                    (SELECT count(*) FROM outbox_emails m WHERE m.subject LIKE 'Refund of % for order ' || o.reference) AS creditMails
               FROM orders o WHERE o.email LIKE 'replay-%@load.example'`,
          )
          .all() as OrderRow[],
    );
    const creditNotes = inspect(
      database,
      (db) =>
        db
          .prepare(
            "SELECT count(*) AS n, count(DISTINCT stripe_refund_id) AS refunds FROM credit_notes WHERE stripe_refund_id IS NOT NULL",
          )
          .get() as { n: number; refunds: number },
    );
    const caught = (await (await fetch(`http://127.0.0.1:${MAIL_HTTP_PORT}/messages`)).json()) as { subject: string }[];
    const caughtSubjects = statusCountsOf(caught.map((mail) => mail.subject));
    const mailedTwice = Object.entries(caughtSubjects).filter(([, n]) => n > 1);
    const paidOnce = rows.filter((row) => row.payments === 1 && row.paidMoves === 1 && row.paidMails === 1).length;
    const creditMailProblems = rows.filter((row) => row.creditMails !== row.creditNotes).length;
    const expectedMails = rows.reduce((sum, row) => sum + row.paidMails + row.creditMails, 0);
    const caughtOfOrders = caught.filter(
      (mail) =>
        /^(Payment received for order|Refund of \$[\d,.]+ for order) /.test(mail.subject) &&
        rows.some((row) => mail.subject.endsWith(`order ${row.reference}`)),
    ).length;
    const buySteps = bought.flatMap((order) => order.steps);
    const fiveHundreds = [...buySteps, ...refundSteps, ...answers.map((a) => a.status)].filter(
      (s) => s >= 500 || s === 0,
    );
    const webhookStatuses = statusCounts(answers.map((a) => a.status));
    const results = statusCountsOf(
      answers.map((a) => (JSON.parse(a.body || "{}") as { result?: string }).result ?? a.body.slice(0, 40)),
    );
    const busy = busyLines(servers.flatMap((s) => [...s.stdout, ...s.stderr]));
    const check = integrity(database);
    return [
      figure(
        t,
        `${ORDERS} card orders paid over ${PROCESSES} processes (by webhook, by the return, or only in the replays)`,
        `${rows.filter((row) => row.status === "paid").length}/${ORDERS}`,
        rows.length === ORDERS && rows.every((row) => row.status === "paid"),
        JSON.stringify({ steps: statusCounts(buySteps), errors: bought.filter((b) => b.error).map((b) => b.error) }),
      ),
      figure(
        t,
        `refunds made (sales ${refundPlan.length}, dashboard ${dashboardIntents.length}) / answered 3xx or 200`,
        `${refundsMade} / ${refundSteps.filter((s) => s < 400).length}`,
        refundsMade === refundPlan.length + dashboardIntents.length && refundSteps.every((s) => s < 400),
        `${JSON.stringify(statusCounts(refundSteps))} ${refundErrors.slice(0, 2).join(" | ")}`,
      ),
      figure(
        t,
        `${captured.length} events × ${COPIES}, refunds' first, at once: delivered`,
        `${deliveries.length} in ${seconds.toFixed(1)} s ${JSON.stringify(webhookStatuses)}`,
        answers.every((a) => a.status === 200),
        `seed ${seed}; results ${JSON.stringify(results)}`,
      ),
      figure(
        t,
        "orders paid once (one payment, one paid move, one e-mail)",
        `${paidOnce}/${ORDERS}`,
        paidOnce === ORDERS,
        JSON.stringify(rows.filter((row) => row.payments !== 1 || row.paidMoves !== 1 || row.paidMails !== 1)),
      ),
      figure(
        t,
        "credit notes / Stripe refunds (distinct refund ids)",
        `${creditNotes.n} / ${refundsMade} (${creditNotes.refunds})`,
        creditNotes.n === refundsMade && creditNotes.refunds === refundsMade,
      ),
      figure(t, "orders whose credit-note e-mails ≠ credit notes", creditMailProblems, creditMailProblems === 0),
      figure(
        t,
        "e-mails of payments and credit notes: outbox / received by SMTP / unsent / received twice",
        `${expectedMails} / ${caughtOfOrders} / ${unsent} / ${mailedTwice.length}`,
        caughtOfOrders === expectedMails && unsent === 0 && mailedTwice.length === 0,
        JSON.stringify(mailedTwice.slice(0, 3)),
      ),
      figure(
        t,
        "5xx (or no answer) anywhere",
        fiveHundreds.length,
        fiveHundreds.length === 0,
        errorLines(servers).slice(0, 3).join("\n"),
      ),
      figure(t, "SQLITE_BUSY / locked in server output", busy.length, busy.length === 0, busy.slice(0, 3).join("\n")),
      figure(t, "integrity_check", check.integrity, check.integrity === "ok"),
    ];
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await Promise.all([stopHelper(stripe), stopHelper(smtp), recorder.close()]);
  }
}

/** What the servers logged as an error or a 5xx answer (pino JSON lines), or wrote other than JSON. */
function errorLines(servers: Server[]) {
  return servers
    .flatMap((s) => [...s.stderr, ...s.stdout])
    .filter((line) => {
      try {
        const entry = JSON.parse(line) as { level?: number; status?: number; event?: string };
        return (entry.level ?? 0) >= 50 || (entry.status ?? 0) >= 500 || /error/.test(entry.event ?? "");
      } catch {
        return line.trim() !== "";
      }
    });
}

function statusCountsOf(values: string[]) {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
