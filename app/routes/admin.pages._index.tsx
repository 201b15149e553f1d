import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/admin/auth.server";
import { listSitePages } from "~/content/site-page.server";
import { formatDateTimeUtc } from "~/lib/dates";
import { TableScroll } from "~/components/ui/table-scroll";

export const meta: MetaFunction = () => [
  { title: "Site pages · IronAxis back office" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  return data({ pages: listSitePages() });
}

export default function AdminSitePages() {
  const { pages } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="pages-heading">
      <h1 id="pages-heading">Site pages</h1>
      <p className="muted">
        Contact details, terms of sale, privacy, returns and warranty, and about us: linked from the footer of every
        page.
      </p>
      <TableScroll label="Pages">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Page</th>
              <th scope="col">Address</th>
              <th scope="col">Last changed</th>
            </tr>
          </thead>
          <tbody>
            {pages.map((page) => (
              <tr key={page.slug}>
                <td>
                  <Link to={`/admin/pages/${page.slug}`}>{page.title}</Link>
                </td>
                <td>
                  <a href={`/${page.slug}`}>/{page.slug}</a>
                </td>
                <td>
                  {formatDateTimeUtc(page.updatedAt)}
                  {page.updatedBy ? ` by ${page.updatedBy}` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
