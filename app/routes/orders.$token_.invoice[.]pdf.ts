import type { LoaderFunctionArgs } from "@remix-run/node";
import { pdfResponse } from "~/lib/pdf.server";
import { invoicePdfOfOrder } from "~/orders/invoice-pdf.server";
import { getOrderByToken } from "~/orders/order.server";
import { requireLinkHolder } from "~/accounts/link-access.server";

/** The order's invoice or receipt, for whoever may open the order's private link. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  await requireLinkHolder(request, { order: params.token ?? "" });
  const order = getOrderByToken(params.token ?? "");
  const pdf = order && (await invoicePdfOfOrder(order.id));
  if (!pdf) throw new Response("Not found", { status: 404, headers: { "Cache-Control": "private, no-store" } });
  const response = pdfResponse(pdf.content, pdf.filename, "private, no-store");
  response.headers.set("X-Robots-Tag", "noindex");
  return response;
}
