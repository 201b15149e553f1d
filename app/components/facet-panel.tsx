import { Form, useNavigation, useSubmit } from "@remix-run/react";
import type { FormEvent } from "react";
import { SORTS, type CatalogFilters, type SortKey } from "~/lib/catalog-filters";
import type { Facets } from "~/models/product-listing.server";
import { formatSpecValue } from "~/lib/units";

const SORT_LABELS: Record<SortKey, string> = {
  relevance: "Relevance",
  name: "Name",
  "price-asc": "Price, low to high",
  "price-desc": "Price, high to low",
  "lead-time": "Lead time",
};

/**
 * Filters as one GET form: every choice lands in the URL, so it is shareable and the back button
 * works. Without JavaScript the buyer presses "Apply"; with it the form submits on each change.
 */
export function FacetPanel({
  facets,
  filters,
  query,
  action,
}: {
  facets: Facets;
  filters: CatalogFilters;
  query?: string;
  action: string;
}) {
  const submit = useSubmit();
  const navigation = useNavigation();
  const busy = navigation.state === "loading" && navigation.location?.pathname === action;
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLInputElement;
    if (target.type === "number") return; // numbers apply on blur/enter, not per keystroke
    submit(event.currentTarget, { preventScrollReset: true });
  };
  return (
    <Form method="get" action={action} className="facets" onChange={onChange} aria-busy={busy} aria-label="Filters">
      {query !== undefined ? <input type="hidden" name="q" value={query} /> : null}
      <div className="facets__sort">
        <label htmlFor="sort">Sort by</label>
        <select id="sort" name="sort" defaultValue={filters.sort}>
          {SORTS.filter((sort) => query !== undefined || sort !== "relevance" || filters.sort === "relevance").map((sort) => (
            <option key={sort} value={sort}>
              {sort === "relevance" && query === undefined ? "Featured" : SORT_LABELS[sort]}
            </option>
          ))}
        </select>
      </div>

      <fieldset>
        <legend>Availability</legend>
        <label>
          <input type="checkbox" name="stock" value="in" defaultChecked={filters.inStock} /> In stock{" "}
          <span className="count">({facets.inStock})</span>
        </label>
        <div className="inline-number">
          <label htmlFor="facet-lead">Ships within</label>
          <input id="facet-lead" type="number" name="lead" min={0} max={3650} defaultValue={filters.maxLeadDays} aria-describedby="facet-lead-unit" />
          <span id="facet-lead-unit">days</span>
        </div>
      </fieldset>

      <fieldset>
        <legend>Price</legend>
        <label>
          <input type="radio" name="price" value="" defaultChecked={!filters.price} /> Any
        </label>
        <label>
          <input type="radio" name="price" value="listed" defaultChecked={filters.price === "listed"} /> List price, buy online{" "}
          <span className="count">({facets.price.listed})</span>
        </label>
        <label>
          <input type="radio" name="price" value="quote" defaultChecked={filters.price === "quote"} /> Price on request{" "}
          <span className="count">({facets.price.quote})</span>
        </label>
      </fieldset>

      {facets.manufacturers.length > 1 || filters.manufacturers.length ? (
        <fieldset>
          <legend>Manufacturer</legend>
          {facets.manufacturers.map((m) => (
            <label key={m.value}>
              <input type="checkbox" name="mfr" value={m.value} defaultChecked={m.selected} /> {m.value}{" "}
              <span className="count">({m.count})</span>
            </label>
          ))}
        </fieldset>
      ) : null}

      {facets.enums.map((facet) => (
        <fieldset key={facet.key}>
          <legend>{facet.label}</legend>
          {facet.values.slice(0, 12).map((v) => (
            <label key={v.value}>
              <input type="checkbox" name={facet.key} value={v.value} defaultChecked={v.selected} /> {v.value}{" "}
              <span className="count">({v.count})</span>
            </label>
          ))}
        </fieldset>
      ))}

      {facets.ranges.map((facet) => (
        <fieldset key={facet.key} className="range">
          <legend>
            {facet.label}
            {facet.unit ? ` (${facet.unit})` : ""}
          </legend>
          <div className="range__inputs">
            <input type="number" step="any" name={`${facet.key}_min`} defaultValue={facet.selected.min} placeholder={formatSpecValue(facet.min, null)} aria-label={`${facet.label} minimum`} />
            <span aria-hidden="true">–</span>
            <input type="number" step="any" name={`${facet.key}_max`} defaultValue={facet.selected.max} placeholder={formatSpecValue(facet.max, null)} aria-label={`${facet.label} maximum`} />
          </div>
        </fieldset>
      ))}

      <button type="submit" className="button">
        Apply filters
      </button>
    </Form>
  );
}
