import type { ActionFunctionArgs } from "@remix-run/node";
import { readText } from "~/lib/request-body.server";
import { MAX_WEBHOOK_BYTES, receiveStripeWebhook } from "~/orders/payment.server";

/** Stripe's webhook: the raw body is verified against its signature before anything else reads it. */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
  const answer = await receiveStripeWebhook(
    await readText(request, MAX_WEBHOOK_BYTES),
    request.headers.get("Stripe-Signature"),
  );
  return new Response(answer.body, {
    status: answer.status,
    headers: { "Content-Type": answer.status === 200 ? "application/json" : "text/plain; charset=utf-8" },
  });
}

export function loader() {
  return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
}
