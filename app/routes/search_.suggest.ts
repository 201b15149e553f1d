import { type LoaderFunctionArgs } from "@remix-run/node";
import { suggestProducts } from "~/catalog/search.server";
import { catalogIndexReady } from "~/catalog/catalog-index.server";
import { queryText } from "~/lib/plain-text";

/** `/search/suggest?q=pg6` → the best matches so far, for the search box's suggestion list. */
export async function loader({ request }: LoaderFunctionArgs) {
  const query = queryText(new URL(request.url).searchParams.get("q"), 100);
  if (query.length >= 2) await catalogIndexReady();
  const suggestions = query.length >= 2 ? suggestProducts(query) : [];
  return Response.json({ suggestions }, { headers: { "Cache-Control": "public, max-age=300" } });
}
