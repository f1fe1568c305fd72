import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { ConnectionView } from '../../../preload/schemas/connection';
import { openConflictsText, pulledText, pullProgressText, pullSummaryText, pulls } from '../../../preload/status/pull-sentences';
import { KIND_NAMES } from '../../lib/kinds';
import { useStores } from '../../store/stores';
import { Button } from '../../ui/button';
import { RelativeTime } from '../../ui/relative-time';
import './pull.css';

/**
 * The card's pull line for pull and two-way connections: records pulled, the
 * last pull, open conflicts (a link to the Conflicts list), and while a pull
 * runs or after one this window started, what it did. Push-only: nothing.
 */
export function PullLine({ c }: { c: ConnectionView }) {
  const stores = useStores();
  const counts = useStore(stores.pull, (s) => s.counts[c.id]);
  const progress = useStore(stores.pull, (s) => s.progress[c.id]);
  // Pull now in flight, or a scheduled pull main reports page by page
  const pulling = useStore(stores.pull, (s) => s.pulling[c.id] === true) || progress !== undefined;
  const last = useStore(stores.pull, (s) => s.lastPull[c.id]);
  const error = useStore(stores.pull, (s) => s.error[c.id]);
  useEffect(() => { void stores.pull.getState().loadCounts(c.id); }, [stores, c.id]);

  if (!counts || !pulls(counts.direction)) return null;
  return (
    <div className="pull-line" data-testid="pull-line" aria-live="polite">
      <span data-testid="pulled-count">{pulledText(counts)}</span>
      {counts.lastPullAt !== null && <span className="muted">last pull <RelativeTime ms={counts.lastPullAt} /></span>}
      <a href="#/conflicts" data-testid="open-conflicts">{openConflictsText(counts.openConflicts)}</a>
      {pulling && (
        <span role="status" data-testid="pull-progress">
          <span className="spinner" aria-hidden="true" /> {pullProgressText(KIND_NAMES[c.kind], progress?.read ?? 0)}
        </span>
      )}
      {!pulling && last && <span data-testid="pull-summary" role="status">{pullSummaryText(last)}</span>}
      {!pulling && error && <span className="action-error" role="alert">{error}</span>}
    </div>
  );
}

/** "Pull now" beside Sync now, for connections that read from their CRM. */
export function PullNowButton({ c, disabled }: { c: ConnectionView; disabled: boolean }) {
  const stores = useStores();
  const counts = useStore(stores.pull, (s) => s.counts[c.id]);
  const pulling = useStore(stores.pull, (s) => s.pulling[c.id] === true);
  // a pull creates and changes contacts: the Contacts list follows
  const pullAndRefresh = async (): Promise<void> => {
    await stores.pull.getState().pullNow(c.id);
    void stores.contacts.getState().refresh();
    void stores.connections.getState().load();
  };
  if (!counts || !pulls(counts.direction)) return null;
  return (
    <Button busy={pulling} disabled={disabled} onClick={() => void pullAndRefresh()} data-testid="pull-now">
      Pull now
    </Button>
  );
}
