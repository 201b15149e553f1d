import { Link } from "@remix-run/react";
import { SITE_PAGE_LINKS, SITE_PAGE_SLUGS } from "~/content/site-pages";
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
        <nav aria-labelledby="footer-company">
          <h2 id="footer-company">Company</h2>
          <ul>
            {SITE_PAGE_SLUGS.map((slug) => (
              <li key={slug}>
                <Link to={`/${slug}`} prefetch="intent">
                  {SITE_PAGE_LINKS[slug]}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <p className="site-footer__legal">
        © {new Date().getUTCFullYear()} IronAxis. Prices in USD, excluding tax and freight.
      </p>
    </footer>
  );
}
