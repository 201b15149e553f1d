import { Link } from "@remix-run/react";

export type Crumb = { name: string; to: string };

export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <ol>
        <li>
          <Link to="/" prefetch="intent">
            Home
          </Link>
        </li>
        {items.map((item, index) => (
          <li key={item.to}>
            {index === items.length - 1 ? (
              <span aria-current="page">{item.name}</span>
            ) : (
              <Link to={item.to} prefetch="intent">
                {item.name}
              </Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
