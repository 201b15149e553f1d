import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/admin/auth.server";
import { pdfResponse } from "~/lib/pdf.server";
import { creditNotePdf } from "~/orders/credit-note-pdf.server";
import { getCreditNote } from "~/orders/refund.server";
import { idParam } from "~/lib/route-params";

/** One of the order's credit notes, as the buyer got it, for sales. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const id = idParam(params.id);
  const creditNote = getCreditNote(id, params.number ?? "");
  const pdf = creditNote && (await creditNotePdf(creditNote.id));
  if (!pdf) throw new Response("Not found", { status: 404 });
  return pdfResponse(pdf.content, pdf.filename, "private, no-store");
}
