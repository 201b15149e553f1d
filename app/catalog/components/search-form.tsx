import { Form } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useSideData } from "~/lib/side-data";

type Suggestions = { suggestions: { name: string; partNumber: string; slug: string }[] };

/**
 * The catalog search box: a plain GET form, so it works before any JavaScript arrives. Once
 * it has, matches are suggested as the buyer types (part number first, then the name).
 */
export function SearchForm({ defaultValue = "", id = "site-search" }: { defaultValue?: string; id?: string }) {
  const [suggested, load] = useSideData<Suggestions>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const onInput = (value: string) => {
    clearTimeout(timer.current);
    if (value.trim().length < 2) return;
    timer.current = setTimeout(() => load(`/search/suggest?q=${encodeURIComponent(value.trim())}`), 150);
  };
  const listId = `${id}-suggestions`;
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
        list={listId}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      <datalist id={listId}>
        {suggested?.suggestions.map((item) => (
          <option key={item.slug} value={item.partNumber}>
            {item.name}
          </option>
        ))}
      </datalist>
      <button type="submit">Search</button>
    </Form>
  );
}
