import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useMatches,
  useRouteLoaderData,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { focusHeading } from "~/lib/focus";
import { PageScripts } from "~/components/page-scripts";
import { SiteFooter } from "~/components/site-footer";
import { SiteHeader } from "~/components/site-header";
import { env } from "~/lib/env.server";
import { InlineStyles } from "~/lib/inline-styles";
import { imageVersions } from "~/lib/static-files.server";
import { useNonce } from "~/lib/nonce";
import { listCategoryTree } from "~/catalog/category.server";

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// The title of a page whose route describes none: the 404 page, and errors above every route.
export const meta: MetaFunction = ({ error }) =>
  error
    ? [
        { title: `${isRouteErrorResponse(error) && error.status === 404 ? "Page not found" : "Error"} · IronAxis` },
        { name: "robots", content: "noindex" },
      ]
    : [{ title: "IronAxis" }];

export async function loader(_: LoaderFunctionArgs) {
  const categories = listCategoryTree().map(({ slug, name }) => ({ slug, name }));
  return { categories, siteUrl: env.SITE_URL, images: imageVersions() };
}

// The navigation never changes between page views: do not re-fetch it on every navigation.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod !== undefined && formMethod !== "GET" ? defaultShouldRevalidate : false;

/**
 * A route's `handle` may name a second skip link, e.g. a listing's "Skip to results"; and ask,
 * from its data, for the page to be loaded again every so many seconds when JavaScript is off
 * (a job's progress), which a `<noscript>` meta refresh in the head does.
 */
export type PageHandle = {
  skipLink?: { href: string; label: string };
  refreshWithoutScript?: (data: unknown) => number | undefined;
};

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const matches = useMatches();
  const handles = matches.map((match) => [match.handle as PageHandle | undefined, match.data] as const);
  const skipLinks = handles.flatMap(([handle]) => handle?.skipLink ?? []);
  const refresh = handles.map(([handle, data]) => handle?.refreshWithoutScript?.(data)).find(Boolean);
  // Says the page has hydrated: its forms and buttons now run their scripts rather than posting the
  // page. Browser tests wait for it before they click.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "";
  }, []);
  useFocusOnNewPage();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#1d2731" />
        <Meta />
        <InlineStyles />
        <Links />
        {refresh ? (
          <noscript>
            <meta httpEquiv="refresh" content={String(refresh)} />
          </noscript>
        ) : null}
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        {skipLinks.map((link) => (
          <a key={link.href} className="skip-link" href={link.href}>
            {link.label}
          </a>
        ))}
        <SiteHeader categories={data?.categories ?? []} />
        <main id="main" className="page">
          {children}
        </main>
        <SiteFooter categories={data?.categories ?? []} />
        <ScrollRestoration nonce={nonce} />
        <PageScripts nonce={nonce} />
      </body>
    </html>
  );
}

/**
 * After a move to another page in the browser, the focus goes to the new page's heading (which a
 * screen reader then reads), as a page loaded afresh would start at its top; else it stays on a
 * link that is gone, or on the page itself. A new query on the same page (a filter, a sort, the
 * next page of results) keeps it where it is.
 */
function useFocusOnNewPage() {
  const { pathname } = useLocation();
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    focusHeading(document.querySelector<HTMLElement>("main h1") ?? document.getElementById("main"), {
      preventScroll: true,
    });
  }, [pathname]);
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
