import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/admin/auth.server";
import { pdfResponse } from "~/lib/pdf.server";
import { invoicePdfOfOrder } from "~/orders/invoice-pdf.server";
import { idParam } from "~/lib/route-params";

/** The order's invoice or receipt as the buyer got it, with the payments recorded so far, for sales. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const id = idParam(params.id);
  const pdf = await invoicePdfOfOrder(id);
  if (!pdf) throw new Response("Not found", { status: 404 });
  return pdfResponse(pdf.content, pdf.filename, "private, no-store");
}
