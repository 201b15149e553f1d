import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderDatasheet } from "~/lib/datasheet.server";
import { env } from "~/lib/env.server";
import { getProduct } from "~/models/product.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const product = getProduct({ slug: params.slug ?? "" });
  if (!product) throw new Response("Product not found", { status: 404 });
  const pdf = await renderDatasheet(product, new URL(`/products/${product.slug}`, env.SITE_URL).toString());
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="IronAxis-${product.partNumber}-datasheet.pdf"`,
      "Cache-Control": "public, max-age=3600",
    },
  });
}
