// Usage figures as simple SVG bar charts: volume by day and channel, ratings, and completion vs
// abandonment per journey step (the same summary central's fleet page shows for all terminals).
import type { UsageSummary } from '../../../common/usage-summary';

interface Series {
  name: string;
  className: string;
}

function Bars({ id, title, series, rows }: { id: string; title: string; series: Series[]; rows: { label: string; values: number[] }[] }) {
  const rowH = 34;
  const labelW = 220;
  const barW = 560;
  const max = Math.max(1, ...rows.map((r) => r.values.reduce((a, b) => a + b, 0)));
  const desc = rows.map((r) => `${r.label}: ${r.values.map((v, i) => `${series[i]!.name} ${v}`).join(', ')}`).join('; ') || '无数据 / no data';
  return (
    <figure className="maint-chart" data-testid={id}>
      <figcaption>{title}</figcaption>
      <svg role="img" aria-label={`${title}. ${desc}`} viewBox={`0 0 ${labelW + barW + 70} ${rows.length * rowH + 36}`} width="100%">
        {series.map((s, i) => (
          <g key={s.name}>
            <rect x={labelW + i * 200} y={4} width={16} height={16} className={s.className} />
            <text x={labelW + i * 200 + 22} y={17}>
              {s.name}
            </text>
          </g>
        ))}
        {rows.map((r, ri) => {
          let x = labelW;
          const y = 30 + ri * rowH;
          const total = r.values.reduce((a, b) => a + b, 0);
          return (
            <g key={r.label}>
              <text x={labelW - 8} y={y + 18} textAnchor="end">
                {r.label}
              </text>
              {r.values.map((v, i) => {
                const w = (v / max) * barW;
                const rect = <rect key={i} x={x} y={y} width={w} height={rowH - 10} className={series[i]!.className} />;
                x += w;
                return rect;
              })}
              <text x={x + 6} y={y + 18}>
                {total}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);

export function UsageCharts({ summary }: { summary: UsageSummary }) {
  const channels = [
    { name: '自助办 / self-service', className: 'bar-a' },
    { name: '代办 / assisted', className: 'bar-b' },
  ];
  return (
    <div className="maint-usage">
      <ul className="maint-figures">
        <li>
          办件量 / submissions <strong data-testid="usage-total">{summary.total}</strong>
        </li>
        <li>
          不见面占比 / no counter visit <strong data-testid="usage-novisit">{pct(summary.noVisitShare)}</strong>
        </li>
        <li>
          满意率 / satisfied <strong data-testid="usage-satisfaction">{pct(summary.satisfaction)}</strong>
        </li>
      </ul>
      <Bars
        id="chart-per-day"
        title="每日办件量（按渠道）/ Submissions per day by channel"
        series={channels}
        rows={summary.perDay.map((d) => ({ label: d.day.slice(5), values: [d.kiosk, d.helper] }))}
      />
      <Bars
        id="chart-per-service"
        title="各事项办件量 / Submissions per service"
        series={channels}
        rows={summary.perService.slice(0, 10).map((s) => ({ label: s.serviceCode, values: [s.kiosk, s.helper] }))}
      />
      <Bars
        id="chart-ratings"
        title="好差评分布 / Ratings"
        series={[{ name: '评价数 / ratings', className: 'bar-ok' }]}
        rows={summary.ratings.map((n, i) => ({ label: `${i + 1} 星 / ${i + 1}★`, values: [n] }))}
      />
      <Bars
        id="chart-steps"
        title="各步骤完成与放弃 / Completion vs abandonment per step"
        series={[
          { name: '继续 / went on', className: 'bar-a' },
          { name: '放弃 / abandoned', className: 'bar-bad' },
        ]}
        rows={summary.steps.map((s) => ({ label: `${s.journey} · ${s.step}`, values: [s.completed, s.abandoned] }))}
      />
    </div>
  );
}
