import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { SearchForm } from "~/catalog/components/search-form";

/** One boundary for every route: a helpful 404, and no stack trace or internals for anything else. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <section className="error-page">
        <p className="eyebrow">Error 404</p>
        <h1>We couldn’t find that page</h1>
        <p>The product or page may have moved or been retired. Search the catalog by part number or keyword:</p>
        <SearchForm id="not-found-search" landmark="Find a product" />
        <p>
          <Link to="/">Go to the IronAxis home page</Link>
        </p>
      </section>
    );
  }
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // On the server, handleError (app/entry.server.tsx) has logged it already, as one JSON line.
  if (!isRouteErrorResponse(error) && typeof document !== "undefined") console.error(error);
  return (
    <section className="error-page">
      <p className="eyebrow">Error {status}</p>
      <h1>
        {status === 503
          ? "The site is busy"
          : status >= 500
            ? "Something went wrong on our side"
            : "That request could not be handled"}
      </h1>
      {(status < 500 || status === 503) &&
      isRouteErrorResponse(error) &&
      typeof error.data === "string" &&
      error.data.length < 200 ? (
        <p>{error.data}</p>
      ) : (
        <p>
          Please try again in a moment. If it keeps happening, contact our sales team and quote the time of the error.
        </p>
      )}
      <p>
        <Link to="/">Go to the IronAxis home page</Link>
      </p>
    </section>
  );
}
