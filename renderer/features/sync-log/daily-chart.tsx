import type { ConnectionView } from '../../../preload/schemas/connection';
import type { StatsView } from '../../../preload/schemas/sync-log';
import { localDay } from '../../lib/format';
import { STATS_DAYS } from '../../store/sync-log-store';

const W = 640;
const H = 160;
const PAD = { left: 36, right: 8, top: 10, bottom: 22 };
const COLORS = ['#1f5fd1', '#e8572f', '#1a7f45', '#9a5b00', '#7a3fc2', '#0b7fc7'];

/**
 * Records synced per day per connection, as grouped bars in inline SVG. The
 * same numbers are in a visually hidden table for screen readers.
 */
export function DailyChart({ stats, from, connections }: { stats: StatsView; from: number; connections: ConnectionView[] }) {
  const days = Array.from({ length: STATS_DAYS }, (_, i) => { const d = new Date(from); d.setDate(d.getDate() + i); return localDay(d.getTime()); });
  const ids = [...new Set(stats.days.map((d) => d.connectionId))];
  const count = (day: string, id: number): number => stats.days.find((d) => d.day === day && d.connectionId === id)?.count ?? 0;
  const max = Math.max(1, ...stats.days.map((d) => d.count));
  const slot = (W - PAD.left - PAD.right) / days.length;
  const bar = Math.max(2, (slot - 6) / Math.max(1, ids.length));
  const y = (v: number): number => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / max);
  const name = (id: number): string => connections.find((c) => c.id === id)?.label ?? `Connection ${id}`;

  return (
    <figure className="chart card" aria-labelledby="chart-title">
      <figcaption id="chart-title" className="chart-title">Records synced per day, last {STATS_DAYS} days</figcaption>
      {ids.length === 0 ? <p className="muted chart-empty">Nothing synced in the last {STATS_DAYS} days.</p> : (
        <>
          <svg viewBox={`0 0 ${W} ${H}`} className="chart-svg" role="img" aria-label="Bar chart of records synced per day" data-testid="daily-chart">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} className="chart-axis-line" />
            <text x={PAD.left - 6} y={y(max) + 4} textAnchor="end" className="chart-axis">{max}</text>
            <text x={PAD.left - 6} y={y(0)} textAnchor="end" className="chart-axis">0</text>
            {days.map((day, i) => (
              <g key={day}>
                {ids.map((id, j) => {
                  const v = count(day, id);
                  return v > 0 ? <rect key={id} x={PAD.left + i * slot + 3 + j * bar} y={y(v)} width={bar - 1} height={y(0) - y(v)} fill={COLORS[j % COLORS.length]}><title>{`${name(id)}, ${day}: ${v}`}</title></rect> : null;
                })}
                {(i % 2 === 0 || i === days.length - 1) && <text x={PAD.left + i * slot + slot / 2} y={H - 6} textAnchor="middle" className="chart-axis">{day.slice(5)}</text>}
              </g>
            ))}
          </svg>
          <ul className="chart-legend">
            {ids.map((id, j) => <li key={id}><span className="legend-swatch" style={{ background: COLORS[j % COLORS.length] }} aria-hidden="true" />{name(id)}</li>)}
          </ul>
          <table className="visually-hidden">
            <caption>Records synced per day</caption>
            <thead><tr><th scope="col">Day</th>{ids.map((id) => <th key={id} scope="col">{name(id)}</th>)}</tr></thead>
            <tbody>{days.map((day) => <tr key={day}><th scope="row">{day}</th>{ids.map((id) => <td key={id}>{count(day, id)}</td>)}</tr>)}</tbody>
          </table>
        </>
      )}
    </figure>
  );
}
