import { formatDateTimeUtc } from "~/lib/dates";

type TimelineEvent = { id: number; createdAt: string };

/** What happened to a request or an order, oldest first, each line described by the page. */
export function Timeline<E extends TimelineEvent>({
  events,
  describe,
}: {
  events: E[];
  describe: (event: E) => string;
}) {
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      <ol className="timeline">
        {events.map((event) => (
          <li key={event.id}>
            <time dateTime={event.createdAt}>{formatDateTimeUtc(event.createdAt)}</time> — {describe(event)}
          </li>
        ))}
      </ol>
    </section>
  );
}
