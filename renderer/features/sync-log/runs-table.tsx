import type { ConnectionView } from '../../../preload/schemas/connection';
import type { SyncRunView } from '../../../preload/schemas/sync-log';
import { formatDuration, plural } from '../../lib/format';
import { Button } from '../../ui/button';
import { RelativeTime } from '../../ui/relative-time';
import { Table } from '../../ui/table';
import { runRecordsText, STATE_TONE, STATE_WORDS, triggerWord } from './run-words';

/** Runs: when, why, what happened (the engine's sentence for a failure), and a way into the detail. */
export function RunsTable({ runs, connections, onOpen }: { runs: SyncRunView[]; connections: ConnectionView[]; onOpen: (run: SyncRunView) => void }) {
  const conn = (id: number): ConnectionView | undefined => connections.find((c) => c.id === id);
  return (
    <Table caption="Sync runs" testId="runs-table" head={(
      <tr>
        <th scope="col">Started</th><th scope="col">Connection</th><th scope="col">Result</th><th scope="col">Records</th>
        <th scope="col" className="num">API calls</th><th scope="col" className="num">Duration</th><th scope="col"><span className="visually-hidden">Details</span></th>
      </tr>
    )}>
      {runs.map((r) => {
        const c = conn(r.connectionId);
        return (
          <tr key={r.id} data-testid="run-row" data-state={r.state} data-kind={r.kind}>
            <td className="nowrap"><RelativeTime ms={r.startedAt} /><div className="muted small">{r.kind === 'pull' ? <span className="badge run-kind-pull">Pull</span> : null} {triggerWord(r)}</div></td>
            <td>{c?.label ?? `Connection ${r.connectionId}`}</td>
            <td><span className={`badge badge-${STATE_TONE[r.state] ?? 'paused'}`}>{STATE_WORDS[r.state] ?? r.state}</span>{r.error && <div className="run-error">{r.error}</div>}</td>
            <td>{runRecordsText(r, c?.kind ?? null)}</td>
            <td className="num">{plural(r.apiCalls, 'call')}{r.rateLimited > 0 ? ` (${r.rateLimited} slowed)` : ''}</td>
            <td className="num">{formatDuration(r.durationMs)}</td>
            <td><Button size="small" onClick={() => onOpen(r)} aria-label={`Details of the run started ${new Date(r.startedAt).toLocaleString()}`}>Details</Button></td>
          </tr>
        );
      })}
    </Table>
  );
}
