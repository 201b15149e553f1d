import { Link, useRouteLoaderData } from "@remix-run/react";
import { JsonLd } from "./json-ld";

export type Crumb = { name: string; to: string };

/** Visible breadcrumbs and the matching schema.org BreadcrumbList. */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  const root = useRouteLoaderData<{ siteUrl: string }>("root");
  const all = [{ name: "Home", to: "/" }, ...items];
  return (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <ol>
        {all.map((item, index) => (
          <li key={item.to}>
            {index === all.length - 1 ? (
              <span aria-current="page">{item.name}</span>
            ) : (
              <Link to={item.to} prefetch="intent">
                {item.name}
              </Link>
            )}
          </li>
        ))}
      </ol>
      {root?.siteUrl ? (
        <JsonLd
          data={{
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            itemListElement: all.map((item, index) => ({
              "@type": "ListItem",
              position: index + 1,
              name: item.name,
              item: new URL(item.to, root.siteUrl).toString(),
            })),
          }}
        />
      ) : null}
    </nav>
  );
}
