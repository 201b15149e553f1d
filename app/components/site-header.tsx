import { Link, NavLink } from "@remix-run/react";
import { SearchForm } from "./search-form";

export function SiteHeader({ categories }: { categories: { slug: string; name: string }[] }) {
  return (
    <header className="site-header">
      <div className="site-header__bar">
        <Link to="/" className="logo" prefetch="intent" aria-label="IronAxis home">
          <svg width="28" height="28" viewBox="0 0 28 28" aria-hidden="true">
            <rect width="28" height="28" rx="4" fill="#e0701b" />
            <path d="M7 21V7h4v14zM13 21l4-14h4l-4 14z" fill="#fff" />
          </svg>
          <span>IronAxis</span>
        </Link>
        <SearchForm />
        <nav aria-label="Site" className="site-header__lists">
          <NavLink to="/news" prefetch="intent">
            News
          </NavLink>
          <NavLink to="/quote" prefetch="intent">
            Quote list
          </NavLink>
          <NavLink to="/cart">Cart</NavLink>
        </nav>
      </div>
      <nav aria-label="Categories" className="category-nav">
        <ul>
          {categories.map((category) => (
            <li key={category.slug}>
              <NavLink to={`/categories/${category.slug}`} prefetch="intent">
                {category.name}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
