import type { LoaderFunctionArgs } from "@remix-run/node";
import { pdfResponse } from "~/lib/pdf.server";
import { quotationFilename, quotationPdf } from "~/quotes/quote-pdf.server";
import { getQuoteRequestByToken } from "~/quotes/quote-request.server";
import { revisionAsked } from "~/quotes/quote-revision.server";
import { requireLinkHolder } from "~/accounts/link-access.server";

/** A revision as a printable quotation (`?version=N`, else the current one), for whoever may open the request's link. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  await requireLinkHolder(request, { quote: params.token ?? "" });
  const quote = getQuoteRequestByToken(params.token ?? "");
  const revision = quote && revisionAsked(quote.revisions, new URL(request.url));
  if (!quote || !revision)
    throw new Response("Not found", { status: 404, headers: { "Cache-Control": "private, no-store" } });
  const pdf = await quotationPdf(quote, revision);
  const response = pdfResponse(pdf, quotationFilename(quote.reference, revision.version), "private, no-store");
  response.headers.set("X-Robots-Tag", "noindex");
  return response;
}
