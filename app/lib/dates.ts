const parts = new Intl.DateTimeFormat("en-US", {
  weekday: "long",
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** "2025-12-29" → "Monday, 29 Dec 2025", the way the news section writes dates. */
export function formatArticleDate(isoDate: string) {
  const values = Object.fromEntries(
    parts.formatToParts(new Date(`${isoDate}T00:00:00Z`)).map((p) => [p.type, p.value]),
  );
  return `${values.weekday}, ${values.day} ${values.month} ${values.year}`;
}

const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** "Nov 29, 2026, 4:12 AM UTC": times of events, messages and payments. */
export function formatDateTimeUtc(iso: string) {
  return `${dateTime.format(new Date(iso))} UTC`;
}
