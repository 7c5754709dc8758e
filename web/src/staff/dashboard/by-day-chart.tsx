import type { DashboardDay } from '../../api-types.ts';
import { formatDate, formatNumber } from '../../format.ts';
import { useStaffI18n } from '../i18n/context.ts';

const series = ['confirmed', 'stopped', 'restored'] as const;
const dayMs = 86_400_000;
/** A campaign lasts a month by default; a year of days is more than any chart here needs. */
const maxDays = 400;
const width = 600;
const height = 200;
const minSlots = 14;

/** Every calendar day from the first to the last with events, quiet days as zeros, so gaps show. */
export function continuousDays(days: readonly DashboardDay[]): DashboardDay[] {
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) return [];
  const byDate = new Map(sorted.map((day) => [day.date, day]));
  const start = Date.parse(`${first.date}T00:00:00Z`);
  const count = Math.min(Math.round((Date.parse(`${last.date}T00:00:00Z`) - start) / dayMs) + 1, maxDays);
  return Array.from({ length: count }, (_, index) => {
    const date = new Date(start + index * dayMs).toISOString().slice(0, 10);
    return byDate.get(date) ?? { date, confirmed: 0, stopped: 0, restored: 0 };
  });
}

/**
 * What happened each day (confirmed, stopped, restored) as stacked bars. The SVG carries a
 * summary for screen readers; the numbers of every day are in a table one click away.
 */
export function ByDayChart({ days }: { days: readonly DashboardDay[] }) {
  const { s, language } = useStaffI18n();
  const shown = continuousDays(days);
  const text = s.dashboard.byDay;
  const totals = Object.fromEntries(series.map((key) => [key, shown.reduce((sum, day) => sum + day[key], 0)])) as Record<(typeof series)[number], number>;
  const top = Math.max(1, ...shown.map((day) => day.confirmed + day.stopped + day.restored));
  // A few days' bars keep a day's width (a fortnight's share) instead of filling the chart.
  const slot = width / Math.max(shown.length, minSlots);
  const barWidth = Math.max(slot * 0.7, 1);
  const first = shown[0];
  const last = shown[shown.length - 1];
  return (
    <section aria-labelledby="by-day-heading" data-qa="by-day">
      <h2 id="by-day-heading">{text.heading}</h2>
      {!first || !last ? (
        <p data-qa="by-day-empty">{text.empty}</p>
      ) : (
        <figure class="day-chart">
          <figcaption id="by-day-caption">{text.caption}</figcaption>
          <ul class="chart-legend">
            {series.map((key) => (
              <li key={key}>
                <span class={`swatch swatch--${key}`} aria-hidden="true" />
                {text[key]}: {formatNumber(language, totals[key])}
              </li>
            ))}
          </ul>
          <p class="day-chart__top" aria-hidden="true">
            {formatNumber(language, top)}
          </p>
          <svg
            class="day-chart__plot"
            viewBox={`0 0 ${width} ${height}`}
            preserveAspectRatio="none"
            role="img"
            aria-label={text.summary(shown.length, formatNumber(language, totals.confirmed), formatNumber(language, totals.stopped), formatNumber(language, totals.restored))}
            data-qa="by-day-chart"
          >
            <line x1="0" y1={height} x2={width} y2={height} class="day-chart__axis" />
            <line x1="0" y1="0" x2={width} y2="0" class="day-chart__grid" />
            {shown.map((day, index) => {
              let base = height;
              const x = index * slot + (slot - barWidth) / 2;
              return (
                <g key={day.date} data-qa="day-bar" data-date={day.date} data-confirmed={day.confirmed} data-stopped={day.stopped} data-restored={day.restored}>
                  <title>{text.dayTitle(formatDate(language, day.date), formatNumber(language, day.confirmed), formatNumber(language, day.stopped), formatNumber(language, day.restored))}</title>
                  {series.map((key) => {
                    const barHeight = (day[key] / top) * height;
                    base -= barHeight;
                    return barHeight > 0 ? <rect key={key} class={`day-chart__bar day-chart__bar--${key}`} x={x} y={base} width={barWidth} height={barHeight} /> : null;
                  })}
                </g>
              );
            })}
          </svg>
          <p class="day-chart__dates" aria-hidden="true">
            <span>{formatDate(language, first.date)}</span>
            {last !== first && <span>{formatDate(language, last.date)}</span>}
          </p>
          <details class="day-chart__numbers">
            <summary>{text.showTable}</summary>
            <table class="table" data-qa="by-day-table">
              <caption>{text.caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{text.date}</th>
                  {series.map((key) => (
                    <th key={key} scope="col" class="numeric">
                      {text[key]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.map((day) => (
                  <tr key={day.date}>
                    <th scope="row" data-label={text.date}>
                      {formatDate(language, day.date)}
                    </th>
                    {series.map((key) => (
                      <td key={key} data-label={text[key]} class="numeric">
                        {formatNumber(language, day[key])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </figure>
      )}
    </section>
  );
}
