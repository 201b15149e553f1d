import { Link } from "@remix-run/react";
import { COMPANY_BLURB } from "~/lib/company";

export function SiteFooter({ categories }: { categories: { slug: string; name: string }[] }) {
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <section aria-labelledby="footer-about">
          <h2 id="footer-about">IronAxis</h2>
          <p>{COMPANY_BLURB}</p>
        </section>
        <nav aria-labelledby="footer-catalog">
          <h2 id="footer-catalog">Catalog</h2>
          <ul>
            {categories.map((category) => (
              <li key={category.slug}>
                <Link to={`/categories/${category.slug}`} prefetch="intent">
                  {category.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <nav aria-labelledby="footer-buy">
          <h2 id="footer-buy">Buying</h2>
          <ul>
            <li>
              <Link to="/quote">Request a quote</Link>
            </li>
            <li>
              <Link to="/search">Search by part number</Link>
            </li>
            <li>
              <Link to="/news">Industry news</Link>
            </li>
            <li>
              <a href="/news/rss.xml">News RSS feed</a>
            </li>
          </ul>
        </nav>
      </div>
      <p className="site-footer__legal">© {new Date().getUTCFullYear()} IronAxis. Prices in USD, excluding tax and freight.</p>
    </footer>
  );
}
