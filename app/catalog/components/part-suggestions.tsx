import { useEffect, useRef } from "react";
import { useSideData } from "~/lib/side-data";

type Suggestions = { suggestions: { name: string; partNumber: string; slug: string }[] };

/**
 * Catalog matches suggested as someone types a part number or a product's name into a field:
 * the field's props (spread them on the input) and the list it suggests from (render it once,
 * beside the fields that use it). Without JavaScript the field is a plain one.
 */
export function usePartSuggestions(listId: string) {
  const [suggested, load] = useSideData<Suggestions>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const onInput = (event: React.FormEvent<HTMLInputElement>) => {
    const value = event.currentTarget.value.trim();
    clearTimeout(timer.current);
    if (value.length < 2) return;
    timer.current = setTimeout(() => load(`/search/suggest?q=${encodeURIComponent(value)}`), 150);
  };
  return {
    input: { list: listId, autoComplete: "off", onInput },
    datalist: (
      <datalist id={listId}>
        {suggested?.suggestions.map((item) => (
          <option key={item.slug} value={item.partNumber}>
            {item.name}
          </option>
        ))}
      </datalist>
    ),
  };
}
