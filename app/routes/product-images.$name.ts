import type { LoaderFunctionArgs } from "@remix-run/node";
import { productImageResponse } from "~/catalog/product-images.server";

/** Product pictures uploaded in the back office, stored outside public/ under random names. */
export async function loader({ params }: LoaderFunctionArgs) {
  const response = await productImageResponse(params.name ?? "");
  if (!response) throw new Response("Not found", { status: 404 });
  return response;
}
