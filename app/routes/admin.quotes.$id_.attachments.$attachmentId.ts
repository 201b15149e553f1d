import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachmentResponse } from "~/lib/attachments.server";
import { requireUser } from "~/admin/auth.server";
import { getRequestAttachment } from "~/quotes/quote-request.server";
import { idParam } from "~/lib/route-params";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const attachment = getRequestAttachment(idParam(params.id), idParam(params.attachmentId));
  if (!attachment) throw new Response("Not found", { status: 404, headers: { "Cache-Control": "private, no-store" } });
  return attachmentResponse(attachment);
}
