import { Link, NavLink, useFetchers, useMatches, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { SearchForm } from "~/catalog/components/search-form";
import { useSideData } from "~/lib/side-data";

/** How many lines the visitor's quote list and cart hold. */
export type HeaderCounts = { quote: number; cart: number };

/**
 * The counts for the header (ADR 20): a private page (quote list, cart) renders them with its own
 * data, so they show without JavaScript; on every other page, rendered once for everyone by the
 * page cache, they are read from /header-counts after hydration and again after every form the
 * visitor sends (useSideData: a failed read leaves the page alone).
 */
function useHeaderCounts(): HeaderCounts | undefined {
  const [fetched, load] = useSideData<HeaderCounts>();
  const sent = useSentForms();
  useEffect(() => load("/header-counts"), [sent, load]);
  const fromPage = useMatches()
    .map((match) => (match.data as { headerCounts?: HeaderCounts } | undefined)?.headerCounts)
    .find(Boolean);
  return fromPage ?? fetched;
}

/** How many forms (page forms and fetchers) this page has finished sending: it grows after each. */
function useSentForms() {
  const navigation = useNavigation();
  const fetchers = useFetchers();
  const sending =
    isWrite(navigation.formMethod) ||
    fetchers.some((fetcher) => fetcher.state !== "idle" && isWrite(fetcher.formMethod));
  const [sent, setSent] = useState(0);
  const wasSending = useRef(false);
  useEffect(() => {
    if (wasSending.current && !sending) setSent((count) => count + 1);
    wasSending.current = sending;
  }, [sending]);
  return sent;
}

const isWrite = (method: string | undefined) => method !== undefined && method.toUpperCase() !== "GET";

const withCount = (label: string, count: number | undefined) => (count ? `${label} (${count})` : label);

export function SiteHeader({ categories }: { categories: { slug: string; name: string }[] }) {
  const counts = useHeaderCounts();
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
            {withCount("Quote list", counts?.quote)}
          </NavLink>
          <NavLink to="/cart">{withCount("Cart", counts?.cart)}</NavLink>
          {/* The same on every page (pages are cached for everyone): /account sends a visitor to sign in. */}
          <NavLink to="/account">Account</NavLink>
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
