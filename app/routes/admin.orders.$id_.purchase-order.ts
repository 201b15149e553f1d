import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachmentResponse } from "~/lib/attachments.server";
import { requireUser } from "~/admin/auth.server";
import { getOrderDocument } from "~/orders/order.server";
import { idParam } from "~/lib/route-params";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const document = getOrderDocument({ orderId: idParam(params.id) });
  if (!document) throw new Response("Not found", { status: 404, headers: { "Cache-Control": "private, no-store" } });
  return attachmentResponse(document);
}
