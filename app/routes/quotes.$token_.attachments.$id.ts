import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachmentResponse } from "~/lib/attachments.server";
import { getQuoteAttachment } from "~/quotes/quote-request.server";
import { idParam } from "~/lib/route-params";

/** A file of a request, for whoever holds the request's link. */
export async function loader({ params }: LoaderFunctionArgs) {
  const attachment = getQuoteAttachment(params.token ?? "", idParam(params.id));
  if (!attachment) throw new Response("Not found", { status: 404, headers: { "Cache-Control": "private, no-store" } });
  return attachmentResponse(attachment);
}
