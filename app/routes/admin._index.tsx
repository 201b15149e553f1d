import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BarChart } from "~/admin/components/bar-chart";
import { SalesTrends } from "~/admin/components/sales-trends";
import { requireUser } from "~/admin/auth.server";
import { salesDashboard } from "~/admin/dashboard.server";
import { formatDuration, formatWeek } from "~/admin/sales-figures";
import { unreadCount } from "~/quotes/quote-inbox.server";
import { TableScroll } from "~/components/ui/table-scroll";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const { trends, ...stats } = salesDashboard();
  // `?person=<user id>` picks one person's weeks; anything else shows everyone's.
  const asked = new URL(request.url).searchParams.get("person");
  const selected = trends.people.find((person) => String(person.id) === asked) ?? trends.everyone;
  return data({ ...stats, unread: unreadCount(), selected, trendRows: [trends.everyone, ...trends.people] });
}

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
        <div>
          <dt>Orders to ship</dt>
          <dd>
            <Link to="/admin/orders?view=to_ship">{stats.orderQueues.toShip}</Link>
          </dd>
        </div>
        <div>
          <dt>Overdue invoices</dt>
          <dd>
            <Link to="/admin/orders?view=overdue">{stats.orderQueues.overdue}</Link>
          </dd>
        </div>
      </dl>
      <BarChart
        title="Quote requests per week"
        bars={stats.weeks.map((week) => ({
          label: formatWeek(week.start),
          value: week.count,
        }))}
      />
      <h2>Waiting on us, by age</h2>
      <TableScroll label="Waiting on us, by age">
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
      </TableScroll>
      <SalesTrends selected={stats.selected} rows={stats.trendRows} />
    </section>
  );
}
