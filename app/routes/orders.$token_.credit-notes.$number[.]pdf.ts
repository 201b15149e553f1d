import type { LoaderFunctionArgs } from "@remix-run/node";
import { pdfResponse } from "~/lib/pdf.server";
import { creditNotePdf } from "~/orders/credit-note-pdf.server";
import { getOrderByToken } from "~/orders/order.server";
import { getCreditNote } from "~/orders/refund.server";
import { requireLinkHolder } from "~/accounts/link-access.server";

/** One of the order's credit notes, for whoever may open the order's private link. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  await requireLinkHolder(request, { order: params.token ?? "" });
  const order = getOrderByToken(params.token ?? "");
  const creditNote = order && getCreditNote(order.id, params.number ?? "");
  const pdf = creditNote && (await creditNotePdf(creditNote.id));
  if (!pdf) throw new Response("Not found", { status: 404, headers: { "Cache-Control": "private, no-store" } });
  const response = pdfResponse(pdf.content, pdf.filename, "private, no-store");
  response.headers.set("X-Robots-Tag", "noindex");
  return response;
}
