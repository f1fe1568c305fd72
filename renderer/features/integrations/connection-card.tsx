import { useState } from 'react';
import { useStore } from 'zustand';
import type { ConnectionView } from '../../../preload/schemas/connection';
import { companiesOffSentence, statusLine } from '../../../preload/status/connection-sentences';
import { destination } from '../../../destinations/index';
import { KIND_NAMES, isDelivery } from '../../lib/kinds';
import { useStores } from '../../store/stores';
import { Badge, HealthBadge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ConnectionStats } from './connection-stats';
import { DeliveryTestButton } from './delivery-test-button';
import { SetupActionButtons } from './setup-action-buttons';
import { DryRunDialog } from './dry-run-dialog';
import { TestSyncDialog } from '../mapping/test-sync-dialog';
import { IdleLine, lastRunText, NextSync } from './last-run-line';
import { ModeControl } from './mode-control';
import { ProblemPanel } from './problem-panel';
import { ReconnectDialog } from './reconnect-dialog';
import { SyncProgress } from './sync-progress';
import { AllocationLine } from './allocation-line';
import { DeletesSetting } from './deletes-setting';
import { LockedSetting } from './locked-setting';
import { PullLine, PullNowButton } from '../pull/pull-line';
import { SET_ASIDE_OUTCOMES } from '../../../preload/schemas/sync-log';
import { LOCKED_SUBJECTS } from '../../../preload/schemas/policy';

/** One connection at a glance: health, numbers, the run in flight, the problem and what to do. */
export function ConnectionCard({ c }: { c: ConnectionView }) {
  const stores = useStores();
  const busy = useStore(stores.connections, (s) => s.busy[c.id]);
  const actionError = useStore(stores.connections, (s) => s.actionError[c.id]);
  const live = useStore(stores.connections, (s) => s.progress[c.id]);
  const lastRun = useStore(stores.connections, (s) => s.lastRun[c.id]);
  const cancelling = useStore(stores.connections, (s) => s.cancelling[c.id] === true);
  const run = useStore(stores.connections, (s) => s.run);
  const cancel = useStore(stores.connections, (s) => s.cancel);
  const [dialog, setDialog] = useState<'dry-run' | 'test-sync' | 'disconnect' | 'reconnect' | null>(null);

  const crm = KIND_NAMES[c.kind];
  const syncing = busy === 'syncNow' || c.status === 'syncing' || live !== undefined;
  const paused = c.status === 'paused';
  const needsReauth = c.status === 'needs_reauth';
  // While a run is in flight only Cancel and Pause make sense; other actions wait for it.
  const locked = busy !== undefined && busy !== 'syncNow';
  const reconnect = (): void => { if (c.sandbox && !isDelivery(c.kind)) void run(c.id, 'reconnect'); else setDialog('reconnect'); };
  const showQuarantined = (): void => {
    // Exactly the records set aside now, not every rejection in the log's history.
    void stores.log.getState().setFilter({ connectionId: c.id, outcomes: [...SET_ASIDE_OUTCOMES], contactId: null, contactName: null, contactIds: c.quarantinedContactIds.length > 0 ? c.quarantinedContactIds : null });
    stores.app.getState().navigate('log');
  };

  return (
    <article className="connection card" aria-labelledby={`conn-${c.id}-name`} data-testid="connection-card" data-kind={c.kind} data-status={c.status}>
      <header className="connection-head">
        <div className={`kind-mark kind-${c.kind}`} aria-hidden="true">{crm.slice(0, 1)}</div>
        <div className="connection-title">
          <h2 id={`conn-${c.id}-name`}>{c.label}</h2>
          <p className="connection-status" data-testid="status-words">{statusLine(c)}</p>
        </div>
        <div className="row">
          {c.sandbox && <Badge>Sandbox</Badge>}
          {c.localReceiver && <span data-testid="local-receiver" title="Delivers to a receiver on this computer; plain http is allowed only there"><Badge>local test receiver</Badge></span>}
          {c.account && <span className="muted">Account {c.account}</span>}
          <HealthBadge health={c.health} />
        </div>
      </header>

      <ConnectionStats c={c} />
      <PullLine c={c} />
      {destination(c.kind).cardNote && <p className="muted" data-testid="card-note">{destination(c.kind).cardNote}</p>}
      {companiesOffSentence(c) && <p className="muted" data-testid="companies-off">{companiesOffSentence(c)}</p>}
      <AllocationLine c={c} />
      <DeletesSetting c={c} disabled={locked || needsReauth} />
      {(c.locks?.mapping || c.locks?.filter) && (
        <div className="row">
          {c.locks.mapping && <LockedSetting label="Field mapping" subject={LOCKED_SUBJECTS.mapping(crm)} />}
          {c.locks.filter && <LockedSetting label="What is sent" subject={LOCKED_SUBJECTS.filter(crm)} />}
        </div>
      )}

      {/* Fixed-height activity line: the bar or the last run's summary, so the card never jumps. */}
      <div className="activity" aria-live="polite">
        {syncing ? (
          <SyncProgress progress={live ?? c.progress} label={`${isDelivery(c.kind) ? 'Delivering to' : 'Syncing to'} ${crm}`} cancelling={cancelling} />
        ) : lastRun ? (
          <p className="muted"><span data-testid="last-run">{lastRunText(c, lastRun)}</span><NextSync c={c} /></p>
        ) : (
          <IdleLine c={c} />
        )}
      </div>

      <ProblemPanel
        c={c}
        busy={busy !== undefined}
        actions={{
          reconnect,
          resume: () => void run(c.id, 'resume'),
          syncNow: () => void run(c.id, 'syncNow'),
          showQuarantined,
          retryQuarantined: () => void run(c.id, 'retryQuarantined'),
        }}
      />
      {actionError && <p className="action-error" role="alert">{actionError}</p>}

      <footer className="connection-actions">
        {syncing
          ? <Button variant="primary" busy={cancelling} onClick={() => void cancel(c.id)}>{cancelling ? 'Stopping after this batch…' : 'Cancel sync'}</Button>
          : <Button variant="primary" disabled={paused || needsReauth || busy !== undefined} onClick={() => void run(c.id, 'syncNow')}>Sync now</Button>}
        <PullNowButton c={c} disabled={paused || needsReauth || syncing} />
        <Button disabled={needsReauth || syncing} onClick={() => setDialog('dry-run')}>Preview next sync</Button>
        {!isDelivery(c.kind) && <Button disabled={paused || needsReauth || syncing || busy !== undefined} onClick={() => setDialog('test-sync')}>Test sync</Button>}
        <Button disabled={needsReauth} onClick={() => stores.app.getState().openMapping(c.id)}>Mapping</Button>
        {paused
          ? <Button busy={busy === 'resume'} disabled={locked} onClick={() => void run(c.id, 'resume')}>Resume</Button>
          : <Button busy={busy === 'pause'} disabled={locked || needsReauth} onClick={() => void run(c.id, 'pause')}>Pause</Button>}
        <ModeControl c={c} />
        <DeliveryTestButton c={c} disabled={syncing || locked || needsReauth} />
        <SetupActionButtons c={c} disabled={syncing || locked || needsReauth} />
        <span className="spacer" />
        <Button busy={busy === 'reconnect'} disabled={locked || syncing} onClick={reconnect}>Reconnect</Button>
        {c.locks?.disconnect
          ? <LockedSetting label="Disconnect" subject={LOCKED_SUBJECTS.disconnect(crm)} />
          : <Button variant="danger" disabled={locked || syncing} onClick={() => setDialog('disconnect')}>Disconnect</Button>}
      </footer>

      {dialog === 'dry-run' && <DryRunDialog c={c} onClose={() => setDialog(null)} />}
      {dialog === 'test-sync' && <TestSyncDialog connectionId={c.id} crmName={crm} onClose={() => setDialog(null)} />}
      {dialog === 'reconnect' && <ReconnectDialog c={c} onClose={() => setDialog(null)} />}
      {dialog === 'disconnect' && (
        <ConfirmDialog
          title={`Disconnect ${c.label}?`}
          confirmLabel="Disconnect"
          busy={busy === 'disconnect'}
          onCancel={() => setDialog(null)}
          onConfirm={() => { void run(c.id, 'disconnect').then(() => setDialog(null)); }}
        >
          <p>Ferry stops sending changes to {crm} and forgets this connection's credentials. Records already in {crm} stay there, and your contacts stay in Ferry.</p>
        </ConfirmDialog>
      )}
    </article>
  );
}
