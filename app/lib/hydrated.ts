import { useEffect, useState } from "react";

/**
 * Whether the page's scripts run: false on the server and in the first browser render (so
 * hydration sees the server's markup), true from then on. Controls that only work with
 * JavaScript appear then, and their no-JavaScript stand-ins go.
 */
export function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
