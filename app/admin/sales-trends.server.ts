import { users } from "~db/schema";
import { db, preparedOnce, sqlite } from "~/lib/db.server";
import { quoteStatusesAllowing, type QuoteStatus } from "~/quotes/quote-lifecycle";

const DAY = 86_400_000;
export const TREND_WEEKS = 12;

/**
 * Who a figure belongs to, as one SQL expression over the request `q` that every trend query
 * below has in scope: the request's owner (whoever sent its revisions). Unassigned requests count
 * for everyone only.
 */
const PERSON = "q.owner_id";
// (A revision's sent time is its `created_at` column: `sentAt` in the schema.)

/** A quote in front of the buyer: they may still accept it (quoted, or changes asked for). */
const OPEN_STATUSES = quoteStatusesAllowing("accept");
/** How a quote ends: won (accepted) or lost (declined, expired, withdrawn). */
const DECISION_STATUSES: QuoteStatus[] = ["accepted", "declined", "expired", "withdrawn"];
const inList = (statuses: readonly QuoteStatus[]) => statuses.map((status) => `'${status}'`).join(", ");

/**
 * The weeks as rows, from one JSON parameter: index, start, cut-off (the next Monday, or now in the
 * current week: what has not happened yet is not counted) and the last day counted.
 */
const WEEKS_CTE = `weeks(week, start_at, cutoff, last_day) AS MATERIALIZED (
  SELECT key, value ->> 0, value ->> 1, value ->> 2 FROM json_each(@weeks)
)`;

/**
 * Open pipeline at each week's end. A request is open at a week's cut-off (the next Monday 00:00
 * UTC, or now for the current week) when its latest status event before the cut-off leaves a
 * quote in front of the buyer (quoted or changes requested: not yet accepted, declined, expired
 * or withdrawn), a revision was sent before the cut-off, and that revision (the one current
 * then) is still valid on the week's last day (valid_until on or after it: the expiry the timer
 * records a minute later counts already). Its value is that revision's total.
 *
 * Only requests with a revision valid on the first week's last day can be open in any week (the
 * valid_until index finds them); their events and revisions are read in two queries, in order,
 * and walked once over the cut-offs (`pipelineOf`), rather than looked up per week and request.
 */
const CANDIDATES = `SELECT request_id FROM quote_revisions WHERE valid_until >= @firstLastDay`;
const candidateEvents = preparedOnce(() =>
  sqlite
    .prepare<{ firstLastDay: string }, [requestId: number, status: QuoteStatus, at: string]>(
      `SELECT request_id, status, created_at FROM quote_events
      WHERE request_id IN (${CANDIDATES}) ORDER BY request_id, created_at, id`,
    )
    .raw(),
);
const candidateRevisions = preparedOnce(() =>
  sqlite
    .prepare<
      { firstLastDay: string },
      [requestId: number, sentAt: string, validUntil: string, totalCents: number, person: number | null]
    >(
      `SELECT r.request_id, r.created_at, r.valid_until, r.total_cents, ${PERSON}
      FROM quote_revisions r JOIN quote_requests q ON q.id = r.request_id
      WHERE r.request_id IN (${CANDIDATES}) ORDER BY r.request_id, r.version`,
    )
    .raw(),
);

/** Revisions sent in each week, by the request's owner. */
const sentByWeek = preparedOnce(() =>
  sqlite.prepare<{ weeks: string }, { week: number; person: number | null; sent: number }>(
    `WITH ${WEEKS_CTE}
    SELECT w.week, ${PERSON} AS person, count(*) AS sent
    FROM weeks w
    JOIN quote_revisions r ON r.created_at >= w.start_at AND r.created_at < w.cutoff
    JOIN quote_requests q ON q.id = r.request_id
    GROUP BY w.week, person`,
  ),
);

/**
 * Decisions in each week on requests that had been quoted: the event, and the revision current
 * when it was made (a request declined or withdrawn before any quote is no quote lost).
 */
const decisionsByWeek = preparedOnce(() =>
  sqlite.prepare<
    { weeks: string; from: string; to: string },
    { week: number; requestId: number; status: QuoteStatus; person: number | null }
  >(
    `WITH ${WEEKS_CTE}
    SELECT w.week, e.request_id AS requestId, e.status, ${PERSON} AS person
    FROM weeks w
    JOIN quote_events e ON e.status IN (${inList(DECISION_STATUSES)}) AND e.kind = 'status'
      AND e.created_at >= w.start_at AND e.created_at < w.cutoff
      AND e.created_at >= @from AND e.created_at < @to
    JOIN quote_requests q ON q.id = e.request_id
    JOIN quote_revisions r ON r.id = (SELECT id FROM quote_revisions WHERE request_id = e.request_id
      AND created_at <= e.created_at ORDER BY version DESC LIMIT 1)
    ORDER BY e.created_at, e.id`,
  ),
);

/** Requests created in each week that sales has answered, by the request's owner. */
const responsesByWeek = preparedOnce(() =>
  sqlite.prepare<
    { weeks: string },
    { week: number; person: number | null; createdAt: string; firstRespondedAt: string }
  >(
    `WITH ${WEEKS_CTE}
    SELECT w.week, ${PERSON} AS person, q.created_at AS createdAt, q.first_responded_at AS firstRespondedAt
    FROM weeks w
    JOIN quote_requests q ON q.created_at >= w.start_at AND q.created_at < w.cutoff
    WHERE q.first_responded_at IS NOT NULL`,
  ),
);

/** One week of one person's (or everyone's) figures. */
export type WeekFigures = {
  /** Monday, YYYY-MM-DD. */
  start: string;
  pipelineCents: number;
  quotesSent: number;
  accepted: number;
  decided: number;
  /** accepted ÷ decided; undefined in a week without a decision. */
  winRate: number | undefined;
  responded: number;
  /** undefined in a week without an answered request. */
  medianResponseMinutes: number | undefined;
};

export type PersonTrends = {
  /** The user's id; null for everyone. */
  id: number | null;
  name: string;
  weeks: WeekFigures[];
  /** Over the 12 weeks: pipeline at the last week's end, the rest summed or over all rows. */
  total: Omit<WeekFigures, "start">;
};

export function median(values: number[]) {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Monday 00:00 UTC of the week holding `date`. */
export function weekStart(date: Date) {
  const day = (date.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day));
}

/** The last 12 weeks (Monday-start, UTC) up to `now`, oldest first. */
export function trendWeeks(now: Date) {
  const first = weekStart(now).getTime() - (TREND_WEEKS - 1) * 7 * DAY;
  return Array.from({ length: TREND_WEEKS }, (_, i) => {
    const start = first + i * 7 * DAY;
    const cutoff = Math.min(start + 7 * DAY, now.getTime());
    return {
      start: new Date(start).toISOString(),
      cutoff: new Date(cutoff).toISOString(),
      lastDay: new Date(cutoff - 1).toISOString().slice(0, 10),
    };
  });
}

/** Each request's value at each cut-off where it is open, with its person (see `candidateEvents`). */
function* pipelineOf(weeks: ReturnType<typeof trendWeeks>) {
  const firstLastDay = weeks[0].lastDay;
  const events = candidateEvents().all({ firstLastDay });
  const revisions = candidateRevisions().all({ firstLastDay });
  let e = 0;
  let r = 0;
  // Both lists are ordered by request: take one request's rows at a time.
  while (r < revisions.length) {
    const requestId = revisions[r][0];
    while (e < events.length && events[e][0] < requestId) e++;
    let status: QuoteStatus | undefined;
    let current: (typeof revisions)[number] | undefined;
    for (const [week, { cutoff, lastDay }] of weeks.entries()) {
      for (; e < events.length && events[e][0] === requestId && events[e][2] < cutoff; e++) status = events[e][1];
      for (; r < revisions.length && revisions[r][0] === requestId && revisions[r][1] < cutoff; r++)
        current = revisions[r];
      if (current && status && OPEN_STATUSES.includes(status) && current[2] >= lastDay)
        yield { week, person: current[4], cents: current[3] };
    }
    while (r < revisions.length && revisions[r][0] === requestId) r++;
  }
}

type Tally = {
  pipelineCents: number[];
  quotesSent: number[];
  accepted: number[];
  decided: number[];
  responseMs: number[][];
};
const emptyTally = (): Tally => ({
  pipelineCents: Array(TREND_WEEKS).fill(0),
  quotesSent: Array(TREND_WEEKS).fill(0),
  accepted: Array(TREND_WEEKS).fill(0),
  decided: Array(TREND_WEEKS).fill(0),
  responseMs: Array.from({ length: TREND_WEEKS }, () => []),
});

const toMinutes = (ms: number | undefined) => (ms === undefined ? undefined : Math.round(ms / 60_000));

/**
 * The sales trends of the last 12 weeks, for everyone and for each person with figures: open
 * pipeline at each week's end, quotes sent, win rate of the week's decisions, and the median
 * first response to the week's requests. Six queries, whatever the weeks or the people.
 */
export function salesTrends(now = new Date()): { everyone: PersonTrends; people: PersonTrends[] } {
  const weeks = trendWeeks(now);
  const params = { weeks: JSON.stringify(weeks.map((w) => [w.start, w.cutoff, w.lastDay])) };
  const tallies = new Map<number | null, Tally>([[null, emptyTally()]]);
  // Each row counts for everyone, and for its person when it has one.
  const tallied = (person: number | null) => {
    const keys = person === null ? [null] : [null, person];
    return keys.map((key) => {
      if (!tallies.has(key)) tallies.set(key, emptyTally());
      return tallies.get(key)!;
    });
  };

  for (const { week, person, cents } of pipelineOf(weeks))
    for (const tally of tallied(person)) tally.pipelineCents[week] += cents;
  for (const row of sentByWeek().all(params))
    for (const tally of tallied(row.person)) tally.quotesSent[row.week] += row.sent;
  // A request decided twice in a week (accepted, then its order lapsed) counts once, as it ended.
  const lastDecision = new Map<string, (typeof decisions)[number]>();
  const decisions = decisionsByWeek().all({ ...params, from: weeks[0].start, to: weeks.at(-1)!.cutoff });
  for (const row of decisions) lastDecision.set(`${row.week}:${row.requestId}`, row);
  for (const row of lastDecision.values())
    for (const tally of tallied(row.person)) {
      tally.decided[row.week]++;
      if (row.status === "accepted") tally.accepted[row.week]++;
    }
  for (const row of responsesByWeek().all(params))
    for (const tally of tallied(row.person))
      tally.responseMs[row.week].push(Date.parse(row.firstRespondedAt) - Date.parse(row.createdAt));

  // Every enabled user is a person to choose, with zeros when they have no figures yet.
  const everyUser = db.select({ id: users.id, name: users.name, disabledAt: users.disabledAt }).from(users).all();
  for (const user of everyUser) if (!user.disabledAt && !tallies.has(user.id)) tallies.set(user.id, emptyTally());
  const names = new Map(everyUser.map((user) => [user.id, user.name]));
  const trendsOf = (id: number | null, tally: Tally): PersonTrends => {
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    const accepted = sum(tally.accepted);
    const decided = sum(tally.decided);
    const responses = tally.responseMs.flat();
    return {
      id,
      name: id === null ? "Everyone" : (names.get(id) ?? `User ${id}`),
      weeks: weeks.map((week, i) => ({
        start: week.start.slice(0, 10),
        pipelineCents: tally.pipelineCents[i],
        quotesSent: tally.quotesSent[i],
        accepted: tally.accepted[i],
        decided: tally.decided[i],
        winRate: tally.decided[i] ? tally.accepted[i] / tally.decided[i] : undefined,
        responded: tally.responseMs[i].length,
        medianResponseMinutes: toMinutes(median(tally.responseMs[i])),
      })),
      total: {
        pipelineCents: tally.pipelineCents.at(-1)!,
        quotesSent: sum(tally.quotesSent),
        accepted,
        decided,
        winRate: decided ? accepted / decided : undefined,
        responded: responses.length,
        medianResponseMinutes: toMinutes(median(responses)),
      },
    };
  };
  const people = [...tallies]
    .filter(([id]) => id !== null)
    .map(([id, tally]) => trendsOf(id, tally))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id! - b.id!);
  return { everyone: trendsOf(null, tallies.get(null)!), people };
}
