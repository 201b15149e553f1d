import { Form } from "@remix-run/react";
import { usePartSuggestions } from "./part-suggestions";

/**
 * The catalog search box: a plain GET form, so it works before any JavaScript arrives. Once
 * it has, matches are suggested as the buyer types (part number first, then the name).
 */
export function SearchForm({
  defaultValue = "",
  id = "site-search",
  landmark = "Site search",
}: {
  defaultValue?: string;
  id?: string;
  /** The search landmark's name: the header's is "Site search", a page's own search box says what it is for. */
  landmark?: string;
}) {
  const suggestions = usePartSuggestions(`${id}-suggestions`);
  return (
    <Form method="get" action="/search" role="search" aria-label={landmark} className="search-form">
      <label htmlFor={id} className="visually-hidden">
        Search the catalog
      </label>
      <input
        id={id}
        type="search"
        name="q"
        defaultValue={defaultValue}
        placeholder="Search by part number, product or spec"
        maxLength={200}
        {...suggestions.input}
      />
      {suggestions.datalist}
      <button type="submit">Search</button>
    </Form>
  );
}
