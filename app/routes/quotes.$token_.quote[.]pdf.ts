import type { LoaderFunctionArgs } from "@remix-run/node";
import { pdfResponse } from "~/lib/pdf.server";
import { renderQuotePdf } from "~/quotes/quote-pdf.server";
import { getQuoteRequestByToken } from "~/quotes/quote-request.server";

/** The current revision as a printable quotation, for whoever holds the request's link. */
export async function loader({ params }: LoaderFunctionArgs) {
  const request = getQuoteRequestByToken(params.token ?? "");
  const revision = request?.revisions.at(-1);
  if (!request || !revision)
    throw new Response("Not found", { status: 404, headers: { "Cache-Control": "private, no-store" } });
  const pdf = await renderQuotePdf(request, revision);
  const response = pdfResponse(pdf, `IronAxis-${request.reference}-v${revision.version}.pdf`, "private, no-store");
  response.headers.set("X-Robots-Tag", "noindex");
  return response;
}
