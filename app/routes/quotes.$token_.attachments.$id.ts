import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachmentResponse } from "~/lib/attachments.server";
import { getQuoteAttachment } from "~/quotes/quote-request.server";
import { idParam } from "~/lib/route-params";
import { requireLinkHolder } from "~/accounts/link-access.server";

/** A file of a request, for whoever may open the request's link. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  await requireLinkHolder(request, { quote: params.token ?? "" });
  const attachment = getQuoteAttachment(params.token ?? "", idParam(params.id));
  if (!attachment) throw new Response("Not found", { status: 404, headers: { "Cache-Control": "private, no-store" } });
  return attachmentResponse(attachment);
}
