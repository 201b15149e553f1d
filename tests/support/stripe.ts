import http from "node:http";
import Stripe from "stripe";

export const STRIPE_PORT = Number(process.env.E2E_STRIPE_PORT ?? 3227);
export const STRIPE_SECRET_KEY = "sk_test_e2e_emulator";
export const STRIPE_WEBHOOK_SECRET = "whsec_e2e_emulator";
const control = `http://127.0.0.1:${STRIPE_PORT}/_control`;

async function call<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${control}${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`Stripe emulator ${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export type EmulatedSession = {
  id: string;
  status: string;
  payment_status: string;
  amount_total: number;
  total_details: { amount_discount: number; amount_shipping: number; amount_tax: number };
  automatic_tax: { enabled: boolean; status: string | null };
  customer: string | null;
  metadata: Record<string, string>;
};
export type ApiCall = { method: string; path: string; idempotencyKey: string | null; status: number };

export const stripeEmulator = {
  /** The next `count` API calls made for the buyer at `customerEmail` answer 500. */
  failNext: (count: number, customerEmail: string) =>
    call("POST", "/fail-next", { count, customer_email: customerEmail }),
  calls: () => call<ApiCall[]>("GET", "/calls"),
  session: (id: string) => call<EmulatedSession>("GET", `/sessions/${id}`),
  setAmount: (id: string, amountTotal: number) => call("POST", `/sessions/${id}/amount`, { amount_total: amountTotal }),
  /** Delivers one signed event for the session, the same event `times` times; returns the webhook's statuses. */
  deliver: (id: string, type: string, times = 1, overrides?: Record<string, unknown>) =>
    call<{ eventId: string; statuses: number[] }>("POST", `/sessions/${id}/events`, { type, times, overrides }),
  /** Delivers a refund's `refund.created`/`refund.updated` or its charge's `charge.refunded` again, `times` times. */
  redeliverRefund: (refundId: string, type: string, times = 1) =>
    call<{ eventId: string; statuses: number[] }>("POST", `/refunds/${refundId}/events`, { type, times }),
  /** A refund made in Stripe's dashboard (the whole rest without `amount`); its webhooks are delivered. */
  dashboardRefund: (paymentIntentId: string, amount?: number) =>
    call<{ id: string; amount: number }>("POST", `/payment-intents/${paymentIntentId}/refunds`, { amount }),
};

/** Posts a body to the app's webhook with the given signature header (or none). */
export async function postWebhook(baseURL: string, payload: string, signature?: string) {
  const response = await fetch(`${baseURL}/webhooks/stripe`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(signature !== undefined && { "Stripe-Signature": signature }) },
    body: payload,
  });
  return { status: response.status, body: await response.text() };
}

export function signPayload(
  payload: string,
  { secret = STRIPE_WEBHOOK_SECRET, timestamp }: { secret?: string; timestamp?: number } = {},
) {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}

/**
 * Posts an oversized body with node:http: the server answers 413 before reading it all and then
 * closes the connection, which fetch reports as a reset instead of the answer.
 */
export function postOversizedWebhook(baseURL: string, bytes: number) {
  return new Promise<number>((resolve, reject) => {
    const request = http.request(`${baseURL}/webhooks/stripe`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Content-Length": bytes, "Stripe-Signature": "t=1,v1=00" },
    });
    request.on("response", (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", (error) => setTimeout(() => reject(error), 500)); // a reset after the answer is expected
    request.end(Buffer.alloc(bytes, 32));
  });
}
