import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { listCompanies } from "~/accounts/sales-companies.server";
import { requireUser } from "~/admin/auth.server";
import { Pagination } from "~/components/pagination";
import { plural } from "~/lib/plural";
import { queryText } from "~/lib/plain-text";
import { TableScroll } from "~/components/ui/table-scroll";

export const meta: MetaFunction = () => [
  { title: "Companies · IronAxis back office" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const url = new URL(request.url);
  const q = queryText(url.searchParams.get("q"), 200);
  const page = Math.min(Math.max(1, Math.trunc(Number(url.searchParams.get("page"))) || 1), 10_000);
  return data({ ...listCompanies({ q, page }), q });
}

export default function Companies() {
  const { companies, total, page, pageSize, q } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  return (
    <section aria-labelledby="companies-heading">
      <h1 id="companies-heading">Companies</h1>
      <Form method="get" className="inline-form" role="search" aria-label="Search the companies">
        <label htmlFor="companies-q">Name starts with</label>
        <input id="companies-q" name="q" type="search" defaultValue={q} maxLength={200} />
        <button type="submit" className="button button--secondary">
          Search companies
        </button>
      </Form>
      <p className="muted">
        {plural(total, "company", "companies")}
        {q ? ` whose name starts with “${q}”` : ""}, by name.
      </p>
      {companies.length ? (
        <TableScroll label="Companies">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Company</th>
                <th scope="col">People</th>
                <th scope="col">Requests</th>
                <th scope="col">Orders</th>
              </tr>
            </thead>
            <tbody>
              {companies.map((company) => (
                <tr key={company.id}>
                  <td>
                    <Link to={`/admin/companies/${company.id}`} prefetch="intent">
                      {company.name}
                    </Link>
                  </td>
                  <td>{company.people}</td>
                  <td>{company.requests}</td>
                  <td>{company.orders}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>No companies here.</p>
      )}
      <Pagination page={page} total={total} search={search} pageSize={pageSize} />
    </section>
  );
}
