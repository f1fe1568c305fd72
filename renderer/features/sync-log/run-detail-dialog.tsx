import { useStore } from 'zustand';
import type { ConnectionView } from '../../../preload/schemas/connection';
import type { SyncEventView } from '../../../preload/schemas/sync-log';
import { formatDateTime, formatDuration, plural } from '../../lib/format';
import { useStores } from '../../store/stores';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { Spinner } from '../../ui/spinner';
import { EventsTable } from './events-table';
import { runRecordsText, STATE_TONE, STATE_WORDS, triggerWord } from './run-words';

/** One run in full (#/log/runs/ID): what happened, the CRM's own words, and which records it touched. */
export function RunDetailDialog({ connections, onContact }: { connections: ConnectionView[]; onContact: (e: SyncEventView) => void }) {
  const stores = useStores();
  const openRunId = useStore(stores.log, (s) => s.openRunId);
  const detail = useStore(stores.log, (s) => s.runDetail);
  const error = useStore(stores.log, (s) => s.runDetailError);
  if (openRunId === null) return null;
  const close = (): void => stores.log.getState().openRun(null);
  const run = detail?.detail.run;
  const c = run ? connections.find((x) => x.id === run.connectionId) : undefined;
  return (
    <Dialog wide scrollableBody title={run ? `Run of ${formatDateTime(run.startedAt)}` : 'Sync run'} onClose={close} footer={<Button onClick={close}>Close</Button>}>
      {error && <Banner tone="error" title="Could not open this run">{error}</Banner>}
      {!detail && !error && <Spinner label="Opening the run…" />}
      {detail && run && (
        <div className="stack" data-testid="run-detail">
          <dl className="detail-fields">
            <div className="detail-item"><dt>Connection</dt><dd>{detail.detail.connectionLabel ?? `Connection ${run.connectionId}`}</dd></div>
            <div className="detail-item"><dt>Result</dt><dd><span className={`badge badge-${STATE_TONE[run.state] ?? 'paused'}`}>{STATE_WORDS[run.state] ?? run.state}</span></dd></div>
            <div className="detail-item"><dt>Started by</dt><dd>{triggerWord(run)}{run.kind === 'pull' ? ' · a pull (read from the CRM)' : ''}</dd></div>
            <div className="detail-item"><dt>Took</dt><dd>{formatDuration(run.durationMs)} · {plural(run.apiCalls, 'API call')}{run.rateLimited > 0 ? ` · slowed down ${run.rateLimited}×` : ''}</dd></div>
            <div className="detail-item"><dt>Records</dt><dd>{runRecordsText(run, c?.kind ?? null)}</dd></div>
            {run.error && <div className="detail-item"><dt>What happened</dt><dd data-testid="run-problem">{run.error}</dd></div>}
            {detail.detail.crmError && <div className="detail-item"><dt>The CRM said</dt><dd><pre className="crm-words" data-testid="run-crm-error">{detail.detail.crmError}</pre></dd></div>}
          </dl>
          <h3>Records in this run</h3>
          {detail.events.items.length === 0
            ? <p className="muted">No record was sent in this run{run.state === 'failed' ? ': it failed before any record went through, and every change is still waiting' : ''}.</p>
            : <div className="table-wrap card"><EventsTable events={detail.events.items} connections={connections} onContact={onContact} /></div>}
          {detail.events.total > detail.events.items.length && <p className="muted">The newest {detail.events.items.length} of {detail.events.total} records are shown; filter the log by this connection and date for the rest.</p>}
        </div>
      )}
    </Dialog>
  );
}
