/**
 * Fifty invoice orders at once through three processes on one database: signed-in buyers of
 * companies on Net 30 fill a cart and check out "pay by invoice" over plain HTTP. Every order gets
 * one invoice, numbered 1..N in the year with no gap and no repeat, for its order's total (the
 * sum of its lines), and one invoice e-mail in the outbox.
 */
import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";
import Database from "better-sqlite3";
import { busyLines, freshDatabase, inspect, integrity, pool, startServer, statusCounts, type Server } from "./harness";
import { figure, type Figure } from "./figures";

const PROCESSES = 3;
const COMPANIES = 10;
const ORDERS = 50;
const EMAIL = (i: number) => `terms-${i}@load.example`;

type Buyer = { email: string; cookie: string; productId: number; quantity: number };

/**
 * Companies on Net 30 with credit for far more than their orders, each with five company admins
 * (no spending limit, so no order waits for approval), signed in: a session row per buyer, as a
 * sign-in leaves it, and its cookie as the site sets it.
 */
async function termsBuyers(file: string): Promise<Buyer[]> {
  const db = new Database(file);
  try {
    const products = db
      .prepare(
        `SELECT id FROM products WHERE status = 'active' AND price_cents > 0 AND min_order_qty = 1 AND pack_size = 1
          ORDER BY id LIMIT 10`,
      )
      .all() as { id: number }[];
    if (products.length === 0) throw new Error("no product sold singly in the seed catalog");
    const company = db.prepare(
      "INSERT INTO companies (name, payment_terms, credit_limit_cents) VALUES (?, 'net30', 1000000000) RETURNING id",
    );
    const customer = db.prepare(
      "INSERT INTO customers (email, name, company_id, company_role) VALUES (?, ?, ?, 'company_admin') RETURNING id",
    );
    const session = db.prepare("INSERT INTO customer_sessions (token_hash, customer_id, expires_at) VALUES (?, ?, ?)");
    const sessionCookie = createCookie("ironaxis_buyer");
    const expires = new Date(Date.now() + 86_400_000).toISOString();
    const buyers: Buyer[] = [];
    const companyIds = Array.from(
      { length: COMPANIES },
      (_, c) => (company.get(`Reliability Terms ${c}`) as { id: number }).id,
    );
    for (let i = 0; i < ORDERS; i++) {
      const { id } = customer.get(EMAIL(i), `Terms Buyer ${i}`, companyIds[i % COMPANIES]) as { id: number };
      const token = crypto.randomBytes(32).toString("base64url");
      session.run(crypto.createHash("sha256").update(token).digest("hex"), id, expires);
      buyers.push({
        email: EMAIL(i),
        cookie: (await sessionCookie.serialize(token)).split(";")[0],
        productId: products[i % products.length].id,
        quantity: 1 + (i % 3),
      });
    }
    return buyers;
  } finally {
    db.close();
  }
}

const form = (fields: Record<string, string>) => ({
  method: "POST",
  redirect: "manual" as const,
  body: new URLSearchParams(fields).toString(),
});

/**
 * One buyer: add to the cart, read the checkout form's key, review the order (freight and tax),
 * place it on invoice at the total reviewed. Placed: 302 to the order's page.
 */
async function orderOnInvoice(server: Server, buyer: Buyer) {
  const steps: number[] = [];
  const headers = (cookie: string) => ({ "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie });
  try {
    const added = await fetch(`${server.origin}/cart`, {
      ...form({ intent: "add", productId: String(buyer.productId), quantity: String(buyer.quantity) }),
      headers: headers(buyer.cookie),
    });
    steps.push(added.status);
    await added.arrayBuffer();
    const cart = added.headers.get("set-cookie")?.split(";")[0];
    if (!cart) return { placed: false, steps };
    const cookies = `${buyer.cookie}; ${cart}`;
    const page = await fetch(`${server.origin}/checkout`, { headers: { Cookie: cookies } });
    steps.push(page.status);
    const submissionKey = (await page.text()).match(/name="submissionKey" value="([^"]+)"/)?.[1] ?? "missing";
    const fields = {
      company: "Reliability Terms",
      contactName: "Terms Buyer",
      email: buyer.email,
      shippingAddress: "1 Load Street, Houston, TX 77002, USA",
      poNumber: `PO-${buyer.email}`,
      paymentMethod: "invoice",
      submissionKey,
    };
    const review = await fetch(`${server.origin}/checkout`, {
      ...form({ ...fields, intent: "review" }),
      headers: headers(cookies),
    });
    steps.push(review.status);
    const reviewedTotalCents = (await review.text()).match(/name="reviewedTotalCents" value="(\d+)"/)?.[1] ?? "missing";
    const placed = await fetch(`${server.origin}/checkout`, {
      ...form({ ...fields, intent: "place", reviewedTotalCents }),
      headers: headers(cookies),
    });
    steps.push(placed.status);
    await placed.arrayBuffer();
    return { placed: placed.status === 302 && /^\/orders\//.test(placed.headers.get("location") ?? ""), steps };
  } catch (error) {
    return { placed: false, steps, error: String(error) };
  }
}

/** What the servers logged as an error or a 5xx answer (pino JSON lines), or wrote other than JSON. */
function errorLines(servers: Server[]) {
  return servers
    .flatMap((s) => [...s.stdout, ...s.stderr])
    .filter((line) => {
      try {
        const entry = JSON.parse(line) as { level?: number; status?: number };
        return (entry.level ?? 0) >= 50 || (entry.status ?? 0) >= 500;
      } catch {
        return line.trim() !== "";
      }
    });
}

type InvoiceRow = {
  reference: string;
  orderTotal: number;
  linesTotal: number;
  invoiceTotal: number | null;
  sequence: number | null;
  year: number | null;
  mails: number;
};

export async function concurrentInvoiceOrders(): Promise<Figure[]> {
  const database = freshDatabase("invoices");
  const buyers = await termsBuyers(database);
  const servers = await Promise.all(Array.from({ length: PROCESSES }, (_, i) => startServer(database, 3420 + i)));
  try {
    const started = Date.now();
    const outcomes = await pool(buyers, ORDERS, (buyer, i) => orderOnInvoice(servers[i % PROCESSES], buyer));
    const seconds = (Date.now() - started) / 1000;
    await Promise.all(servers.map((s) => s.stop()));
    const placed = outcomes.filter((o) => o.placed).length;
    const serverErrors = outcomes.flatMap((o) => o.steps).filter((s) => s >= 500).length;
    const busy = busyLines(servers.flatMap((s) => [...s.stdout, ...s.stderr]));
    const rows = inspect(
      database,
      (db) =>
        db
          .prepare(
            `SELECT o.reference, o.total_cents AS orderTotal,
                    (SELECT coalesce(sum(l.quantity * l.unit_price_cents), 0) FROM order_lines l WHERE l.order_id = o.id)
                      + o.tax_cents AS linesTotal,
                    i.total_cents AS invoiceTotal, i.sequence, i.year,
                    (SELECT count(*) FROM outbox_emails m
                      WHERE m."to" = o.email AND m.subject = 'Invoice ' || i.number || ' for order ' || o.reference) AS mails
               FROM orders o LEFT JOIN invoices i ON i.order_id = o.id
              WHERE o.email LIKE 'terms-%@load.example' AND o.payment_method = 'invoice'`,
          )
          .all() as InvoiceRow[],
    );
    const invoiced = rows.filter((row) => row.sequence !== null);
    const years = new Set(invoiced.map((row) => row.year));
    const sequences = invoiced.map((row) => row.sequence!).sort((a, b) => a - b);
    const gapFree = sequences.every((sequence, i) => sequence === i + 1);
    const duplicates = sequences.length - new Set(sequences).size;
    const wrongTotals = rows.filter(
      (row) => row.invoiceTotal !== row.orderTotal || row.orderTotal !== row.linesTotal,
    ).length;
    const mailProblems = rows.filter((row) => row.mails !== 1).length;
    const check = integrity(database);
    const t = "invoices";
    return [
      figure(
        t,
        `${PROCESSES} processes, ${ORDERS} invoice checkouts at once: placed`,
        `${placed}/${ORDERS} in ${seconds.toFixed(1)} s`,
        placed === ORDERS,
        JSON.stringify(statusCounts(outcomes.map((o) => o.steps.at(-1) ?? 0))),
      ),
      figure(
        t,
        "orders / invoices",
        `${rows.length} / ${invoiced.length}`,
        rows.length === ORDERS && invoiced.length === ORDERS,
      ),
      figure(
        t,
        "invoice numbers 1..N in the year: gaps / duplicates",
        `1..${sequences.at(-1) ?? 0}: ${gapFree ? 0 : "some"} / ${duplicates}`,
        gapFree && duplicates === 0 && sequences.length === ORDERS && years.size === 1,
        sequences.join(","),
      ),
      figure(t, "invoice ≠ order total ≠ sum of lines and tax", wrongTotals, wrongTotals === 0),
      figure(t, "orders without exactly one invoice e-mail", mailProblems, mailProblems === 0),
      figure(
        t,
        "5xx answers",
        serverErrors,
        serverErrors === 0,
        ["cart add", "checkout page", "review", "place order"]
          .map((step, i) => `${step}: ${JSON.stringify(statusCounts(outcomes.map((o) => o.steps[i] ?? 0)))}`)
          .join("; ") + ` | ${errorLines(servers).slice(0, 3).join("\n")}`,
      ),
      figure(t, "SQLITE_BUSY / locked in server output", busy.length, busy.length === 0, busy.slice(0, 3).join("\n")),
      figure(t, "integrity_check", check.integrity, check.integrity === "ok"),
    ];
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}
