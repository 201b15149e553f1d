import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/admin/auth.server";
import { exportCatalogCsv } from "~/catalog/catalog-import.server";

/** The whole catalog as CSV, in the format the import reads back. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const date = new Date().toISOString().slice(0, 10);
  return new Response(exportCatalogCsv(), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="ironaxis-catalog-${date}.csv"`,
    },
  });
}
