import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/admin/auth.server";
import { pdfResponse } from "~/lib/pdf.server";
import { quotationFilename, quotationPdf } from "~/quotes/quote-pdf.server";
import { getQuoteRequestById } from "~/quotes/quote-request.server";
import { revisionAsked } from "~/quotes/quote-revision.server";
import { idParam } from "~/lib/route-params";

/** Any revision of a request as the buyer's quotation (`?version=N`, else the current one), for sales. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  await requireUser(request);
  const id = idParam(params.id);
  const quote = getQuoteRequestById(id);
  const revision = quote && revisionAsked(quote.revisions, new URL(request.url));
  if (!quote || !revision) throw new Response("Not found", { status: 404 });
  const pdf = await quotationPdf(quote, revision);
  return pdfResponse(pdf, quotationFilename(quote.reference, revision.version), "private, no-store");
}
