const WIDTH = 96;
const HEIGHT = 24;
const PAD = 2;

/**
 * A small line of a figure over the weeks, server-rendered: no script, no chart library. A week
 * without a value (no decision, no answered request) is a gap. Screen readers get `label` with
 * the first and last weeks and the highest, written by `format`.
 */
export function Sparkline({
  label,
  values,
  format,
}: {
  label: string;
  values: (number | null | undefined)[];
  format: (value: number) => string;
}) {
  const known = values.filter((value): value is number => typeof value === "number");
  const max = Math.max(0, ...known);
  const step = values.length > 1 ? (WIDTH - 2 * PAD) / (values.length - 1) : 0;
  const point = (value: number, i: number) =>
    [PAD + i * step, HEIGHT - PAD - (max ? (value / max) * (HEIGHT - 2 * PAD) : 0)] as const;
  // Runs of weeks with a value, each drawn as one line (a run of one as a dot).
  const runs: (readonly [number, number])[][] = [];
  values.forEach((value, i) => {
    if (typeof value !== "number") return;
    if (i > 0 && typeof values[i - 1] === "number") runs.at(-1)!.push(point(value, i));
    else runs.push([point(value, i)]);
  });
  const says = (value: number | null | undefined) => (typeof value === "number" ? format(value) : "none");
  const summary = known.length
    ? `${label}: first week ${says(values[0])}, last week ${says(values.at(-1))}, highest ${format(max)}`
    : `${label}: no figures in these weeks`;
  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
      role="img"
      aria-label={summary}
    >
      {runs.map((run) =>
        run.length > 1 ? (
          <polyline key={run[0][0]} points={run.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" ")} />
        ) : (
          <circle key={run[0][0]} cx={run[0][0].toFixed(1)} cy={run[0][1].toFixed(1)} r="1.5" />
        ),
      )}
    </svg>
  );
}
