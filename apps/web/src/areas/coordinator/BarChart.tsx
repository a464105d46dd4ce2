/** A horizontal bar chart in CSS: every bar's label and value are text; the bars themselves are decoration. */
export function BarChart({
  title,
  rows,
  max,
  format = String,
}: {
  title: string;
  rows: Array<{ key: string; label: string; value: number; text?: string }>;
  max?: number;
  format?: (value: number) => string;
}) {
  const top = Math.max(1, max ?? Math.max(0, ...rows.map((row) => row.value)));
  return (
    <figure className="bar-chart">
      <figcaption>{title}</figcaption>
      <ul>
        {rows.map((row) => (
          <li key={row.key}>
            <span className="bar-label">
              {row.label}: <strong>{row.text ?? format(row.value)}</strong>
            </span>
            <span className="bar" aria-hidden="true">
              <span style={{ width: `${Math.min(100, (100 * row.value) / top)}%` }} />
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
