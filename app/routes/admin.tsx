import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import type { Role } from "~db/schema";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/admin/auth.server";

export const meta: MetaFunction = () => [{ title: "Back office · IronAxis" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return data({ user });
}

/** The back-office sections, each shown to the roles its routes allow. */
const SECTIONS: { to: string; label: string; roles: readonly Role[]; end?: boolean }[] = [
  { to: "/admin", label: "Dashboard", roles: ["admin", "sales"], end: true },
  { to: "/admin/quotes", label: "Quotes", roles: ["admin", "sales"] },
  { to: "/admin/quote-rules", label: "Quote rules", roles: ["admin"] },
  { to: "/admin/orders", label: "Orders", roles: ["admin", "sales"] },
  { to: "/admin/invoices", label: "Invoices", roles: ["admin", "sales"] },
  { to: "/admin/reports/sales-tax", label: "Sales tax", roles: ["admin", "sales"] },
  { to: "/admin/companies", label: "Companies", roles: ["admin", "sales"] },
  { to: "/admin/products", label: "Catalog", roles: ["admin", "sales"] },
  { to: "/admin/categories", label: "Categories", roles: ["admin", "sales"] },
  { to: "/admin/catalog/import", label: "Import/export", roles: ["admin", "sales"] },
  { to: "/admin/search-synonyms", label: "Search synonyms", roles: ["admin", "sales"] },
  { to: "/admin/news", label: "News", roles: ["admin", "sales"] },
  { to: "/admin/pages", label: "Site pages", roles: ["admin", "sales"] },
  { to: "/admin/outbox", label: "Outbox", roles: ["admin", "sales"] },
  { to: "/admin/users", label: "Users", roles: ["admin"] },
];

export default function AdminLayout() {
  const { user } = useLoaderData<typeof loader>();
  return (
    <div className="admin">
      <nav className="admin-nav" aria-label="Back office">
        <ul>
          {SECTIONS.filter((section) => section.roles.includes(user.role)).map((section) => (
            <li key={section.to}>
              <NavLink to={section.to} end={section.end} prefetch="intent">
                {section.label}
              </NavLink>
            </li>
          ))}
        </ul>
        <Form method="post" action="/admin/logout" className="admin-nav__user">
          <span>
            {user.name} <span className="muted">({user.role})</span>
          </span>
          <button type="submit" className="button button--secondary">
            Sign out
          </button>
        </Form>
      </nav>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
