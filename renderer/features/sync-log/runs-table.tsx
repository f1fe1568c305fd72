import type { ConnectionView } from '../../../preload/schemas/connection';
import type { SyncRunView } from '../../../preload/schemas/sync-log';
import { formatCount, formatDateTime, formatDuration } from '../../lib/format';
import { Table } from '../../ui/table';

const TRIGGER_WORDS: Record<string, string> = { manual: 'Sync now', automatic: 'Automatic', scheduled: 'Scheduled', resume: 'Resumed', connect: 'Connected' };
const STATE_TONE: Record<string, string> = { succeeded: 'healthy', partial: 'warning', failed: 'error', interrupted: 'warning', running: 'paused' };

/** Runs: when, why, how long, what happened, and how many API calls it cost. */
export function RunsTable({ runs, connections }: { runs: SyncRunView[]; connections: ConnectionView[] }) {
  const name = (id: number): string => connections.find((c) => c.id === id)?.label ?? `Connection ${id}`;
  return (
    <Table caption="Sync runs" testId="runs-table" head={(
      <tr>
        <th scope="col">Started</th><th scope="col">Connection</th><th scope="col">Trigger</th><th scope="col">Result</th>
        <th scope="col" className="num">Duration</th><th scope="col" className="num">Created</th><th scope="col" className="num">Updated</th>
        <th scope="col" className="num">Unchanged</th><th scope="col" className="num">Failed</th><th scope="col" className="num">API calls</th>
      </tr>
    )}>
      {runs.map((r) => (
        <tr key={r.id}>
          <td>{formatDateTime(r.startedAt)}</td>
          <td>{name(r.connectionId)}</td>
          <td>{TRIGGER_WORDS[r.trigger] ?? r.trigger}</td>
          <td><span className={`badge badge-${STATE_TONE[r.state] ?? 'paused'}`}>{r.state}</span>{r.error && <div className="run-error">{r.error}</div>}</td>
          <td className="num">{formatDuration(r.durationMs)}</td>
          <td className="num">{formatCount(r.created)}</td>
          <td className="num">{formatCount(r.updated)}</td>
          <td className="num">{formatCount(r.unchanged)}</td>
          <td className="num">{formatCount(r.failed + r.quarantined)}</td>
          <td className="num">{formatCount(r.apiCalls)}{r.rateLimited > 0 ? ` (${r.rateLimited} slowed)` : ''}</td>
        </tr>
      ))}
    </Table>
  );
}
