import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BarChart } from "~/admin/components/bar-chart";
import { requireUser } from "~/admin/auth.server";
import { salesDashboard } from "~/admin/dashboard.server";
import { unreadCount } from "~/quotes/quote-inbox.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  return data({ ...salesDashboard(), unread: unreadCount() });
}

/** 45 min, 3.5 h, 2.1 d. */
function formatDuration(minutes: number) {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 6) / 10} h`;
  return `${Math.round(minutes / 144) / 10} d`;
}

const short = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

export default function Dashboard() {
  const stats = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="dashboard-heading">
      <h1 id="dashboard-heading">Dashboard</h1>
      <dl className="stats">
        <div>
          <dt>Waiting on us</dt>
          <dd>
            <Link to="/admin/quotes?view=waiting">{stats.waitingTotal}</Link>
          </dd>
        </div>
        <div>
          <dt>Unread</dt>
          <dd>{stats.unread}</dd>
        </div>
        <div>
          <dt>Median first response (90 days)</dt>
          <dd>{stats.medianResponseMinutes === undefined ? "—" : formatDuration(stats.medianResponseMinutes)}</dd>
        </div>
        <div>
          <dt>Quoted → accepted (90 days)</dt>
          <dd>
            {stats.conversion === undefined ? "—" : `${Math.round(stats.conversion * 100)}%`}{" "}
            <span className="muted">
              ({stats.accepted} of {stats.quoted})
            </span>
          </dd>
        </div>
      </dl>
      <BarChart
        title="Quote requests per week"
        bars={stats.weeks.map((week) => ({
          label: short.format(new Date(`${week.start}T00:00:00Z`)),
          value: week.count,
        }))}
      />
      <h2>Waiting on us, by age</h2>
      <table className="data-table">
        <tbody>
          {stats.waiting.map((bucket) => (
            <tr key={bucket.label}>
              <th scope="row">{bucket.label}</th>
              <td>{bucket.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
