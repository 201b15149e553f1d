import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderDatasheet } from "~/catalog/datasheet.server";
import { env } from "~/lib/env.server";
import { pdfResponse } from "~/lib/pdf.server";
import { getProduct } from "~/catalog/product.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const product = getProduct({ slug: params.slug ?? "" });
  if (!product) throw new Response("Product not found", { status: 404 });
  const pdf = await renderDatasheet(product, new URL(`/products/${product.slug}`, env.SITE_URL).toString());
  return pdfResponse(pdf, `IronAxis-${product.partNumber}-datasheet.pdf`, "public, max-age=3600");
}
