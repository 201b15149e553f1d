import Stripe from "stripe";
import { env } from "./env.server";

let client: Stripe | undefined;

/** The one Stripe client, or null when no key is configured (card payment is then unavailable). */
export function getStripe(): Stripe | null {
  if (!env.STRIPE_SECRET_KEY) return null;
  client ??= new Stripe(env.STRIPE_SECRET_KEY, {
    // Only set to talk to a local emulator; by default stripe-node talks to api.stripe.com.
    ...(env.STRIPE_API_HOST && { host: env.STRIPE_API_HOST }),
    ...(env.STRIPE_API_PORT && { port: env.STRIPE_API_PORT }),
    ...(env.STRIPE_API_PROTOCOL && { protocol: env.STRIPE_API_PROTOCOL }),
    timeout: 20_000,
  });
  return client;
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
