import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderDatasheet } from "~/catalog/datasheet.server";
import { env } from "~/lib/env.server";
import { pdfResponse } from "~/lib/pdf.server";
import { getProduct } from "~/catalog/product.server";
import { withPriceBreaks } from "~/catalog/price-breaks.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const found = getProduct({ slug: params.slug ?? "" });
  if (!found) throw new Response("Product not found", { status: 404 });
  // List prices and their quantity breaks: a datasheet is public, the same for every reader.
  const [product] = withPriceBreaks([found]);
  const pdf = await renderDatasheet(product, new URL(`/products/${product.slug}`, env.SITE_URL).toString());
  return pdfResponse(pdf, `IronAxis-${product.partNumber}-datasheet.pdf`, "public, max-age=3600");
}
