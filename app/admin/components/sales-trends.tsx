import { Form, Link } from "@remix-run/react";
import { formatMoney } from "~/lib/money";
import { formatDuration, formatShare, formatWeek } from "~/admin/sales-figures";
import { formatCount } from "~/lib/plural";
import { Sparkline } from "./sparkline";
import { TableScroll } from "~/components/ui/table-scroll";

/** One week's figures as the loader sends them (a figure without data is left out). */
type Figures = {
  pipelineCents: number;
  quotesSent: number;
  accepted: number;
  decided: number;
  winRate?: number;
  responded: number;
  medianResponseMinutes?: number;
};
export type Trend = { id: number | null; name: string; weeks: (Figures & { start: string })[]; total: Figures };

const FIGURES = [
  { key: "pipelineCents", label: "Open pipeline at week end", format: (cents: number) => formatMoney(cents) },
  { key: "quotesSent", label: "Quotes sent", format: formatCount },
  { key: "winRate", label: "Win rate of the week's decisions", format: formatShare },
  { key: "medianResponseMinutes", label: "Median first response to the week's requests", format: formatDuration },
] as const;

const shown = (value: number | undefined, format: (value: number) => string) =>
  value === undefined ? "—" : format(value);

const personLink = (id: number | null) => (id === null ? "/admin" : `/admin?person=${id}`);

/**
 * The last 12 weeks for everyone or one owner of requests (chosen with `?person=`, a GET form
 * that works without JavaScript), then the same figures by owner.
 */
export function SalesTrends({ selected, rows }: { selected: Trend; rows: Trend[] }) {
  return (
    <section aria-labelledby="trends-heading">
      <h2 id="trends-heading">Last 12 weeks</h2>
      <Form method="get" action="/admin" className="inline-form" key={selected.id ?? "everyone"}>
        <label htmlFor="trends-person">Person</label>
        <select id="trends-person" name="person" defaultValue={selected.id ?? ""}>
          {rows.map((row) => (
            <option key={row.id ?? "everyone"} value={row.id ?? ""}>
              {row.name}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--secondary">
          Show
        </button>
      </Form>
      <TableScroll label="Weekly figures">
        <table className="data-table trends-table">
          <caption>Weekly figures: {selected.name} (weeks start on Monday, UTC)</caption>
          <thead>
            <tr>
              <th scope="col">Figure</th>
              {selected.weeks.map((week) => (
                <th scope="col" key={week.start}>
                  <time dateTime={week.start}>{formatWeek(week.start)}</time>
                </th>
              ))}
              <th scope="col">Trend</th>
            </tr>
          </thead>
          <tbody>
            {FIGURES.map(({ key, label, format }) => (
              <tr key={key}>
                <th scope="row">{label}</th>
                {selected.weeks.map((week) => (
                  <td key={week.start}>{shown(week[key], format)}</td>
                ))}
                <td>
                  <Sparkline label={label} values={selected.weeks.map((week) => week[key])} format={format} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <TableScroll label="Each seller over the 12 weeks">
        <table className="data-table trends-table">
          <caption>By person, over the 12 weeks (pipeline as it stands now)</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Open pipeline</th>
              <th scope="col">Pipeline trend</th>
              <th scope="col">Quotes sent</th>
              <th scope="col">Win rate</th>
              <th scope="col">Median first response</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id ?? "everyone"}>
                <th scope="row">
                  <Link to={personLink(row.id)} aria-current={row.id === selected.id ? "true" : undefined}>
                    {row.name}
                  </Link>
                </th>
                <td>{formatMoney(row.total.pipelineCents)}</td>
                <td>
                  <Sparkline
                    label={`Open pipeline of ${row.name}`}
                    values={row.weeks.map((week) => week.pipelineCents)}
                    format={(cents) => formatMoney(cents)}
                  />
                </td>
                <td>{formatCount(row.total.quotesSent)}</td>
                <td>
                  {shown(row.total.winRate, formatShare)}{" "}
                  {row.total.decided > 0 && (
                    <span className="muted">
                      ({formatCount(row.total.accepted)} of {formatCount(row.total.decided)})
                    </span>
                  )}
                </td>
                <td>{shown(row.total.medianResponseMinutes, formatDuration)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
