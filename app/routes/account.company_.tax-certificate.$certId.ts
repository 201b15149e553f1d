import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCustomer } from "~/accounts/customer-session.server";
import { certificateFileForMember } from "~/accounts/tax-exemption.server";
import { attachmentResponse } from "~/lib/attachments.server";
import { idParam } from "~/lib/route-params";

/** A tax-exempt certificate of the signed-in buyer's own company; anyone else's is not found. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const customer = await requireCustomer(request);
  const file = certificateFileForMember(customer.id, idParam(params.certId));
  if (!file) throw new Response("Not found", { status: 404, headers: { "Cache-Control": "private, no-store" } });
  return attachmentResponse(file);
}
