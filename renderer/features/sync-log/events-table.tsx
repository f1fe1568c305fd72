import type { ConnectionView } from '../../../preload/schemas/connection';
import type { EventOutcome, SyncEventView } from '../../../preload/schemas/sync-log';
import { RelativeTime } from '../../ui/relative-time';
import { Button } from '../../ui/button';
import { Disclosure } from '../../ui/disclosure';
import { Table } from '../../ui/table';
import { outcomeWord } from '../../../preload/status/run-sentences';

export const OUTCOME_TONE: Record<EventOutcome, string> = { created: 'healthy', updated: 'healthy', deleted: 'healthy', marked: 'healthy', unchanged: 'paused', skipped: 'paused', failed: 'error', quarantined: 'error', held: 'warning', conflict: 'warning' };

/** Per-record outcomes with old → new values and the CRM's own error text. */
export function EventsTable({ events, connections, onRetry, onContact }: {
  events: SyncEventView[];
  connections: ConnectionView[];
  /** offers Retry on records set aside; omitted where retrying makes no sense */
  onRetry?: (e: SyncEventView) => void;
  onContact: (e: SyncEventView) => void;
}) {
  const name = (id: number): string => connections.find((c) => c.id === id)?.label ?? `Connection ${id}`;
  const kind = (id: number) => connections.find((c) => c.id === id)?.kind ?? null;
  return (
    <Table caption="Record outcomes" testId="events-table" head={(
      <tr><th scope="col">When</th><th scope="col">Contact</th><th scope="col">Connection</th><th scope="col">Outcome</th><th scope="col">Changes</th></tr>
    )}>
      {events.map((e) => (
        <tr key={e.id} data-testid="event-row" data-outcome={e.outcome}>
          <td className="nowrap"><RelativeTime ms={e.at} /></td>
          <td>{e.contactName === null ? <span className="muted">(deleted)</span> : <Button size="small" variant="ghost" onClick={() => onContact(e)}>{e.contactName}</Button>}</td>
          <td>{name(e.connectionId)}</td>
          <td>
            <span className={`badge badge-${OUTCOME_TONE[e.outcome]}`}>{outcomeWord(e.outcome, kind(e.connectionId))}</span>
            {e.outcome === 'quarantined' && e.contactId !== null && onRetry && <div><Button size="small" onClick={() => onRetry(e)}>Retry</Button></div>}
          </td>
          <td>
            {e.changes.length > 0 && (
              <ul className="changes-list">
                {e.changes.map((c) => (
                  <li key={c.field} data-testid="change">
                    <span className="mono">{c.field}</span>: <del className="old">{c.old ?? '—'}</del> → <ins className="new">{c.new ?? '—'}</ins>
                  </li>
                ))}
              </ul>
            )}
            {e.message && <div className="event-message">{e.message}</div>}
            {e.crmError && <Disclosure summary="The CRM's own message"><pre>{e.crmError}</pre></Disclosure>}
          </td>
        </tr>
      ))}
    </Table>
  );
}
