import { useCallback, useEffect, useRef, useState } from "react";

/**
 * JSON a page reads on the side (the header's counts, search suggestions): a plain `fetch`,
 * never a Remix fetcher. Such data is an extra, and a fetcher that fails puts the whole page
 * under its error boundary (or reloads it if the route's module failed to load), so the buyer
 * would lose what they were doing over it. Here a failed read keeps what was shown; a newer
 * read cancels an older one, so answers never arrive out of order.
 */
export function useSideData<T>(): [T | undefined, (url: string) => void] {
  const [data, setData] = useState<T>();
  const pending = useRef<AbortController>();
  useEffect(() => () => pending.current?.abort(), []);
  const load = useCallback((url: string) => {
    pending.current?.abort();
    const controller = (pending.current = new AbortController());
    fetch(url, { headers: { Accept: "application/json" }, signal: controller.signal })
      .then((response) => (response.ok ? (response.json() as Promise<T>) : undefined))
      .then((json) => json !== undefined && !controller.signal.aborted && setData(json))
      .catch(() => {
        // Keep what is shown; the next read tries again.
      });
  }, []);
  return [data, load];
}
