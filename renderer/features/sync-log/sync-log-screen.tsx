import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { SyncEventView } from '../../../preload/schemas/sync-log';
import { errorMessage, formatCount, plural } from '../../lib/format';
import { downloadText } from '../../lib/files';
import { useStores } from '../../store/stores';
import { EVENTS_PAGE, RUNS_PAGE } from '../../store/sync-log-store';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { EmptyState } from '../../ui/empty-state';
import { Spinner } from '../../ui/spinner';
import { DailyChart } from './daily-chart';
import { EventsTable } from './events-table';
import { LogFilters, OutcomeFilter } from './log-filters';
import { RunDetailDialog } from './run-detail-dialog';
import { RunFilter } from './run-filter';
import { RunsTable } from './runs-table';
import { isSetAsideFilter } from '../../../preload/schemas/sync-log';
import './sync-log.css';

/** The Sync log: a chart per day, runs (failures of a whole run included), and every record's outcome, filtered and exportable. */
export function SyncLogScreen() {
  const stores = useStores();
  const s = useStore(stores.log, (x) => x);
  const connections = useStore(stores.connections, (x) => x.connections) ?? [];
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [exporting, setExporting] = useState(false);

  useEffect(() => { void stores.log.getState().load(); void stores.connections.getState().load(); }, [stores]);

  const retry = async (connectionId: number, contactIds: number[] | undefined): Promise<void> => {
    setNotice(null);
    try {
      const released = await s.retry(connectionId, contactIds);
      setNotice({ tone: 'success', text: released > 0 ? `${plural(released, 'record')} will be sent again${connections.find((c) => c.id === connectionId)?.mode === 'manual' ? ' on the next Sync now' : ' shortly'}.` : 'Nothing was waiting to be retried.' });
      void stores.connections.getState().load();
    } catch (e) {
      setNotice({ tone: 'error', text: errorMessage(e) });
    }
  };
  const openContact = (e: SyncEventView): void => {
    if (e.contactId === null) return;
    stores.log.getState().openRun(null);
    stores.app.getState().navigate('contacts');
    void stores.contacts.getState().select(e.contactId);
  };
  const exportCsv = async (): Promise<void> => {
    setExporting(true);
    try {
      const file = await s.exportCsv();
      downloadText(file.fileName, file.csv, 'text/csv;charset=utf-8');
    } catch (e) {
      setNotice({ tone: 'error', text: errorMessage(e) });
    } finally {
      setExporting(false);
    }
  };
  const quarantineView = (isSetAsideFilter(s.filter.outcomes) || (s.filter.outcomes.length === 1 && s.filter.outcomes[0] === 'quarantined')) && s.filter.connectionId !== null;
  const failedRuns = s.runs?.items.filter((r) => r.state === 'failed').length ?? 0;

  return (
    <section className="log-screen" aria-labelledby="log-title">
      <div className="screen-head">
        <div>
          <h1 id="log-title">Sync log</h1>
          <p>Every run and every record's outcome, with what changed.</p>
        </div>
        <span className="spacer" />
        {s.loading && <Spinner label="Updating…" />}
        <Button onClick={() => void s.load()}>Refresh</Button>
        <Button busy={exporting} onClick={() => void exportCsv()}>Export CSV</Button>
      </div>
      <LogFilters />
      {s.error && <Banner tone="error" title="Could not load the log" actions={<Button size="small" onClick={() => void s.load()}>Try again</Button>}>{s.error}</Banner>}
      {notice && <Banner tone={notice.tone}>{notice.text}</Banner>}
      {s.stats ? <DailyChart stats={s.stats} from={s.statsFrom} connections={connections} /> : <div className="chart card chart-placeholder" aria-hidden="true" />}

      <div className="log-section-head">
        <h2 className="log-h2">Runs</h2>
        <RunFilter />
      </div>
      {s.runs === null ? <div className="table-placeholder card" aria-hidden="true" /> : s.runs.items.length === 0 ? (
        <div className="card"><EmptyState title={s.filter.runStates.length || s.filter.query ? 'No run matches' : 'No runs yet'}>{s.filter.runStates.length || s.filter.query ? 'Try another result or clear the filters.' : 'Runs appear here after the first sync.'}</EmptyState></div>
      ) : (
        <>
          <div className="card table-wrap"><RunsTable runs={s.runs.items} connections={connections} onOpen={(r) => s.openRun(r.id)} /></div>
          <Pager label="Run pages" total={s.runs.total} offset={s.runsOffset} size={RUNS_PAGE} onPage={(o) => void s.setRunsOffset(o)} />
        </>
      )}

      <div className="log-section-head">
        <h2 className="log-h2">Records</h2>
        <OutcomeFilter />
      </div>
      {quarantineView && s.events && s.events.total > 0 && (
        <Banner tone="warning" title={`${plural(s.events.total, 'record')} set aside`}
          actions={<Button variant="primary" size="small" onClick={() => void retry(s.filter.connectionId!, undefined)}>Retry all after fixing</Button>}>
          Open each contact, fix what the CRM's message names, then retry.
        </Banner>
      )}
      {s.events === null ? <div className="table-placeholder card" aria-hidden="true" /> : s.events.items.length === 0 ? (
        <div className="card">
          <EmptyState title="No records match">
            {failedRuns > 0
              ? `No record has this outcome, but ${plural(failedRuns, 'run')} above failed as a whole: open it to see what happened. Its changes are still waiting.`
              : 'Nothing was synced with these filters. Try a wider date range or clear the filters.'}
          </EmptyState>
        </div>
      ) : (
        <>
          <div className="card table-wrap">
            <EventsTable events={s.events.items} connections={connections} onContact={openContact} onRetry={(e) => void retry(e.connectionId, e.contactId === null ? undefined : [e.contactId])} />
          </div>
          <Pager label="Record pages" total={s.events.total} offset={s.eventsOffset} size={EVENTS_PAGE} onPage={(o) => void s.setEventsOffset(o)} />
        </>
      )}
      <RunDetailDialog connections={connections} onContact={openContact} />
    </section>
  );
}

function Pager({ label, total, offset, size, onPage }: { label: string; total: number; offset: number; size: number; onPage: (offset: number) => void }) {
  if (total <= size) return null;
  return (
    <nav className="pager" aria-label={label}>
      <Button size="small" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - size))}>Newer</Button>
      <span className="muted">{formatCount(offset + 1)}–{formatCount(Math.min(total, offset + size))} of {formatCount(total)}</span>
      <Button size="small" disabled={offset + size >= total} onClick={() => onPage(offset + size)}>Older</Button>
    </nav>
  );
}
