import type { LoaderFunctionArgs } from "@remix-run/node";
import { certificateFile } from "~/accounts/tax-exemption.server";
import { requireUser } from "~/admin/auth.server";
import { attachmentResponse } from "~/lib/attachments.server";
import { idParam } from "~/lib/route-params";

/** A company's tax-exempt certificate file, for sales reviewing it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const file = certificateFile(idParam(params.id), idParam(params.certId));
  if (!file) throw new Response("Not found", { status: 404, headers: { "Cache-Control": "private, no-store" } });
  return attachmentResponse(file);
}
