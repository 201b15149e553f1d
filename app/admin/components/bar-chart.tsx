/** A small server-rendered bar chart: no script, readable by screen readers as a table. */
export function BarChart({ title, bars }: { title: string; bars: { label: string; value: number }[] }) {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const width = 28;
  const gap = 8;
  const height = 120;
  const top = 12; // room for the value above the tallest bar
  return (
    <figure className="bar-chart">
      <svg
        viewBox={`0 ${-top} ${bars.length * (width + gap)} ${height + 34 + top}`}
        role="img"
        aria-labelledby="chart-title"
      >
        <title id="chart-title">{title}</title>
        {bars.map((bar, i) => {
          const h = Math.round((bar.value / max) * height);
          const x = i * (width + gap);
          return (
            <g key={bar.label}>
              <rect x={x} y={height - h} width={width} height={h} className="bar-chart__bar" />
              <text x={x + width / 2} y={height - h - 3} textAnchor="middle" className="bar-chart__value">
                {bar.value}
              </text>
              <text x={x + width / 2} y={height + 14} textAnchor="middle" className="bar-chart__label">
                {bar.label}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}
