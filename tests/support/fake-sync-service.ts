import type { Db } from '../../main/store/db';
import type { TestSyncReport } from '../../preload/schemas/test-sync';
import { createConnection, requireConnection, updateConnection } from '../../main/store/connections';
import { enqueueAllForConnection, releaseQuarantine } from '../../main/store/outbox';
import type { ConnectOptions, DryRunPlan, RunSummary, RunTrigger, SyncEvents, SyncService } from '../../main/sync/service-api';
import type { Connection, SyncMode } from '../../main/store/connections';
import type { Connector } from '../../main/sync/connector';
import type { PullSummaryView, SyncDirection } from '../../preload/schemas/pull';

/**
 * A small, honest stand-in for the engine: it keeps connections in the real
 * store, records a run per syncNow and emits the engine's events. Used until
 * main/sync/engine.ts exists and for tests of the layers above the engine.
 */
export class FakeSyncService implements SyncService {
  readonly calls: string[] = [];
  online = true;
  stopped = false;
  private readonly listeners: { [K in keyof SyncEvents]: Set<(p: SyncEvents[K]) => void> } = {
    progress: new Set(), pullProgress: new Set(), status: new Set(), runFinished: new Set(),
  };

  constructor(private readonly db: Db, private readonly now: () => number = () => Date.now()) {}

  async connect(o: ConnectOptions): Promise<Connection> {
    this.calls.push(`connect:${o.kind}`);
    const c = createConnection(this.db, {
      cardId: o.cardId, kind: o.kind, label: o.label ?? o.kind, mode: o.mode ?? 'manual',
      intervalMinutes: o.intervalMinutes ?? null, config: o.config ?? {},
    }, this.now());
    // like the engine: every live contact is pending for a new connection
    enqueueAllForConnection(this.db, c.id, this.now());
    return c;
  }

  async disconnect(id: number): Promise<void> {
    this.calls.push(`disconnect:${id}`);
    updateConnection(this.db, id, { status: 'disconnected', disconnectedAt: this.now() }, this.now());
  }

  async reconnect(id: number): Promise<Connection> {
    this.calls.push(`reconnect:${id}`);
    return updateConnection(this.db, id, { status: 'connected', lastError: null }, this.now());
  }

  setMode(id: number, mode: SyncMode, intervalMinutes?: number | null): Connection {
    this.calls.push(`setMode:${id}:${mode}`);
    return updateConnection(this.db, id, { mode, intervalMinutes: intervalMinutes ?? null }, this.now());
  }

  pause(id: number): Connection {
    this.calls.push(`pause:${id}`);
    const c = updateConnection(this.db, id, { status: 'paused' }, this.now());
    this.emit('status', { connectionId: id, status: 'paused', message: null });
    return c;
  }

  resume(id: number): Connection {
    this.calls.push(`resume:${id}`);
    const c = updateConnection(this.db, id, { status: 'connected' }, this.now());
    this.emit('status', { connectionId: id, status: 'connected', message: null });
    return c;
  }

  async syncNow(id: number, trigger: RunTrigger = 'manual'): Promise<RunSummary> {
    this.calls.push(`syncNow:${id}`);
    requireConnection(this.db, id);
    const at = this.now();
    const runId = Number(this.db.prepare(
      `INSERT INTO sync_runs(connection_id, trigger, state, started_at, finished_at, planned, created, api_calls) VALUES (?, ?, 'succeeded', ?, ?, 1, 1, 1)`,
    ).run(id, trigger, at, at + 5).lastInsertRowid);
    this.emit('progress', { connectionId: id, runId, done: 1, total: 1, rate: 1, etaMs: 0 });
    const summary: RunSummary = {
      runId, connectionId: id, trigger, state: 'succeeded', planned: 1, created: 1, updated: 0, deleted: 0, marked: 0, unchanged: 0,
      failed: 0, quarantined: 0, held: 0, apiCalls: 1, rateLimited: 0, startedAt: at, finishedAt: at + 5, error: null,
    };
    updateConnection(this.db, id, { lastSuccessAt: at + 5 }, this.now());
    this.emit('runFinished', summary);
    return summary;
  }

  setDirection(id: number, direction: SyncDirection): Connection {
    this.calls.push(`setDirection:${id}:${direction}`);
    return updateConnection(this.db, id, { direction }, this.now());
  }

  async pullNow(id: number): Promise<PullSummaryView> {
    this.calls.push(`pullNow:${id}`);
    const at = this.now();
    return { connectionId: id, runId: null, state: 'succeeded', read: 0, created: 0, updated: 0, linked: 0, unchanged: 0, conflicts: 0, potentialDuplicates: 0, apiCalls: 0, startedAt: at, finishedAt: at, error: null };
  }

  async connectorOf(id: number): Promise<Connector> {
    return (await this.mappingAccess(id)).connector;
  }

  async mappingAccess(id: number): Promise<{ connector: Connector; crmFields: null }> {
    this.calls.push(`mappingAccess:${id}`);
    const connection = requireConnection(this.db, id);
    // a destination with free-form keys: every Ferry field goes by its own name
    const connector: Connector = {
      kind: connection.kind, capabilities: { batchSize: 100, rateLimit: { requests: 100, perMs: 1_000 } },
      map: () => ({}), prepare: async () => undefined, push: async () => [],
      defaultTarget: (field) => ({ keys: [field], label: field }),
    };
    return { connector, crmFields: null };
  }

  async testSync(id: number): Promise<TestSyncReport> {
    this.calls.push(`testSync:${id}`);
    return { run: await this.syncNow(id), contacts: [], stillPending: 0 };
  }

  async dryRun(id: number): Promise<DryRunPlan> {
    this.calls.push(`dryRun:${id}`);
    return { connectionId: id, pending: 0, unchanged: 0, total: 0, creates: 0, updates: 0, held: 0, items: [] };
  }

  cancel(id: number): boolean {
    this.calls.push(`cancel:${id}`);
    return false;
  }

  retryQuarantined(id: number, contactIds?: number[]): number {
    this.calls.push(`retry:${id}`);
    return releaseQuarantine(this.db, id, contactIds);
  }

  runSetupAction(id: number, action: string): Promise<string> {
    this.calls.push(`setup:${id}:${action}`);
    return Promise.resolve(`set up ${action}`);
  }

  setOnline(online: boolean): void {
    this.calls.push(`online:${online}`);
    this.online = online;
  }

  on<K extends keyof SyncEvents>(event: K, listener: (payload: SyncEvents[K]) => void): () => void {
    const set = this.listeners[event] as Set<(p: SyncEvents[K]) => void>;
    set.add(listener);
    return () => { set.delete(listener); };
  }

  emit<K extends keyof SyncEvents>(event: K, payload: SyncEvents[K]): void {
    for (const l of [...(this.listeners[event] as Set<(p: SyncEvents[K]) => void>)]) l(payload);
  }

  async stop(): Promise<void> {
    this.calls.push('stop');
    this.stopped = true;
  }
}
