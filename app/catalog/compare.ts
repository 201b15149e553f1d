export const MAX_COMPARE = 4;

/** Accepts `ids=1,2,3` (shareable links) and `ids=1&ids=2` (the compare checkboxes). */
export function parseCompareIds(params: URLSearchParams) {
  const ids = params
    .getAll("ids")
    .flatMap((value) => value.split(","))
    .map((value) => Number(value.trim()))
    .filter((id) => Number.isSafeInteger(id) && id > 0);
  const unique = [...new Set(ids)];
  return { ids: unique.slice(0, MAX_COMPARE), dropped: Math.max(unique.length - MAX_COMPARE, 0) };
}
