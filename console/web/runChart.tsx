/** Bars per hour: runs, with the failed ones in red at the bottom of each bar. Plain SVG. */
import { type Translate } from './i18n.js';

export interface Bucket {
  readonly start: string;
  readonly runs: number;
  readonly failures: number;
}

const W = 720;
const H = 160;
const PAD_LEFT = 28;
const PAD_BOTTOM = 20;

export const RunChart = ({ buckets, t, language }: { buckets: readonly Bucket[]; t: Translate; language: 'en' | 'ja' }) => {
  const max = Math.max(1, ...buckets.map((b) => b.runs));
  const plotH = H - PAD_BOTTOM - 8;
  const step = (W - PAD_LEFT) / Math.max(1, buckets.length);
  const barW = Math.max(2, step - 3);
  const y = (v: number) => H - PAD_BOTTOM - (v / max) * plotH;
  const hour = (iso: string) => new Date(iso).toLocaleTimeString(language === 'ja' ? 'ja-JP' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
  const runs = buckets.reduce((n, b) => n + b.runs, 0);
  const failures = buckets.reduce((n, b) => n + b.failures, 0);
  return (
    <figure className="chart">
      <figcaption>
        <strong>{t('chartTitle')}</strong>: <span data-testid="chart-totals">{runs} {t('runs')}, {failures} {t('errors')}</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${t('chartTitle')}: ${runs} ${t('runs')}, ${failures} ${t('errors')}`}>
        <line className="axis" x1={PAD_LEFT} y1={H - PAD_BOTTOM} x2={W} y2={H - PAD_BOTTOM} />
        <text x={PAD_LEFT - 4} y={y(max) + 4} textAnchor="end">{max}</text>
        <text x={PAD_LEFT - 4} y={H - PAD_BOTTOM} textAnchor="end">0</text>
        {buckets.map((b, i) => {
          const x = PAD_LEFT + i * step + 1.5;
          return (
            <g key={b.start}>
              <title>{`${hour(b.start)}: ${b.runs} ${t('runs')}, ${b.failures} ${t('errors')}`}</title>
              {b.runs > 0 ? <rect className="bar-runs" x={x} y={y(b.runs)} width={barW} height={H - PAD_BOTTOM - y(b.runs)} /> : null}
              {b.failures > 0 ? <rect className="bar-errors" x={x} y={y(b.failures)} width={barW} height={H - PAD_BOTTOM - y(b.failures)} /> : null}
              {i % 3 === 0 ? <text x={x + barW / 2} y={H - 6} textAnchor="middle">{hour(b.start)}</text> : null}
            </g>
          );
        })}
      </svg>
      <div className="legend" aria-hidden="true">
        <span><span className="swatch swatch-runs" />{t('runs')}</span>
        <span><span className="swatch swatch-errors" />{t('errors')}</span>
      </div>
    </figure>
  );
};

/** Adds the hourly buckets of several mailboxes (same hours: one server clock). */
export const sumBuckets = (lists: readonly (readonly Bucket[])[]): Bucket[] => {
  const byStart = new Map<string, { start: string; runs: number; failures: number }>();
  for (const list of lists) {
    for (const b of list) {
      const acc = byStart.get(b.start) ?? { start: b.start, runs: 0, failures: 0 };
      acc.runs += b.runs;
      acc.failures += b.failures;
      byStart.set(b.start, acc);
    }
  }
  return [...byStart.values()].sort((a, b) => a.start.localeCompare(b.start));
};
