import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachmentResponse } from "~/lib/attachments.server";
import { getOrderDocument } from "~/orders/order.server";
import { requireLinkHolder } from "~/accounts/link-access.server";

/** The buyer's purchase-order document, for whoever may open the order's link. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  await requireLinkHolder(request, { order: params.token ?? "" });
  const document = getOrderDocument({ token: params.token ?? "" });
  if (!document) throw new Response("Not found", { status: 404, headers: { "Cache-Control": "private, no-store" } });
  return attachmentResponse(document);
}
