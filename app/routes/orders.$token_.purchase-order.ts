import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachmentResponse } from "~/lib/attachments.server";
import { getOrderDocument } from "~/orders/order.server";

/** The buyer's purchase-order document, for whoever holds the order's link. */
export async function loader({ params }: LoaderFunctionArgs) {
  const document = getOrderDocument({ token: params.token ?? "" });
  if (!document) throw new Response("Not found", { status: 404, headers: { "Cache-Control": "private, no-store" } });
  return attachmentResponse(document);
}
