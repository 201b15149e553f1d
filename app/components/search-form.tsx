import { Form } from "@remix-run/react";

/** The catalog search box: a plain GET form, so it works before any JavaScript arrives. */
export function SearchForm({ defaultValue = "", id = "site-search" }: { defaultValue?: string; id?: string }) {
  return (
    <Form method="get" action="/search" role="search" className="search-form">
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
        autoComplete="off"
      />
      <button type="submit">Search</button>
    </Form>
  );
}
