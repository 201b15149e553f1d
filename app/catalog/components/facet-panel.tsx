import { Form, useLocation, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import {
  activeFilterCount,
  cleanListingParams,
  parseCatalogFilters,
  SORTS,
  type CatalogFilters,
  type SortKey,
  type SpecKind,
} from "~/catalog/catalog-filters";
import type { Facets } from "~/catalog/product-listing.server";
import { formatSpecValue } from "~/catalog/units";
import { approximately } from "~/lib/plural";

/** Price sorts order by list price: a company's own prices (shown to its buyers) do not reorder the catalog. */
const SORT_LABELS: Record<SortKey, string> = {
  relevance: "Relevance",
  name: "Name",
  "price-asc": "List price, low to high",
  "price-desc": "List price, high to low",
  "lead-time": "Lead time",
};

/** A facet's count; "about 12,000" when counted over a sample (two significant digits). */
function Count({ facets, count }: { facets: Facets; count: number }) {
  if (!facets.approximate) return <span className="count">({count})</span>;
  return <span className="count">(about {approximately(count)})</span>;
}

/** How many of a spec's values show before its "more"; those the page is filtered by always show. */
const VALUES_SHOWN = 12;

/** The id of the listing's results, where "Skip to results" and a phone's "Apply filters" lead. */
export const RESULTS_ID = "results";

/**
 * Filters as one GET form: every choice lands in the URL, so it is shareable and the back button
 * works. Without JavaScript the buyer presses "Apply"; with it a box or a choice applies at once and
 * a number when the buyer leaves its field, and only the fields with a value go into the URL.
 * What the controls show is the URL's filters (the one just sent or being loaded, while one is),
 * so Back, Forward and "Clear all filters" set them too. On a phone the form is a drawer the summary opens.
 */
/** The keys that step a closed list from one choice to the next. */
const STEP_KEYS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown"]);

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
  const location = useLocation();
  const drawer = useRef<HTMLDetailsElement>(null);
  // What the buyer just sent from this page, shown until a page (that one, or another) arrives.
  const [sent, setSent] = useState<string>();
  const [shownAt, setShownAt] = useState(location.key);
  // A sort stepped to with the arrow keys, applied when the buyer leaves the list or presses Enter:
  // on Windows and Linux each arrow key changes a closed list, and a page per step is no way to
  // read the choices (WCAG 3.2.2).
  const [sortStepped, setSortStepped] = useState<string>();
  const stepping = useRef(false);
  if (shownAt !== location.key) {
    setShownAt(location.key);
    setSent(undefined);
    setSortStepped(undefined);
  }
  const loading = navigation.state === "loading" && navigation.location.pathname === action;
  const showing = sent ?? (loading ? navigation.location.search : undefined);
  const shown = showing === undefined ? filters : parseCatalogFilters(new URLSearchParams(showing), kindsOf(facets));
  const active = activeFilterCount(shown);
  const invalid = Object.keys(shown.invalidRanges).length > 0;

  // A range refused by Enter: brought into view with its message once the page has loaded, since
  // the facets above it change with the page's counts.
  const rangeToMend = useRef<string>();
  useEffect(() => {
    const key = rangeToMend.current;
    if (navigation.state !== "idle" || key === undefined) return;
    rangeToMend.current = undefined;
    document.getElementById(rangeErrorId(key))?.closest("fieldset")?.scrollIntoView({ block: "nearest" });
  }, [navigation.state]);

  const apply = (form: HTMLFormElement | null) => {
    if (!form) return undefined;
    const params = cleanListingParams(new FormData(form));
    setSent(params.toString());
    submit(params, { method: "get", action, preventScrollReset: true });
    return params;
  };
  // A value ticked or unticked behind "more" moves between the lists, drawn anew: the focus follows it.
  const form = useRef<HTMLFormElement>(null);
  const picked = useRef<HTMLInputElement | null>(null);
  useEffect(() => {
    const input = picked.current;
    if (!input || input.isConnected) return;
    const again = form.current?.querySelector<HTMLInputElement>(
      `input[name="${CSS.escape(input.name)}"][value="${CSS.escape(input.value)}"]`,
    );
    picked.current = again ?? null;
    if (again && (document.activeElement === null || document.activeElement === document.body)) again.focus();
  });
  const onPick = (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    if (event.currentTarget instanceof HTMLInputElement) picked.current = event.currentTarget;
    apply(event.currentTarget.form);
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const sent = event.currentTarget;
    const params = apply(sent)!;
    // A range the buyer must mend: focus goes to it, where its message shows, and the drawer stays open.
    const [refused] = Object.entries(parseCatalogFilters(params, kindsOf(facets)).invalidRanges);
    if (refused !== undefined) {
      const [key, { bound = "min" }] = refused;
      (sent.elements.namedItem(`${key}_${bound}`) as HTMLInputElement | null)?.focus();
      rangeToMend.current = key;
      return;
    }
    // On a phone the drawer closes on the results; on a wide screen it is not shown at all.
    if (drawer.current?.open && drawer.current.offsetParent !== null) {
      drawer.current.open = false;
      document.getElementById(RESULTS_ID)?.focus();
    }
  };
  return (
    <>
      <details className="filters-drawer" ref={drawer} open={invalid}>
        <summary>Filters{active ? ` (${active} active)` : ""}</summary>
      </details>
      <Form
        method="get"
        action={action}
        className="facets"
        onSubmit={onSubmit}
        ref={form}
        aria-busy={loading}
        aria-label="Filters"
      >
        {query !== undefined ? <input type="hidden" name="q" value={query} /> : null}
        <div className="facets__sort">
          <label htmlFor="sort">Sort by</label>
          <select
            id="sort"
            name="sort"
            value={sortStepped ?? shown.sort}
            onKeyDown={(event) => {
              // Alt+arrow opens the list rather than stepping: a choice made in it applies at once.
              stepping.current = STEP_KEYS.has(event.key) && !event.altKey;
              // So does an arrow where it opens the list (macOS): it leaves the value as it was.
              if (stepping.current) {
                const select = event.currentTarget;
                const before = select.value;
                setTimeout(() => {
                  if (select.value === before) stepping.current = false;
                });
              }
              if (event.key === "Enter" && sortStepped !== undefined) {
                event.preventDefault();
                apply(event.currentTarget.form);
              }
            }}
            onMouseDown={() => {
              stepping.current = false;
            }}
            onChange={(event) => {
              if (stepping.current) setSortStepped(event.currentTarget.value);
              else onPick(event);
            }}
            onBlur={(event) => {
              if (sortStepped !== undefined && sortStepped !== shown.sort) apply(event.currentTarget.form);
            }}
          >
            {SORTS.filter((sort) => query !== undefined || sort !== "relevance" || shown.sort === "relevance").map(
              (sort) => (
                <option key={sort} value={sort}>
                  {sort === "relevance" && query === undefined ? "Featured" : SORT_LABELS[sort]}
                </option>
              ),
            )}
          </select>
        </div>

        <fieldset>
          <legend>Availability</legend>
          <label>
            <input type="checkbox" name="stock" value="in" checked={shown.inStock} onChange={onPick} /> In stock{" "}
            <Count facets={facets} count={facets.inStock} />
          </label>
          <div className="inline-number">
            <label htmlFor="facet-lead">Ships within</label>
            <NumberFilter
              id="facet-lead"
              name="lead"
              min={0}
              max={3650}
              applied={shown.maxLeadDays}
              onLeave={apply}
              aria-describedby="facet-lead-unit"
            />
            <span id="facet-lead-unit">days</span>
          </div>
        </fieldset>

        <fieldset>
          <legend>Price</legend>
          <label>
            <input type="radio" name="price" value="" checked={!shown.price} onChange={onPick} /> Any
          </label>
          {/* A choice that would leave nothing is not offered, unless it is the one made. */}
          {facets.price.listed || filters.price === "listed" ? (
            <label>
              <input type="radio" name="price" value="listed" checked={shown.price === "listed"} onChange={onPick} />{" "}
              List price, buy online <Count facets={facets} count={facets.price.listed} />
            </label>
          ) : null}
          {facets.price.quote || filters.price === "quote" ? (
            <label>
              <input type="radio" name="price" value="quote" checked={shown.price === "quote"} onChange={onPick} />{" "}
              Price on request <Count facets={facets} count={facets.price.quote} />
            </label>
          ) : null}
        </fieldset>

        {facets.manufacturers.length > 1 || shown.manufacturers.length ? (
          <fieldset>
            <legend>
              Manufacturer <span className="facets__hint">any of</span>
            </legend>
            {facets.manufacturers.map((m) => (
              <label key={m.value}>
                <input
                  type="checkbox"
                  name="mfr"
                  value={m.value}
                  checked={shown.manufacturers.includes(m.value)}
                  onChange={onPick}
                />{" "}
                {m.value} <Count facets={facets} count={m.count} />
              </label>
            ))}
          </fieldset>
        ) : null}

        {facets.enums.map((facet) => {
          // The commonest values, and every one the page is filtered by, shown; the rest behind "more".
          const [first, more] = [
            facet.values.filter((v, i) => i < VALUES_SHOWN || v.selected),
            facet.values.filter((v, i) => i >= VALUES_SHOWN && !v.selected),
          ];
          const choice = (v: (typeof facet.values)[number]) => (
            <label key={v.value}>
              <input
                type="checkbox"
                name={facet.key}
                value={v.value}
                checked={shown.enums[facet.key]?.includes(v.value) ?? false}
                onChange={onPick}
              />{" "}
              {v.value} <Count facets={facets} count={v.count} />
            </label>
          );
          return (
            <fieldset key={facet.key}>
              <legend>
                {facet.label} <span className="facets__hint">{facet.allOf ? "has all of" : "any of"}</span>
              </legend>
              {first.map(choice)}
              {more.length ? (
                <details className="facets__more">
                  <summary>{more.length} more</summary>
                  {more.map(choice)}
                </details>
              ) : null}
            </fieldset>
          );
        })}

        {facets.ranges.map((facet) => {
          const problem = shown.invalidRanges[facet.key];
          const range = shown.ranges[facet.key] ?? problem ?? {};
          const errorId = rangeErrorId(facet.key);
          // The page as the server sends it (no JavaScript) starts at the first range to mend.
          const startHere = Object.keys(filters.invalidRanges)[0] === facet.key ? (problem?.bound ?? "min") : undefined;
          // One bound that is wrong, or both when it is their order.
          const toMend = (bound: "min" | "max") => (problem && (problem.bound ?? bound) === bound ? true : undefined);
          return (
            <fieldset key={facet.key} className="range">
              <legend>
                {facet.label}
                {facet.unit ? ` (${facet.unit})` : ""}
              </legend>
              <div className="range__inputs">
                <NumberFilter
                  step="any"
                  name={`${facet.key}_min`}
                  applied={range.min}
                  onLeave={apply}
                  placeholder={formatSpecValue(facet.min, null)}
                  aria-label={`${facet.label} minimum`}
                  autoFocus={startHere === "min" || undefined}
                  aria-invalid={toMend("min")}
                  aria-describedby={problem ? errorId : undefined}
                />
                <span aria-hidden="true">–</span>
                <NumberFilter
                  step="any"
                  name={`${facet.key}_max`}
                  applied={range.max}
                  onLeave={apply}
                  placeholder={formatSpecValue(facet.max, null)}
                  aria-label={`${facet.label} maximum`}
                  autoFocus={startHere === "max" || undefined}
                  aria-invalid={toMend("max")}
                  aria-describedby={problem ? errorId : undefined}
                />
              </div>
              {problem ? (
                <p id={errorId} className="field-error" role="alert">
                  {problem.message}
                </p>
              ) : null}
            </fieldset>
          );
        })}

        <button type="submit" className="button">
          {loading ? "Applying…" : "Apply filters"}
        </button>
      </Form>
    </>
  );
}

const rangeErrorId = (key: string) => `range-${key}-error`;

/** Which spec keys the panel offers, and how each filters: enough to read a URL being loaded. */
function kindsOf(facets: Facets) {
  return new Map<string, SpecKind>([
    ...facets.enums.map((facet) => [facet.key, "enum"] as const),
    ...facets.ranges.map((facet) => [facet.key, "number"] as const),
  ]);
}

const asTyped = (value: number | undefined) => (value === undefined ? "" : String(value));
const sameNumber = (typed: string, applied: number | undefined) =>
  typed.trim() === "" ? applied === undefined : Number(typed) === applied;

/**
 * A number the buyer types: applied when the field is left (or by Enter, which submits the form),
 * not on every keystroke; set again from the URL whenever the URL's value changes.
 */
function NumberFilter({
  applied,
  onLeave,
  ...input
}: {
  applied: number | undefined;
  onLeave: (form: HTMLFormElement | null) => void;
  id?: string;
  name: string;
  min?: number;
  max?: number;
  step?: string;
  placeholder?: string;
  "aria-label"?: string;
  autoFocus?: true;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}) {
  const [typed, setTyped] = useState(asTyped(applied));
  const [from, setFrom] = useState(applied);
  if (from !== applied) {
    setFrom(applied);
    setTyped(asTyped(applied));
  }
  return (
    <input
      {...input}
      type="number"
      value={typed}
      onChange={(event) => setTyped(event.currentTarget.value)}
      onBlur={(event) => {
        if (!sameNumber(typed, applied)) onLeave(event.currentTarget.form);
      }}
    />
  );
}
