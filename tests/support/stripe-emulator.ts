/**
 * A Stripe API emulator for the end-to-end tests: a real HTTP server that speaks the wire format
 * stripe-node uses (form-encoded bodies with bracket keys, JSON answers, Idempotency-Key) for
 * Checkout Sessions and the coupons their `discounts` apply, Customers, Stripe Tax on sessions with
 * `automatic_tax` (from the customer's address and `STATE_TAX_RATES`, `stripe-tax-emulation.ts`),
 * refunds of the payments they took
 * (with `refund.created` and `charge.refunded` delivered after the answer, as Stripe does),
 * serves a minimal hosted checkout page, and delivers signed webhook events.
 *
 *   tsx tests/support/stripe-emulator.ts
 *   env: STRIPE_EMULATOR_PORT (3227), STRIPE_WEBHOOK_URL, STRIPE_WEBHOOK_SECRET
 *
 * Control API for tests (JSON in, JSON out), under /_control:
 *   POST /_control/fail-next            { count, customer_email }
 *        the next `count` API calls for that buyer (their `customer_email`, a customer's `email`, or
 *        the e-mail of the `customer` named) answer 500; tests running
 *        beside each other are not failed by each other's switch
 *   POST /_control/sessions/:id/events  { type, times?, overrides? }
 *        delivers one event (same id `times` times) built from the session, with `overrides`
 *        merged into the session object of that event only; answers the webhook's statuses
 *   POST /_control/sessions/:id/amount  { amount_total }    Stripe will report this amount
 *   GET  /_control/sessions/:id                             the session as stored
 *   GET  /_control/calls                                    API calls received (method, path, key, status)
 *   POST /_control/payment-intents/:id/refunds  { amount? }  a refund made in Stripe's dashboard (no
 *        metadata), its events delivered; answers the refund
 *   POST /_control/refunds/:id/events           { type, times? }
 *        delivers `refund.created`/`refund.updated` (the refund) or `charge.refunded` (its charge)
 *        again, the same event `times` times; answers the webhook's statuses
 */
import crypto from "node:crypto";
import http from "node:http";
import Stripe from "stripe";
import { emulatedTax } from "./stripe-tax-emulation";

const port = Number(process.env.STRIPE_EMULATOR_PORT ?? 3227);
const webhookUrl = process.env.STRIPE_WEBHOOK_URL ?? "http://127.0.0.1:3210/webhooks/stripe";
const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET ?? "whsec_e2e_emulator";
const origin = `http://127.0.0.1:${port}`;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Session = {
  id: string;
  object: "checkout.session";
  mode: string;
  url: string | null;
  status: "open" | "complete" | "expired";
  payment_status: "unpaid" | "paid" | "no_payment_required";
  amount_subtotal: number;
  amount_total: number;
  currency: string;
  customer_email: string | null;
  customer: string | null;
  automatic_tax: { enabled: boolean; status: "complete" | null };
  client_reference_id: string | null;
  metadata: Record<string, string>;
  payment_intent: string | null;
  success_url: string;
  cancel_url: string | null;
  created: number;
  expires_at: number;
  livemode: false;
  total_details: { amount_discount: number; amount_shipping: number; amount_tax: number };
  line_items_input: Json;
  discounts_input: string[];
};
type Coupon = {
  id: string;
  object: "coupon";
  amount_off: number | null;
  percent_off: number | null;
  currency: string | null;
  duration: "once" | "repeating" | "forever";
  max_redemptions: number | null;
  name: string | null;
  times_redeemed: number;
  valid: boolean;
  created: number;
  livemode: false;
};
type Address = {
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  country: string | null;
};
type Customer = {
  id: string;
  object: "customer";
  email: string | null;
  name: string | null;
  address: Address | null;
  shipping: { name: string; address: Address } | null;
  tax_exempt: "none" | "exempt" | "reverse";
  metadata: Record<string, string>;
  created: number;
  livemode: false;
};
type PaymentIntent = { id: string; charge: string; amount: number; currency: string; refunds: Refund[] };
type Refund = {
  id: string;
  object: "refund";
  amount: number;
  currency: string;
  payment_intent: string;
  charge: string;
  status: "succeeded";
  reason: string | null;
  metadata: Record<string, string>;
  created: number;
};
type Answer = { status: number; body: Json };
type Call = { method: string; path: string; idempotencyKey: string | null; status: number; at: string };

const sessions = new Map<string, Session>();
const coupons = new Map<string, Coupon>();
const customers = new Map<string, Customer>();
const paymentIntents = new Map<string, PaymentIntent>();
const refunds = new Map<string, Refund>();
/** Webhooks to send once the API call that caused them has been answered. */
let afterAnswer: (() => Promise<unknown>)[] = [];
const idempotent = new Map<string, { fingerprint: string; answer: Answer }>();
const calls: Call[] = [];
let failNext = { count: 0, customerEmail: "" };

const randomId = (prefix: string) => `${prefix}_${crypto.randomBytes(12).toString("base64url").replace(/[-_]/g, "x")}`;

/** `line_items[0][price_data][unit_amount]=100` → { line_items: [{ price_data: { unit_amount: "100" } }] } */
export function parseStripeForm(body: string) {
  const root: Record<string, Json> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, "").split("[");
    let node: Json = root;
    path.forEach((segment, i) => {
      const last = i === path.length - 1;
      const container = node as Record<string, Json> & Json[];
      const slot = segment === "" && Array.isArray(container) ? String(container.length) : segment;
      if (last) {
        container[slot as never] = value as never;
        return;
      }
      if (container[slot as never] === undefined) {
        container[slot as never] = (/^\d*$/.test(path[i + 1]) ? [] : {}) as never;
      }
      node = container[slot as never] as Json;
    });
  }
  return root;
}

class StripeError extends Error {
  constructor(
    public status: number,
    message: string,
    public param?: string,
    public code = "parameter_invalid",
    public type = "invalid_request_error",
  ) {
    super(message);
  }
  toJson(): Json {
    return {
      error: { type: this.type, code: this.code, message: this.message, ...(this.param && { param: this.param }) },
    };
  }
}

const missing = (param: string) =>
  new StripeError(400, `Missing required param: ${param}.`, param, "parameter_missing");
const isInteger = (value: Json | undefined) => typeof value === "string" && /^-?\d+$/.test(value);

function createCoupon(params: Record<string, Json>): Coupon {
  const amountOff = params.amount_off;
  const percentOff = params.percent_off;
  if ((amountOff === undefined) === (percentOff === undefined))
    throw new StripeError(400, "You must pass exactly one of amount_off or percent_off.", "amount_off");
  if (amountOff !== undefined && (!isInteger(amountOff) || Number(amountOff) < 1))
    throw new StripeError(400, "Invalid positive integer", "amount_off");
  if (amountOff !== undefined && typeof params.currency !== "string")
    throw new StripeError(400, "You must pass currency when passing amount_off.", "currency");
  if (percentOff !== undefined && !(Number(percentOff) > 0 && Number(percentOff) <= 100))
    throw new StripeError(400, "Invalid percent_off", "percent_off");
  const duration = params.duration ?? "once";
  if (duration !== "once" && duration !== "repeating" && duration !== "forever")
    throw new StripeError(400, `Invalid duration: ${String(duration)}`, "duration");
  if (typeof params.name === "string" && params.name.length > 40)
    throw new StripeError(400, "Coupon names are at most 40 characters.", "name");
  const coupon: Coupon = {
    id: randomId("cpn").slice(0, 12),
    object: "coupon",
    amount_off: amountOff === undefined ? null : Number(amountOff),
    percent_off: percentOff === undefined ? null : Number(percentOff),
    currency: typeof params.currency === "string" ? params.currency.toLowerCase() : null,
    duration,
    max_redemptions: isInteger(params.max_redemptions) ? Number(params.max_redemptions) : null,
    name: typeof params.name === "string" ? params.name : null,
    times_redeemed: 0,
    valid: true,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
  };
  coupons.set(coupon.id, coupon);
  return coupon;
}

function addressOf(raw: Json | undefined, param: string): Address | null {
  if (raw === undefined || raw === "") return null;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw new StripeError(400, "Invalid object", param);
  const field = (name: string) => (typeof raw[name] === "string" ? (raw[name] as string) : null);
  const country = field("country");
  if (country !== null && !/^[A-Z]{2}$/.test(country))
    throw new StripeError(400, `Invalid country: ${country}`, `${param}[country]`);
  return {
    line1: field("line1"),
    line2: field("line2"),
    city: field("city"),
    state: field("state"),
    postal_code: field("postal_code"),
    country,
  };
}

function createCustomer(params: Record<string, Json>): Customer {
  const taxExempt = params.tax_exempt ?? "none";
  if (taxExempt !== "none" && taxExempt !== "exempt" && taxExempt !== "reverse")
    throw new StripeError(400, `Invalid tax_exempt: ${String(taxExempt)}`, "tax_exempt");
  const shipping = params.shipping as Record<string, Json> | undefined;
  if (shipping !== undefined && (typeof shipping.name !== "string" || !shipping.name)) throw missing("shipping[name]");
  const customer: Customer = {
    id: randomId("cus").slice(0, 18),
    object: "customer",
    email: typeof params.email === "string" ? params.email : null,
    name: typeof params.name === "string" ? params.name : null,
    address: addressOf(params.address, "address"),
    shipping: shipping
      ? { name: shipping.name as string, address: addressOf(shipping.address, "shipping[address]")! }
      : null,
    tax_exempt: taxExempt,
    metadata: (params.metadata ?? {}) as Record<string, string>,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
  };
  customers.set(customer.id, customer);
  return customer;
}

/** Where Stripe Tax places a customer: the shipping address, else the billing address; U.S. with a state and ZIP only. */
function taxLocationOf(customer: Customer) {
  const address = customer.shipping?.address ?? customer.address;
  if (!address || address.country !== "US" || !address.state || !address.postal_code) return undefined;
  return address.state;
}

/** What a session's `discounts` take off its subtotal: Checkout applies one coupon. */
function discountOf(params: Record<string, Json>, subtotal: number, currency: string) {
  const discounts = params.discounts;
  if (discounts === undefined) return 0;
  if (!Array.isArray(discounts) || discounts.length !== 1)
    throw new StripeError(400, "You may only specify one discount.", "discounts");
  const id = (discounts[0] as Record<string, Json>).coupon;
  if (typeof id !== "string") throw missing("discounts[0][coupon]");
  const coupon = coupons.get(id);
  if (!coupon) throw new StripeError(400, `No such coupon: '${id}'`, "discounts[0][coupon]", "resource_missing");
  if (!coupon.valid || (coupon.max_redemptions !== null && coupon.times_redeemed >= coupon.max_redemptions))
    throw new StripeError(400, `Coupon ${id} is no longer valid.`, "discounts[0][coupon]", "coupon_expired");
  if (coupon.amount_off !== null && coupon.currency !== currency)
    throw new StripeError(400, "The coupon's currency does not match the line items'.", "discounts[0][coupon]");
  const off = coupon.amount_off ?? Math.round((subtotal * coupon.percent_off!) / 100);
  return Math.min(off, subtotal);
}

function createSession(params: Record<string, Json>): Session {
  const mode = params.mode;
  if (mode === undefined) throw missing("mode");
  if (mode !== "payment")
    throw new StripeError(400, `Invalid mode: this emulator only supports "payment", got ${String(mode)}.`, "mode");
  if (typeof params.success_url !== "string") throw missing("success_url");
  if (!/^https?:\/\//.test(params.success_url))
    throw new StripeError(400, "Not a valid URL", "success_url", "url_invalid");
  const items = params.line_items;
  if (!Array.isArray(items) || items.length === 0) throw missing("line_items");
  if (params.customer !== undefined && params.customer_email !== undefined)
    throw new StripeError(400, "You may only specify one of these parameters: customer, customer_email.", "customer");
  const customer = params.customer === undefined ? undefined : customers.get(String(params.customer));
  if (params.customer !== undefined && !customer)
    throw new StripeError(400, `No such customer: '${String(params.customer)}'`, "customer", "resource_missing");
  const automaticTax = (params.automatic_tax as Record<string, Json> | undefined)?.enabled === "true";
  const taxState = customer && taxLocationOf(customer);
  // This emulator does not collect an address on its page: a session with tax needs a customer it can place.
  if (automaticTax && customer?.tax_exempt !== "exempt" && !taxState)
    throw new StripeError(
      400,
      "Automatic tax calculation requires a valid customer address (a U.S. state and postal code).",
      "customer",
      "customer_tax_location_invalid",
    );
  let total = 0;
  const taxItems: { amount: number; taxable: boolean }[] = [];
  const currencies = new Set<string>();
  items.forEach((raw, i) => {
    const item = raw as Record<string, Json>;
    const where = `line_items[${i}]`;
    if (!isInteger(item.quantity) || Number(item.quantity) < 1)
      throw new StripeError(400, "Invalid integer: quantity", `${where}[quantity]`);
    const price = item.price_data as Record<string, Json> | undefined;
    if (!price) throw missing(`${where}[price_data]`);
    if (typeof price.currency !== "string") throw missing(`${where}[price_data][currency]`);
    if (!isInteger(price.unit_amount) || Number(price.unit_amount) < 0)
      throw new StripeError(400, "Invalid integer", `${where}[price_data][unit_amount]`);
    const product = price.product_data as Record<string, Json> | undefined;
    if (!product || typeof product.name !== "string" || !product.name)
      throw missing(`${where}[price_data][product_data][name]`);
    if (
      price.tax_behavior !== undefined &&
      !["exclusive", "inclusive", "unspecified"].includes(String(price.tax_behavior))
    )
      throw new StripeError(
        400,
        `Invalid tax_behavior: ${String(price.tax_behavior)}`,
        `${where}[price_data][tax_behavior]`,
      );
    // Stripe needs to know whether a price includes tax before it can add any (an account default aside: we set none).
    if (automaticTax && price.tax_behavior !== "exclusive")
      throw new StripeError(
        400,
        "This emulator computes tax on prices with tax_behavior=exclusive only.",
        `${where}[price_data][tax_behavior]`,
      );
    if (product.tax_code !== undefined && !/^txcd_\d{8}$/.test(String(product.tax_code)))
      throw new StripeError(
        400,
        `Invalid tax code: ${String(product.tax_code)}`,
        `${where}[price_data][product_data][tax_code]`,
      );
    currencies.add(price.currency.toLowerCase());
    const amount = Number(price.unit_amount) * Number(item.quantity);
    total += amount;
    taxItems.push({ amount, taxable: product.tax_code !== "txcd_00000000" });
  });
  if (currencies.size > 1) throw new StripeError(400, "All line items must have the same currency.", "line_items");
  const metadata = (params.metadata ?? {}) as Record<string, string>;
  for (const [key, value] of Object.entries(metadata)) {
    if (key.length > 40 || String(value).length > 500)
      throw new StripeError(400, "Metadata keys are at most 40 and values at most 500 characters.", `metadata[${key}]`);
  }
  if (params.customer_email !== undefined && !/^[^@\s]+@[^@\s]+$/.test(String(params.customer_email))) {
    throw new StripeError(400, "Invalid email address", "customer_email", "email_invalid");
  }
  const discount = discountOf(params, total, [...currencies][0]);
  const tax = automaticTax
    ? emulatedTax(taxItems, discount, { state: taxState ?? null, exempt: customer?.tax_exempt === "exempt" })
    : 0;
  const id = `cs_test_${crypto.randomBytes(24).toString("base64url").replace(/[-_]/g, "a")}`;
  const now = Math.floor(Date.now() / 1000);
  const session: Session = {
    id,
    object: "checkout.session",
    mode,
    url: `${origin}/pay/${id}`,
    status: "open",
    payment_status: "unpaid",
    amount_subtotal: total,
    amount_total: total - discount + tax,
    total_details: { amount_discount: discount, amount_shipping: 0, amount_tax: tax },
    currency: [...currencies][0],
    customer_email: (params.customer_email as string) ?? customer?.email ?? null,
    customer: customer?.id ?? null,
    automatic_tax: { enabled: automaticTax, status: automaticTax ? "complete" : null },
    client_reference_id: (params.client_reference_id as string) ?? null,
    metadata,
    payment_intent: null,
    success_url: params.success_url,
    cancel_url: typeof params.cancel_url === "string" ? params.cancel_url : null,
    created: now,
    expires_at: now + 24 * 3600,
    livemode: false,
    line_items_input: items,
    discounts_input: Array.isArray(params.discounts)
      ? params.discounts.map((d) => String((d as Record<string, Json>).coupon))
      : [],
  };
  sessions.set(id, session);
  return session;
}

/** The session as Stripe shows it (our bookkeeping of the line items left out). */
function view(session: Session): Json {
  const { line_items_input: _items, discounts_input: _discounts, ...visible } = session;
  return { ...visible, url: session.status === "open" ? session.url : null };
}

function findSession(id: string) {
  const session = sessions.get(id);
  if (!session) throw new StripeError(404, `No such checkout.session: '${id}'`, "id", "resource_missing");
  return session;
}

const REFUND_REASONS = ["duplicate", "fraudulent", "requested_by_customer"];
const unrefunded = (intent: PaymentIntent) => intent.amount - intent.refunds.reduce((sum, r) => sum + r.amount, 0);

/** The charge of a payment intent as `charge.refunded` carries it, with its refunds listed. */
const chargeOf = (intent: PaymentIntent): Json => ({
  id: intent.charge,
  object: "charge",
  amount: intent.amount,
  amount_refunded: intent.amount - unrefunded(intent),
  currency: intent.currency,
  payment_intent: intent.id,
  refunded: unrefunded(intent) === 0,
  refunds: { object: "list", data: intent.refunds as unknown as Json[], has_more: false },
});

function createRefund(params: Record<string, Json>): Refund {
  const id = params.payment_intent;
  if (typeof id !== "string") throw missing("payment_intent");
  const intent = paymentIntents.get(id);
  if (!intent) throw new StripeError(400, `No such payment_intent: '${id}'`, "payment_intent", "resource_missing");
  if (params.amount !== undefined && (!isInteger(params.amount) || Number(params.amount) < 1))
    throw new StripeError(400, "Invalid positive integer", "amount");
  if (params.reason !== undefined && !REFUND_REASONS.includes(String(params.reason)))
    throw new StripeError(400, `Invalid reason: ${String(params.reason)}`, "reason");
  const left = unrefunded(intent);
  if (left === 0)
    throw new StripeError(
      400,
      `Charge ${intent.charge} has already been refunded.`,
      undefined,
      "charge_already_refunded",
    );
  const amount = params.amount === undefined ? left : Number(params.amount);
  if (amount > left)
    throw new StripeError(
      400,
      `Refund amount ($${(amount / 100).toFixed(2)}) is greater than unrefunded amount on charge ($${(left / 100).toFixed(2)})`,
      "amount",
      "amount_too_large",
    );
  const refund: Refund = {
    id: randomId("re"),
    object: "refund",
    amount,
    currency: intent.currency,
    payment_intent: intent.id,
    charge: intent.charge,
    status: "succeeded",
    reason: typeof params.reason === "string" ? params.reason : null,
    metadata: (params.metadata ?? {}) as Record<string, string>,
    created: Math.floor(Date.now() / 1000),
  };
  intent.refunds.push(refund);
  refunds.set(refund.id, refund);
  // Stripe tells of a refund after answering its request, so the app's answer and its webhooks race.
  afterAnswer.push(async () => {
    await deliverEvent("refund.created", refund as unknown as Json);
    await deliverEvent("charge.refunded", chargeOf(intent));
  });
  return refund;
}

function api(method: string, path: string, params: Record<string, Json>): Answer {
  if (method === "POST" && path === "/v1/refunds")
    return { status: 200, body: createRefund(params) as unknown as Json };
  const refundMatch = path.match(/^\/v1\/refunds\/([^/]+)$/);
  if (refundMatch && method === "GET") {
    const refund = refunds.get(refundMatch[1]);
    if (!refund) throw new StripeError(404, `No such refund: '${refundMatch[1]}'`, "id", "resource_missing");
    return { status: 200, body: refund as unknown as Json };
  }
  if (method === "POST" && path === "/v1/checkout/sessions") return { status: 200, body: view(createSession(params)) };
  if (method === "POST" && path === "/v1/coupons") return { status: 200, body: createCoupon(params) };
  if (method === "POST" && path === "/v1/customers")
    return { status: 200, body: createCustomer(params) as unknown as Json };
  const customerMatch = path.match(/^\/v1\/customers\/([^/]+)$/);
  if (customerMatch && method === "GET") {
    const customer = customers.get(customerMatch[1]);
    if (!customer) throw new StripeError(404, `No such customer: '${customerMatch[1]}'`, "id", "resource_missing");
    return { status: 200, body: customer as unknown as Json };
  }
  const match = path.match(/^\/v1\/checkout\/sessions\/([^/]+)(\/expire)?$/);
  if (match && method === "GET" && !match[2]) return { status: 200, body: view(findSession(match[1])) };
  if (match && method === "POST" && match[2]) {
    const session = findSession(match[1]);
    if (session.status !== "open") {
      throw new StripeError(
        400,
        "Only Checkout Sessions with a status of `open` can be expired.",
        undefined,
        "checkout_session_not_open",
      );
    }
    session.status = "expired";
    return { status: 200, body: view(session) };
  }
  throw new StripeError(404, `Unrecognized request URL (${method}: ${path}).`, undefined, "resource_missing");
}

const deliver = (session: Session, type: string, times = 1, overrides: Record<string, Json> = {}) =>
  deliverEvent(type, { ...(view(session) as Record<string, Json>), ...overrides }, times);

async function deliverEvent(type: string, object: Json, times = 1) {
  const event = {
    id: randomId("evt"),
    object: "event",
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    type,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
  };
  // Stripe sends pretty-printed JSON; the signature covers these exact bytes.
  const payload = JSON.stringify(event, null, 2);
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) {
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
    const response = await fetch(webhookUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
      body: payload,
    });
    await response.text();
    statuses.push(response.status);
  }
  return { eventId: event.id, statuses };
}

function complete(session: Session) {
  if (session.status === "open") {
    const applied = (session.discounts_input ?? [])[0];
    const coupon = applied && coupons.get(applied);
    if (coupon) coupon.times_redeemed += 1;
  }
  session.status = "complete";
  session.payment_status = "paid";
  session.payment_intent ??= randomId("pi");
  if (!paymentIntents.has(session.payment_intent))
    paymentIntents.set(session.payment_intent, {
      id: session.payment_intent,
      charge: randomId("ch"),
      amount: session.amount_total,
      currency: session.currency,
      refunds: [],
    });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function checkoutPage(session: Session) {
  const items = (session.line_items_input as Record<string, Record<string, Record<string, Json>>>[]).map(
    (item) =>
      `<li>${escapeHtml(String(item.quantity))} × ${escapeHtml(String(item.price_data.product_data.name))}</li>`,
  );
  const body =
    session.status === "open"
      ? `<ul>${items.join("")}</ul>
         ${session.total_details.amount_discount ? `<p>Discount: −${(session.total_details.amount_discount / 100).toFixed(2)}</p>` : ""}
         ${session.automatic_tax.enabled ? `<p>Tax: ${(session.total_details.amount_tax / 100).toFixed(2)}</p>` : ""}
         <p>Total: <strong>${(session.amount_total / 100).toFixed(2)} ${session.currency.toUpperCase()}</strong></p>
         <form method="post" action="/pay/${session.id}/pay"><button type="submit">Pay</button></form>
         <form method="post" action="/pay/${session.id}/cancel"><button type="submit">Cancel</button></form>`
      : `<p>This checkout session is no longer active (${session.status}).</p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stripe Checkout (emulator)</title></head>
    <body><h1>Stripe Checkout (emulator)</h1>${body}</body></html>`;
}

const readBody = (req: http.IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });

function send(res: http.ServerResponse, status: number, body: Json, headers: Record<string, string> = {}) {
  res.writeHead(status, { "Content-Type": "application/json", "Request-Id": randomId("req"), ...headers });
  res.end(JSON.stringify(body));
}

/** The buyer an API call is made for: a session's `customer_email` or customer, a customer's `email`. */
function buyerEmailOf(params: Record<string, Json>) {
  if (typeof params.customer_email === "string") return params.customer_email;
  if (typeof params.email === "string") return params.email;
  return typeof params.customer === "string" ? customers.get(params.customer)?.email : undefined;
}

async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, path: string, body: string) {
  const method = req.method ?? "GET";
  const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
  const record = (status: number) =>
    calls.push({ method, path, idempotencyKey: key, status, at: new Date().toISOString() });
  if (!/^Bearer (sk|rk)_test_/.test(req.headers.authorization ?? "")) {
    record(401);
    return send(
      res,
      401,
      new StripeError(401, "Invalid API Key provided.", undefined, "api_key_invalid", "invalid_request_error").toJson(),
    );
  }
  const fingerprint = `${method} ${path} ${body}`;
  const saved = key && method === "POST" ? idempotent.get(key) : undefined;
  if (saved) {
    if (saved.fingerprint !== fingerprint) {
      record(400);
      const error = new StripeError(
        400,
        "Keys for idempotent requests can only be used with the same parameters they were first used with.",
        undefined,
        "idempotency_key_in_use",
        "idempotency_error",
      );
      return send(res, 400, error.toJson());
    }
    record(saved.answer.status);
    return send(res, saved.answer.status, saved.answer.body, {
      "Idempotent-Replayed": "true",
      ...(saved.answer.status >= 500 && { "Stripe-Should-Retry": "false" }),
    });
  }
  let answer: Answer;
  if (failNext.count > 0 && buyerEmailOf(parseStripeForm(body)) === failNext.customerEmail) {
    failNext.count--;
    answer = {
      status: 500,
      body: new StripeError(
        500,
        "An unknown error occurred (emulated).",
        undefined,
        "internal_error",
        "api_error",
      ).toJson(),
    };
  } else {
    try {
      answer = api(method, path, parseStripeForm(method === "GET" ? "" : body));
    } catch (error) {
      if (!(error instanceof StripeError)) throw error;
      answer = { status: error.status, body: error.toJson() };
    }
  }
  // Like Stripe, the first answer for a key is replayed for it, server errors included; a request
  // refused by validation never started, so it saves nothing.
  if (key && method === "POST" && (answer.status === 200 || answer.status >= 500))
    idempotent.set(key, { fingerprint, answer });
  record(answer.status);
  send(res, answer.status, answer.body, answer.status >= 500 ? { "Stripe-Should-Retry": "false" } : {});
  const deliveries = afterAnswer;
  afterAnswer = [];
  for (const delivery of deliveries) await delivery();
}

async function handleControl(req: http.IncomingMessage, res: http.ServerResponse, path: string, body: string) {
  const input = (body ? JSON.parse(body) : {}) as Record<string, Json>;
  if (req.method === "POST" && path === "/_control/fail-next") {
    if (typeof input.customer_email !== "string") return send(res, 400, { error: "customer_email is required" });
    failNext = { count: Number(input.count ?? 1), customerEmail: input.customer_email };
    return send(res, 200, failNext);
  }
  if (req.method === "GET" && path === "/_control/calls") return send(res, 200, calls as unknown as Json);
  const dashboard = path.match(/^\/_control\/payment-intents\/([^/]+)\/refunds$/);
  if (req.method === "POST" && dashboard) {
    let refund: Refund;
    try {
      refund = createRefund({
        payment_intent: dashboard[1],
        ...(input.amount !== undefined && { amount: String(input.amount) }),
      });
    } catch (error) {
      if (!(error instanceof StripeError)) throw error;
      afterAnswer = [];
      return send(res, error.status, error.toJson());
    }
    const deliveries = afterAnswer;
    afterAnswer = [];
    for (const delivery of deliveries) await delivery();
    return send(res, 200, refund as unknown as Json);
  }
  const again = path.match(/^\/_control\/refunds\/([^/]+)\/events$/);
  const refund = again ? refunds.get(again[1]) : undefined;
  if (req.method === "POST" && again) {
    if (!refund) return send(res, 404, { error: "no such refund" });
    const type = String(input.type);
    const object = type === "charge.refunded" ? chargeOf(paymentIntents.get(refund.payment_intent)!) : refund;
    return send(res, 200, (await deliverEvent(type, object as Json, Number(input.times ?? 1))) as unknown as Json);
  }
  const match = path.match(/^\/_control\/sessions\/([^/]+)(?:\/(events|amount))?$/);
  const session = match ? sessions.get(match[1]) : undefined;
  if (!match || !session) return send(res, 404, { error: "no such session" });
  if (req.method === "GET" && !match[2]) return send(res, 200, view(session));
  if (req.method === "POST" && match[2] === "amount") {
    session.amount_total = Number(input.amount_total);
    return send(res, 200, view(session));
  }
  if (req.method === "POST" && match[2] === "events") {
    const type = String(input.type);
    if (type === "checkout.session.completed" && !input.overrides) complete(session);
    // A payment the overrides report is a payment Stripe holds: it can be refunded.
    const overrides = (input.overrides ?? {}) as Record<string, Json>;
    if (typeof overrides.payment_intent === "string" && overrides.payment_status === "paid")
      paymentIntents.set(overrides.payment_intent, {
        id: overrides.payment_intent,
        charge: randomId("ch"),
        amount: typeof overrides.amount_total === "number" ? overrides.amount_total : session.amount_total,
        currency: session.currency,
        refunds: [],
      });
    if (type === "checkout.session.expired" && session.status === "open") session.status = "expired";
    const result = await deliver(
      session,
      type,
      Number(input.times ?? 1),
      (input.overrides ?? {}) as Record<string, Json>,
    );
    return send(res, 200, result as unknown as Json);
  }
  send(res, 404, { error: "unknown control call" });
}

async function handleCheckoutPage(req: http.IncomingMessage, res: http.ServerResponse, path: string) {
  const match = path.match(/^\/pay\/([^/]+)(?:\/(pay|cancel))?$/);
  const session = match && sessions.get(match[1]);
  if (!match || !session) {
    res.writeHead(404, { "Content-Type": "text/plain" }).end("No such checkout session");
    return;
  }
  if (req.method === "GET" && !match[2]) {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(checkoutPage(session));
    return;
  }
  if (req.method === "POST" && match[2] === "cancel") {
    res.writeHead(303, { Location: session.cancel_url ?? "/" }).end();
    return;
  }
  if (req.method === "POST" && match[2] === "pay" && session.status === "open") {
    complete(session);
    await deliver(session, "checkout.session.completed");
    res.writeHead(303, { Location: session.success_url.replace("{CHECKOUT_SESSION_ID}", session.id) }).end();
    return;
  }
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(checkoutPage(session));
}

http
  .createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    readBody(req)
      .then((body) => {
        if (path === "/healthz") return void res.writeHead(200).end("ok");
        if (path.startsWith("/v1/")) return handleApi(req, res, path, body);
        if (path.startsWith("/_control/")) return handleControl(req, res, path, body);
        return handleCheckoutPage(req, res, path);
      })
      .catch((error: unknown) => {
        console.error(error);
        if (!res.headersSent) send(res, 500, { error: { type: "api_error", message: String(error) } });
      });
  })
  .listen(port, "127.0.0.1", () => console.info(`Stripe emulator on ${origin}, webhooks to ${webhookUrl}`));
