import type { LoaderFunctionArgs } from "@remix-run/node";
import { pdfResponse } from "~/lib/pdf.server";
import { getOrderByToken } from "~/orders/order.server";
import { packingSlipPdf } from "~/orders/packing-slip.server";
import { idParam } from "~/lib/route-params";
import { requireLinkHolder } from "~/accounts/link-access.server";

/** The packing slip of one shipment, for whoever may open the order's link. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  await requireLinkHolder(request, { order: params.token ?? "" });
  const order = getOrderByToken(params.token ?? "");
  const number = idParam(params.number);
  const slip = order ? await packingSlipPdf(order.id, number) : undefined;
  if (!slip) throw new Response("Not found", { status: 404, headers: { "Cache-Control": "private, no-store" } });
  const response = pdfResponse(slip.pdf, slip.filename, "private, no-store");
  response.headers.set("X-Robots-Tag", "noindex");
  return response;
}
