import type { NotificationEvent } from '../../preload/contract';
import type { EventHub } from '../services/event-hub';
import type { ConnectionStatus } from '../store/connections';
import type { StatusChange, SyncService } from '../sync/service-api';
import { NotificationDedupe } from './notification-dedupe';

type Reaction = { problem: NotificationEvent['level'] } | 'clear' | 'keep';

/**
 * Which statuses are a problem worth a notification, which clear it, and which
 * say nothing either way (a retry flips error → syncing → error; that must
 * not announce the error again).
 */
const REACTION: Record<ConnectionStatus, Reaction> = {
  needs_reauth: { problem: 'error' },
  error: { problem: 'warning' },
  connected: 'clear',
  paused: 'clear',
  disconnected: 'clear',
  syncing: 'keep',
  waiting_for_network: 'keep',
};

const TITLES: Partial<Record<ConnectionStatus, (label: string) => string>> = {
  needs_reauth: (l) => `${l} needs you to sign in again`,
  error: (l) => `${l} is not syncing`,
};

/**
 * Turns the engine's status changes into once-per-problem `notification`
 * events on the hub (the desktop shows them natively, every host shows them in-app).
 */
export function startAttentionMonitor(deps: { sync: SyncService; events: EventHub; labelOf: (connectionId: number) => string }): () => void {
  const dedupe = new NotificationDedupe();
  const onStatus = (s: StatusChange): void => {
    const subject = String(s.connectionId);
    const reaction = REACTION[s.status];
    if (reaction === 'clear') dedupe.clear(subject);
    if (reaction === 'clear' || reaction === 'keep') return;
    if (!dedupe.report(subject, s.status)) return;
    const label = deps.labelOf(s.connectionId);
    deps.events.emit('notification', {
      key: `connection:${s.connectionId}:${s.status}`,
      level: reaction.problem,
      title: TITLES[s.status]?.(label) ?? `${label} needs attention`,
      body: s.message ?? 'Open Ferry to see what happened.',
      connectionId: s.connectionId,
    });
  };
  return deps.sync.on('status', onStatus);
}
