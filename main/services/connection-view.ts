import { PLAIN_SETTINGS, type ConnectionHealth, type ConnectionView, type PublicConnectionConfig, type SyncProgressView } from '../../preload/schemas/connection';
import type { Connection, ConnectionStatus } from '../store/connections';
import type { ConnectionCounters } from '../store/sync-log';
import { isLoopbackUrl } from '../policy/endpoint-policy';
import { destination } from '../../destinations/index';
import { addressField } from '../../destinations/credential-checks';
import type { OutboxCounts } from '../store/outbox';
import { nextSlotAfter } from '../sync/schedule';

/**
 * One colour for a connection. Paused wins (the user chose it); a state that
 * stops syncing is an error; anything that still syncs but needs a look
 * (offline, quarantined records, a recent failure) is a warning.
 */
export function connectionHealth(status: ConnectionStatus, quarantined: number, lastError: string | null): ConnectionHealth {
  if (status === 'paused') return 'paused';
  if (status === 'needs_reauth' || status === 'error' || status === 'disconnected') return 'error';
  if (status === 'waiting_for_network' || quarantined > 0 || lastError !== null) return 'warning';
  return 'healthy';
}

/**
 * Only these config fields cross the bridge. The stored config is passthrough
 * (other versions may add keys), so it is copied field by field, never spread.
 */
export function publicConfig(c: Connection['config']): PublicConnectionConfig {
  const out: PublicConnectionConfig = {};
  if (c.baseUrl !== undefined) out.baseUrl = c.baseUrl;
  if (c.object !== undefined) out.object = c.object;
  if (c.batchSize !== undefined) out.batchSize = c.batchSize;
  if (c.auth !== undefined) out.auth = c.auth;
  const settings = out as Record<string, string | undefined>;
  for (const name of PLAIN_SETTINGS) if (typeof c[name] === 'string') settings[name] = c[name];
  return out;
}

/**
 * A connection (not a Ferry sandbox) whose contacts go to an address on this
 * computer. An address kept as config (a webhook's URL) is read; one that is a
 * secret (a Zapier hook URL) is recorded at connect as config.localReceiver.
 */
function isLocalReceiver(c: Connection): boolean {
  const field = addressField(destination(c.kind));
  if (c.config.sandbox === true || !field) return false;
  return c.config.localReceiver === true || (field.configField === 'baseUrl' && isLoopbackUrl(c.config.baseUrl));
}

interface ViewParts {
  connection: Connection;
  hasSecret: boolean | null;
  outbox: OutboxCounts;
  quarantinedContactIds: number[];
  /** of the contacts set aside, those held for a shared e-mail (store/sync-log.ts heldContactCount) */
  held: number;
  counters: ConnectionCounters;
  /** when the connection's latest run started (null: never) */
  lastRunStartedAt: number | null;
  /** this install's place inside a scheduled interval (sync/schedule.ts installOffset) */
  installOffset: number;
  now: number;
  progress: SyncProgressView | null;
}

export function toConnectionView(p: ViewParts): ConnectionView {
  const c = p.connection;
  return {
    id: c.id,
    cardId: c.cardId,
    kind: c.kind,
    label: c.label,
    status: c.status,
    health: connectionHealth(c.status, p.outbox.quarantined, c.lastError),
    mode: c.mode,
    intervalMinutes: c.intervalMinutes,
    sandbox: c.config.sandbox === true,
    localReceiver: isLocalReceiver(c),
    account: c.config.account ?? null,
    config: publicConfig(c.config),
    companies: c.config.companies ?? null,
    hasSecret: p.hasSecret,
    pending: p.outbox.pending,
    quarantined: p.outbox.quarantined,
    quarantinedContactIds: p.quarantinedContactIds,
    held: p.held,
    lastSuccessAt: c.lastSuccessAt,
    nextSyncAt: nextScheduledSync(c, p.lastRunStartedAt, p.now, p.installOffset),
    lastError: c.lastError,
    lastErrorDetail: c.lastErrorDetail,
    syncedToday: p.counters.syncedToday,
    syncedTotal: p.counters.syncedTotal,
    errorsToday: p.counters.errorsToday,
    progress: p.progress,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    disconnectedAt: c.disconnectedAt,
  };
}

/** Midnight of the day containing `now`, in the machine's time zone (main and the UI share a machine). */
export function startOfLocalDay(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** The scheduler's rule (main/sync/schedule.ts) read forward: this install's next slot after the latest run, or now when it has passed. */
function nextScheduledSync(c: Pick<Connection, 'mode' | 'intervalMinutes' | 'disconnectedAt' | 'createdAt'>, lastRunStartedAt: number | null, now: number, offset: number): number | null {
  if (c.mode !== 'scheduled' || !c.intervalMinutes || c.disconnectedAt !== null) return null;
  return Math.max(now, nextSlotAfter(lastRunStartedAt ?? c.createdAt, c.intervalMinutes * 60_000, offset));
}
