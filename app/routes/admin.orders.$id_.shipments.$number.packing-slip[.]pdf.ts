import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/admin/auth.server";
import { pdfResponse } from "~/lib/pdf.server";
import { packingSlipPdf } from "~/orders/packing-slip.server";
import { idParam } from "~/lib/route-params";

/** The packing slip of one shipment of an order, for sales. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const orderId = idParam(params.id);
  const number = idParam(params.number);
  const slip = await packingSlipPdf(orderId, number);
  if (!slip) throw new Response("Not found", { status: 404 });
  return pdfResponse(slip.pdf, slip.filename, "private, no-store");
}
