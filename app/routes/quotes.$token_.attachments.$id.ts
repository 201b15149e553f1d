import fs from "node:fs";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { storedFilePath } from "~/lib/attachments.server";
import { getQuoteAttachment } from "~/models/quote-request.server";

/** A file of a request, for whoever holds the request's link (and, later, sales). */
export async function loader({ params }: LoaderFunctionArgs) {
  const attachment = getQuoteAttachment(params.token ?? "", Number(params.id));
  if (!attachment) throw new Response("Not found", { status: 404, headers: { "Cache-Control": "private, no-store" } });
  const bytes = await fs.promises.readFile(storedFilePath(attachment.storedName));
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": attachment.contentType,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `attachment; filename="${attachment.originalName.replaceAll('"', "")}"`,
      "Cache-Control": "private, no-store",
      "Referrer-Policy": "no-referrer",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
