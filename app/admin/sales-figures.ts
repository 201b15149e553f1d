/** How the dashboard writes its figures: client-safe, beside `formatMoney` and `formatCount`. */

/** 45 min, 3.5 h, 2.1 d. */
export function formatDuration(minutes: number) {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 6) / 10} h`;
  return `${Math.round(minutes / 144) / 10} d`;
}

/** A share as a whole percentage: 0.333 → "33%". */
export const formatShare = (share: number) => `${Math.round(share * 100)}%`;

/** "Mar 30": a week by its Monday (YYYY-MM-DD, UTC). */
const short = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
export const formatWeek = (monday: string) => short.format(new Date(`${monday}T00:00:00Z`));
