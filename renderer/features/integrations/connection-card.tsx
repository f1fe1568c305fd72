import { useState } from 'react';
import { useStore } from 'zustand';
import type { ConnectionView } from '../../../preload/schemas/connection';
import { formatCount, formatDuration } from '../../lib/format';
import { KIND_NAMES, isDelivery, statusWords } from '../../lib/kinds';
import { useStores } from '../../store/stores';
import { Badge, HealthBadge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ConnectionStats } from './connection-stats';
import { DryRunDialog } from './dry-run-dialog';
import { ModeControl } from './mode-control';
import { ProblemPanel } from './problem-panel';
import { ReconnectDialog } from './reconnect-dialog';
import { SyncProgress } from './sync-progress';
import { AllocationLine } from './allocation-line';
import { LockedSetting } from './locked-setting';
import { LOCKED_SUBJECTS } from '../../../preload/schemas/policy';

/** One connection at a glance: health, numbers, the run in flight, the problem and what to do. */
export function ConnectionCard({ c }: { c: ConnectionView }) {
  const stores = useStores();
  const busy = useStore(stores.connections, (s) => s.busy[c.id]);
  const actionError = useStore(stores.connections, (s) => s.actionError[c.id]);
  const live = useStore(stores.connections, (s) => s.progress[c.id]);
  const lastRun = useStore(stores.connections, (s) => s.lastRun[c.id]);
  const run = useStore(stores.connections, (s) => s.run);
  const [dialog, setDialog] = useState<'dry-run' | 'disconnect' | 'reconnect' | null>(null);

  const crm = KIND_NAMES[c.kind];
  const syncing = busy === 'syncNow' || c.status === 'syncing' || live !== undefined;
  const paused = c.status === 'paused';
  const needsReauth = c.status === 'needs_reauth';
  const reconnect = (): void => { if (c.sandbox) void run(c.id, 'reconnect'); else setDialog('reconnect'); };
  const showQuarantined = (): void => {
    stores.app.getState().navigate('log');
    // Exactly the records set aside now, not every rejection in the log's history.
    void stores.log.getState().setFilter({ connectionId: c.id, outcomes: ['quarantined'], contactId: null, contactName: null, contactIds: c.quarantinedContactIds.length > 0 ? c.quarantinedContactIds : null });
  };

  return (
    <article className="connection card" aria-labelledby={`conn-${c.id}-name`} data-testid="connection-card" data-kind={c.kind} data-status={c.status}>
      <header className="connection-head">
        <div className={`kind-mark kind-${c.kind}`} aria-hidden="true">{crm.slice(0, 1)}</div>
        <div className="connection-title">
          <h2 id={`conn-${c.id}-name`}>{c.label}</h2>
          <p className="connection-status" data-testid="status-words">{statusWords(c)}</p>
        </div>
        <div className="row">
          {c.sandbox && <Badge>Sandbox</Badge>}
          {c.localReceiver && <span data-testid="local-receiver" title="Delivers to a receiver on this computer; plain http is allowed only there"><Badge>local test receiver</Badge></span>}
          {c.account && <span className="muted">Account {c.account}</span>}
          <HealthBadge health={c.health} />
        </div>
      </header>

      <ConnectionStats c={c} />
      <AllocationLine c={c} />
      {(c.locks?.mapping || c.locks?.filter) && (
        <div className="row">
          {c.locks.mapping && <LockedSetting label="Field mapping" subject={LOCKED_SUBJECTS.mapping(crm)} />}
          {c.locks.filter && <LockedSetting label="What is sent" subject={LOCKED_SUBJECTS.filter(crm)} />}
        </div>
      )}

      {/* Fixed-height activity line: the bar or the last run's summary, so the card never jumps. */}
      <div className="activity" aria-live="polite">
        {syncing ? (
          <SyncProgress progress={live ?? c.progress} label={`${isDelivery(c.kind) ? 'Delivering to' : 'Syncing to'} ${crm}`} />
        ) : lastRun?.state === 'nothing_to_send' ? (
          <p className="muted" data-testid="last-run">Nothing was waiting: {crm} already has every change. No API call was made.</p>
        ) : lastRun ? (
          <p className="muted" data-testid="last-run">
            Last run: {formatCount(lastRun.created)} created, {formatCount(lastRun.updated)} updated
            {lastRun.failed + lastRun.quarantined > 0 ? `, ${formatCount(lastRun.failed + lastRun.quarantined)} not sent` : ''}
            {' '}· {formatCount(lastRun.apiCalls)} API calls in {formatDuration(lastRun.finishedAt - lastRun.startedAt)}
            {lastRun.rateLimited > 0 && ` · ${crm} asked Ferry to slow down ${lastRun.rateLimited}×; Ferry paced itself`}
          </p>
        ) : (
          <p className="muted">
            {c.lastSuccessAt === null ? `Not ${isDelivery(c.kind) ? 'delivered' : 'synced'} yet${c.pending > 0 ? `: ${formatCount(c.pending)} ${c.pending === 1 ? 'contact' : 'contacts'} waiting` : ''}. Sync now sends your contacts; Preview next sync shows exactly what would go.`
              : c.pending > 0 ? `${formatCount(c.pending)} ${c.pending === 1 ? 'contact is' : 'contacts are'} waiting to be sent.`
              : 'Nothing waiting to send.'}
          </p>
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
        <Button variant="primary" busy={busy === 'syncNow'} disabled={paused || needsReauth || busy !== undefined} onClick={() => void run(c.id, 'syncNow')}>
          Sync now
        </Button>
        <Button disabled={needsReauth} onClick={() => setDialog('dry-run')}>Preview next sync</Button>
        {paused
          ? <Button busy={busy === 'resume'} disabled={busy !== undefined} onClick={() => void run(c.id, 'resume')}>Resume</Button>
          : <Button busy={busy === 'pause'} disabled={busy !== undefined || needsReauth} onClick={() => void run(c.id, 'pause')}>Pause</Button>}
        <ModeControl c={c} />
        <span className="spacer" />
        <Button busy={busy === 'reconnect'} disabled={busy !== undefined} onClick={reconnect}>Reconnect</Button>
        {c.locks?.disconnect
          ? <LockedSetting label="Disconnect" subject={LOCKED_SUBJECTS.disconnect(crm)} />
          : <Button variant="danger" disabled={busy !== undefined} onClick={() => setDialog('disconnect')}>Disconnect</Button>}
      </footer>

      {dialog === 'dry-run' && <DryRunDialog c={c} onClose={() => setDialog(null)} />}
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
