import type { EngineeringSummary as Summary } from "~/quotes/quote-list.server";
import { plural } from "~/lib/plural";

const number = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

export function EngineeringSummary({ summary }: { summary: Summary }) {
  if (summary.linesWithPower + summary.linesWithWeight + summary.supplies.length === 0) return null;
  return (
    <section aria-labelledby="engineering-summary" className="engineering-summary">
      <h2 id="engineering-summary">Engineering summary</h2>
      <dl>
        {summary.linesWithPower ? (
          <div>
            <dt>Total connected power</dt>
            <dd>
              {number.format(summary.totalPowerKw)} kW{" "}
              <span className="muted">({plural(summary.linesWithPower, "line")})</span>
            </dd>
          </div>
        ) : null}
        {summary.supplies.length ? (
          <div>
            <dt>Supplies needed</dt>
            <dd>{summary.supplies.join(" · ")}</dd>
          </div>
        ) : null}
        {summary.linesWithWeight ? (
          <div>
            <dt>Total weight</dt>
            <dd>
              {number.format(summary.totalWeightKg)} kg{" "}
              <span className="muted">({plural(summary.linesWithWeight, "line")})</span>
            </dd>
          </div>
        ) : null}
      </dl>
      {summary.mixedVoltages ? (
        <p className="notice notice--warn">Mixed voltages: check the site supply for each item.</p>
      ) : null}
      {summary.mixedFrequencies ? (
        <p className="notice notice--warn">50 Hz and 60 Hz equipment are mixed on this list.</p>
      ) : null}
      {summary.linesWithoutData ? (
        <p className="muted">Free-form lines are not included: sales will confirm their data.</p>
      ) : null}
    </section>
  );
}
