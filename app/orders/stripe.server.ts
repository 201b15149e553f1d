import type Stripe from "stripe";
import { env } from "~/lib/env.server";

// stripe-node is loaded on first use, as pdfkit and nodemailer are: each is 12–23 MB of memory
// per server process, and most processes serve catalog pages that never need them.
const loadStripe = () => import("stripe").then((module) => module.default);

let client: Promise<Stripe> | undefined;

/** The one Stripe client, or null when no key is configured (card payment is then unavailable). */
export async function getStripe(): Promise<Stripe | null> {
  const key = env.STRIPE_SECRET_KEY;
  if (!key) return null;
  client ??= loadStripe().then(
    (StripeClient) =>
      new StripeClient(key, {
        // Only set to talk to a local emulator; by default stripe-node talks to api.stripe.com.
        ...(env.STRIPE_API_HOST && { host: env.STRIPE_API_HOST }),
        ...(env.STRIPE_API_PORT && { port: env.STRIPE_API_PORT }),
        ...(env.STRIPE_API_PROTOCOL && { protocol: env.STRIPE_API_PROTOCOL }),
        timeout: 20_000,
      }),
  );
  return client;
}

/** stripe-node's webhook signature check. */
export async function stripeWebhooks() {
  return (await loadStripe()).webhooks;
}

export function cardPaymentAvailable() {
  return Boolean(env.STRIPE_SECRET_KEY);
}

/**
 * Where a checkout form may send the browser (the CSP's form-action): Stripe's hosted checkout,
 * or the API host when stripe-node is pointed at another one, which then serves checkout too.
 */
export function checkoutOrigins() {
  const origins = ["https://checkout.stripe.com"];
  if (env.STRIPE_API_HOST) {
    const protocol = env.STRIPE_API_PROTOCOL ?? "https";
    origins.push(`${protocol}://${env.STRIPE_API_HOST}${env.STRIPE_API_PORT ? `:${env.STRIPE_API_PORT}` : ""}`);
  }
  return origins;
}

/** The part of Stripe a refund needs; tests hand in their own. */
export type StripeRefunds = Pick<Stripe["refunds"], "create">;

/** Stripe's refunds API, or null when no key is configured. */
export async function getStripeRefunds(): Promise<StripeRefunds | null> {
  return (await getStripe())?.refunds ?? null;
}
