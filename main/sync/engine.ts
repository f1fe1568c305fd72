import { destination } from '../../destinations/index';
import type { Db } from '../store/db';
import {
  createConnection,
  deleteConnection,
  listConnections,
  requireConnection,
  updateConnection,
  type Connection,
  type ConnectionKind,
  type ConnectionStatus,
  type SyncMode,
} from '../store/connections';
import { acquireLease, makeHolderId, releaseLease } from '../store/leases';
import { countOutbox, dropConnectionOutbox, enqueueAllForConnection, pendingContactIds, releaseQuarantine } from '../store/outbox';
import { testSyncReport } from './test-sync';
import { saveMapping } from '../mapping/save';
import { setConnectionFilter } from '../store/connection-filter';
import type { TestSyncReport } from '../../preload/schemas/test-sync';
import { closeAbandonedRuns, emptyRunCounts, finishRun, startRun } from '../store/sync-records';
import { notSentProblem, sentTotal } from '../../preload/status/run-sentences';
import { systemClock, type Clock } from '../clock';
import type { Connector, PushContext, SyncError } from './connector';
import type { CrmFieldView } from '../../preload/schemas/mapping';
import { Emitter } from '../emitter';
import { dryRunPlan, planCandidates } from './planner';
import { RateLimiter } from './rate-limiter';
import { decideRetry, type RetryDecision } from './retry';
import { asSyncError, executeRun } from './run';
import { sendDeletes, sendUnmarks } from './delete-run';
import { pendingDeletes } from '../store/delete-propagation';
import { pendingUnmarks } from '../store/deleted-marks';
import type { CrmRecordActions } from '../crm/record-actions';
import { AllocationHeadroom } from './allocation-headroom';
import { installOffset, isDue, isPullDue, ONLINE_STAGGER_MS } from './schedule';
import { runPull } from '../pull/pull-run';
import type { PullSummaryView, SyncDirection } from '../../preload/schemas/pull';
import { cannotReadSentence } from '../../preload/status/pull-sentences';
import { enqueueUnsyncedForConnection } from '../store/outbox';
import type { ConnectOptions, DryRunPlan, RunSummary, RunTrigger, SyncEvents, SyncService } from './service-api';
import { canTransition, isRunnable } from './status';

/**
 * Where connectors come from. The registry in main/crm/ implements it: it
 * knows each CRM's connector, and where its secrets are (vault, environment).
 */
export interface ConnectorSource {
  /** the connector of a connection (its driver may load its CRM's SDK first) */
  create(connection: Connection): Promise<Connector>;
  /** the CRM's name for sentences ("HubSpot") */
  displayName(connection: Connection): string;
  /** after a 401: get a fresh access token if the connection can (OAuth refresh); true when it did */
  refreshAuth(connection: Connection): Promise<boolean>;
  storeSecrets(connectionId: number, secrets: Record<string, string>): Promise<void>;
  /** deletes the connection's secrets and revokes its token where the CRM offers it */
  forgetSecrets(connection: Connection): Promise<void>;
  /** optional: loads these destinations' drivers ahead of their first sync (a long-running host, at start) */
  preload?(kinds: ConnectionKind[]): Promise<void>;
  /** optional: merges, erasures and removals of single records (main/crm/record-actions.ts); null when the CRM has none */
  recordActions?(connection: Connection): Promise<CrmRecordActions | null>;
}

interface EngineOptions {
  db: Db;
  connectors: ConnectorSource;
  clock?: Clock;
  random?: () => number;
  /** identifies this process in leases */
  holder?: string;
  /** how often the scheduler looks at the outbox (it also notices other processes' writes) */
  pollMs?: number;
  /** Automatic mode: the longest a change waits before it is pushed */
  automaticDelayMs?: number;
  /** Automatic mode: quiet time after the last change before pushing (batches bursts of edits) */
  debounceMs?: number;
  leaseTtlMs?: number;
  log?: (line: string) => void;
}

export class SyncEngine implements SyncService {
  private readonly db: Db;
  private readonly connectors: ConnectorSource;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly holder: string;
  private readonly opts: Required<Pick<EngineOptions, 'pollMs' | 'automaticDelayMs' | 'debounceMs' | 'leaseTtlMs'>>;
  private readonly events = new Emitter<SyncEvents>();
  private readonly running = new Map<number, Promise<RunSummary>>();
  private readonly queued = new Map<number, Promise<RunSummary>>();
  private readonly limiters = new Map<number, RateLimiter>();
  /** the CRM's search budget per connection (HubSpot: its own per-second limit), for pulls */
  private readonly searchLimiters = new Map<number, RateLimiter>();
  /** pulls in flight: a second request joins the first */
  private readonly pulling = new Map<number, Promise<PullSummaryView>>();
  private readonly prepared = new Set<number>();
  /** one connector per connection for the life of the process: they cache what the CRM told them (e.g. its fields) */
  private readonly connectorCache = new Map<number, Promise<Connector>>();
  /** runs a person asked to stop: they end after their batch in flight */
  private readonly cancelling = new Set<number>();
  /** connection id -> earliest time the scheduler may try again after a failure */
  private readonly retryAt = new Map<number, number>();
  /** the org's daily allocation per connection, and the headroom automatic pushes leave it */
  private readonly headroom: AllocationHeadroom;
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private online = true;
  private stopping = false;
  private readonly log: (line: string) => void;

  constructor(options: EngineOptions) {
    this.db = options.db;
    this.connectors = options.connectors;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.holder = options.holder ?? makeHolderId();
    this.opts = {
      pollMs: options.pollMs ?? 500,
      automaticDelayMs: options.automaticDelayMs ?? 2_000,
      debounceMs: options.debounceMs ?? 400,
      leaseTtlMs: options.leaseTtlMs ?? 60_000,
    };
    this.log = options.log ?? (() => undefined);
    this.headroom = new AllocationHeadroom(this.db, this.clock);
  }

  on<K extends keyof SyncEvents>(event: K, listener: (payload: SyncEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  /** Starts the scheduler: automatic and scheduled syncs, retries after failures. */
  start(): void {
    if (this.timer || this.stopping) return;
    // a referenced timer: it is what keeps `ferry agent` alive until it is stopped
    this.timer = setInterval(() => this.tick(), this.opts.pollMs);
    // The connections' drivers load now rather than when their first sync starts: a whole team turning
    // Automatic on at the same minute would otherwise each compile a CRM SDK at that moment (0.3 s of CPU).
    // A driver that fails to load says so when its connection syncs.
    this.connectors.preload?.(listConnections(this.db).map((c) => c.kind)).catch((error: unknown) => this.log(`loading drivers failed: ${String(error)}`));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    // Runs check `stopping` between batches: the batch in flight finishes and is recorded.
    await Promise.allSettled([...this.running.values()]);
    this.abort.abort(new Error('Ferry is shutting down.'));
  }

  /**
   * Atomic: a connect that fails leaves no row, no queued work, no cached
   * connector or limiter and no secret behind. Ids are never reused
   * (AUTOINCREMENT), so nothing keyed by a failed attempt's id can reach
   * another connection.
   */
  async connect(options: ConnectOptions): Promise<Connection> {
    const now = this.clock.now();
    const connection = this.db.transaction(() => {
      const created = createConnection(this.db, {
        cardId: options.cardId,
        kind: options.kind,
        label: options.label ?? destination(options.kind).name,
        mode: options.mode ?? 'manual',
        intervalMinutes: options.intervalMinutes ?? null,
        config: options.config ?? {},
      }, now);
      // every live contact is pending for a new connection, in any mode
      enqueueAllForConnection(this.db, created.id, now);
      return created;
    }).immediate();
    // the admin's mapping and filter before anything can be sent (the first run is kicked below)
    if (options.mapping) saveMapping(this.db, connection.id, options.mapping, now);
    if (options.filter) setConnectionFilter(this.db, connection.id, options.filter, now);
    try {
      if (options.secrets && Object.keys(options.secrets).length > 0) await this.connectors.storeSecrets(connection.id, options.secrets);
      await this.prepare(connection);
    } catch (error) {
      this.forget(connection.id);
      // ON DELETE CASCADE removes its outbox rows, links, runs and events with it
      deleteConnection(this.db, connection.id);
      await this.connectors.forgetSecrets(connection).catch(() => undefined);
      throw error;
    }
    if (connection.mode === 'automatic') this.kick(connection.id, 'connect');
    return requireConnection(this.db, connection.id);
  }

  /** Drops what this process keeps per connection (connector, limiter, prepared flag, retry time). */
  private forget(connectionId: number): void {
    this.prepared.delete(connectionId);
    this.connectorCache.delete(connectionId);
    this.limiters.delete(connectionId);
    this.searchLimiters.delete(connectionId);
    this.retryAt.delete(connectionId);
    this.headroom.forget(connectionId);
  }

  async disconnect(connectionId: number): Promise<void> {
    const connection = requireConnection(this.db, connectionId);
    this.db.transaction(() => {
      dropConnectionOutbox(this.db, connectionId);
      updateConnection(this.db, connectionId, { status: 'disconnected', disconnectedAt: this.clock.now() }, this.clock.now());
    })();
    await this.running.get(connectionId)?.catch(() => undefined);
    this.forget(connectionId);
    await this.connectors.forgetSecrets(connection);
    this.events.emit('status', { connectionId, status: 'disconnected', message: null });
  }

  async reconnect(connectionId: number, secrets?: Record<string, string>): Promise<Connection> {
    const connection = requireConnection(this.db, connectionId);
    if (connection.disconnectedAt !== null) throw new Error(`${this.connectors.displayName(connection)} was disconnected; connect it again instead.`);
    if (secrets && Object.keys(secrets).length > 0) await this.connectors.storeSecrets(connectionId, secrets);
    this.forget(connectionId);
    // New credentials may be another account's: what the CRM said of the old one is asked again.
    const { accountReadAt: _stale, ...config } = connection.config;
    const asked = updateConnection(this.db, connectionId, { config }, this.clock.now());
    // Check the new credentials before declaring victory: prepare() calls the CRM.
    await this.prepare(asked);
    const updated = updateConnection(this.db, connectionId, { status: 'connected', lastError: null, lastErrorDetail: null }, this.clock.now());
    this.events.emit('status', { connectionId, status: 'connected', message: null });
    if (updated.mode !== 'manual') this.kick(connectionId, 'resume');
    return updated;
  }

  setMode(connectionId: number, mode: SyncMode, intervalMinutes?: number | null): Connection {
    if (mode === 'scheduled' && !(intervalMinutes && intervalMinutes >= 1)) throw new Error('Scheduled sync needs an interval of at least 1 minute.');
    const updated = updateConnection(this.db, connectionId, { mode, intervalMinutes: mode === 'scheduled' ? intervalMinutes ?? null : null }, this.clock.now());
    // Turning Automatic on pushes everything that changed, at once.
    if (mode === 'automatic') this.kick(connectionId, 'automatic');
    return updated;
  }

  pause(connectionId: number): Connection {
    return this.setStatus(connectionId, 'paused', 'Paused. Changes are kept and will be sent when you resume.');
  }

  resume(connectionId: number): Connection {
    const connection = requireConnection(this.db, connectionId);
    if (connection.status === 'needs_reauth') throw new Error(`${this.connectors.displayName(connection)} needs to be reconnected before it can resume.`);
    this.retryAt.delete(connectionId);
    const updated = this.setStatus(connectionId, 'connected', null);
    if (updated.mode !== 'manual') this.kick(connectionId, 'resume');
    return updated;
  }

  retryQuarantined(connectionId: number, contactIds?: number[]): number {
    const released = releaseQuarantine(this.db, connectionId, contactIds);
    const connection = requireConnection(this.db, connectionId);
    if (released > 0 && connection.mode !== 'manual') this.kick(connectionId, 'manual');
    return released;
  }

  /**
   * A setup action the rep asked for (the descriptor's setupActions), carried out
   * by this connection's own connector so what it learns (a new field) is what
   * the next run maps with; a changed mapping queues every contact again, which
   * also puts back those set aside for want of what was just set up.
   */
  async runSetupAction(connectionId: number, action: string): Promise<string> {
    const connection = requireConnection(this.db, connectionId);
    if (connection.disconnectedAt !== null) throw new Error(`${this.connectors.displayName(connection)} is disconnected.`);
    const connector = await this.connectorFor(connection);
    if (!connector.runSetupAction) throw new Error(`Ferry has nothing to set up in ${this.connectors.displayName(connection)}.`);
    const limiter = this.limiterFor(connection, connector);
    const said = await connector.runSetupAction(action, this.outOfRunContext(connection, limiter)).finally(() => limiter.settleInFlight());
    this.headroom.save(connection.id);
    this.replanIfMappingChanged(connectionId, connector);
    return said;
  }

  setOnline(online: boolean): void {
    const wasOffline = !this.online;
    this.online = online;
    if (online && wasOffline) {
      // each install at its own moment within a window (no thundering herd when a venue's Wi-Fi comes back)
      const stagger = Math.floor(installOffset(this.db) * ONLINE_STAGGER_MS);
      for (const c of listConnections(this.db)) {
        if (c.status === 'waiting_for_network') {
          this.retryAt.delete(c.id);
          const trigger = c.mode === 'scheduled' ? 'scheduled' : c.mode === 'automatic' ? 'automatic' : 'manual';
          this.clock.sleep(stagger, this.abort.signal).then(() => this.kick(c.id, trigger), () => undefined);
        }
      }
    }
  }

  /**
   * Test sync: the chosen pending contacts (or the first `count`) go first, in a
   * run of their own; then what the CRM holds for them is read back, field by
   * field. Everything else stays pending for the full sync.
   */
  async testSync(connectionId: number, options: { count?: number; contactIds?: number[] }): Promise<TestSyncReport> {
    const connection = requireConnection(this.db, connectionId);
    const crmName = this.connectors.displayName(connection);
    if (this.running.has(connectionId)) throw new Error(`${crmName} is syncing right now; run the test when it has finished.`);
    const pending = pendingContactIds(this.db, connectionId, null);
    const waiting = new Set(pending);
    const notWaiting = (options.contactIds ?? []).filter((id) => !waiting.has(id));
    if (notWaiting.length > 0) throw new Error(`Contact${notWaiting.length === 1 ? '' : 's'} ${notWaiting.join(', ')} ${notWaiting.length === 1 ? 'is' : 'are'} not waiting to be sent to ${crmName} (already sent, set aside, or kept out by the filter).`);
    const chosen = options.contactIds ?? pending.slice(0, options.count ?? 5);
    const run = this.runOnce(connectionId, 'manual', chosen).finally(() => this.running.delete(connectionId));
    this.running.set(connectionId, run);
    const summary = await run;
    return testSyncReport(this.db, connection, summary, chosen, await this.connectorFor(connection), this.readContext(connection));
  }

  /** A push context for a read outside a run (test sync's read-back). */
  private readContext(connection: Connection): PushContext {
    return {
      connection,
      beforeRequest: async () => undefined,
      afterResponse: () => undefined,
      signal: this.abort.signal,
    };
  }

  async mappingAccess(connectionId: number): Promise<{ connector: Connector; crmFields: CrmFieldView[] | null }> {
    const connection = requireConnection(this.db, connectionId);
    const connector = await this.connectorFor(connection);
    if (!this.prepared.has(connectionId)) await this.prepare(connection);
    if (!connector.describeFields) return { connector, crmFields: null };
    const limiter = this.limiterFor(connection, connector);
    const crmFields = await connector.describeFields({
      connection: requireConnection(this.db, connectionId),
      beforeRequest: () => limiter.acquire(this.abort.signal),
      afterResponse: (info) => { limiter.release(); limiter.observe(info); },
      signal: this.abort.signal,
    }).finally(() => limiter.settleInFlight());
    return { connector, crmFields };
  }

  async dryRun(connectionId: number, limit = 200): Promise<DryRunPlan> {
    const connection = requireConnection(this.db, connectionId);
    return dryRunPlan(this.db, connection, await this.connectorFor(connection), limit);
  }

  /**
   * Runs never overlap. A request while a run is in progress gets one follow-up
   * run after it (shared by every request made meanwhile), so a change saved
   * after the running run planned is never left out.
   */
  syncNow(connectionId: number, trigger: RunTrigger = 'manual'): Promise<RunSummary> {
    const queued = this.queued.get(connectionId);
    if (queued) return queued;
    const existing = this.running.get(connectionId);
    if (existing) {
      const next = existing.catch(() => undefined).then(() => {
        this.queued.delete(connectionId);
        return this.syncNow(connectionId, trigger);
      });
      this.queued.set(connectionId, next);
      return next;
    }
    const run = this.runOnce(connectionId, trigger).finally(() => this.running.delete(connectionId));
    this.running.set(connectionId, run);
    return run;
  }

  /**
   * Stops the connection's run after the batch in flight, which is saved like
   * any other: nothing is lost, the rest stays pending for the next sync.
   * False when no run was in flight.
   */
  cancel(connectionId: number): boolean {
    if (!this.running.has(connectionId)) return false;
    this.cancelling.add(connectionId);
    return true;
  }

  isRunning(connectionId: number): boolean {
    return this.running.has(connectionId);
  }

  private kick(connectionId: number, trigger: RunTrigger): void {
    if (this.stopping) return;
    this.syncNow(connectionId, trigger).catch((error: unknown) => this.log(`sync of connection ${connectionId} failed: ${String(error)}`));
  }

  private tick(): void {
    if (this.stopping) return;
    const now = this.clock.now();
    for (const connection of listConnections(this.db)) {
      // one run per connection at a time, push or pull (they share the lease, which is per process)
      if (this.running.has(connection.id) || this.pulling.has(connection.id) || !isRunnable(connection.status)) continue;
      if ((this.retryAt.get(connection.id) ?? 0) > now) continue;
      const pullTrigger = this.pulling.has(connection.id) ? null : isPullDue(this.db, connection, now, this.online);
      if (pullTrigger) {
        this.pullNow(connection.id, pullTrigger).catch((error: unknown) => this.log(`pull of connection ${connection.id} failed: ${String(error)}`));
        continue;
      }
      const trigger = isDue(this.db, connection, now, { online: this.online, ...this.opts });
      if (trigger) this.kick(connection.id, trigger);
      else if (!this.online && connection.mode !== 'manual' && connection.status !== 'waiting_for_network') {
        this.setStatus(connection.id, 'waiting_for_network', 'Offline. Your changes are kept and will sync when the network is back.');
      }
    }
  }

  /**
   * Which way contacts flow. Becoming pull-only drops what waited to be pushed
   * (nothing is pushed any more); leaving pull-only queues every contact the CRM
   * does not hold as it is (what a pull agreed on is already in sync).
   */
  setDirection(connectionId: number, direction: SyncDirection): Connection {
    const now = this.clock.now();
    return this.db.transaction(() => {
      const before = requireConnection(this.db, connectionId);
      if (direction !== 'push' && !destination(before.kind).reads) throw new Error(cannotReadSentence(this.connectors.displayName(before)));
      const updated = updateConnection(this.db, connectionId, { direction }, now);
      if (direction === 'pull') dropConnectionOutbox(this.db, connectionId);
      else if (before.direction === 'pull') enqueueUnsyncedForConnection(this.db, connectionId, now);
      return updated;
    }).immediate();
  }

  /**
   * Reads the CRM into Ferry (main/pull/): resumes at the connection's checkpoint
   * and pages until the CRM has nothing newer. A pull already in flight is joined.
   * Holds the connection's lease, so it never runs beside a push of it.
   */
  pullNow(connectionId: number, trigger: RunTrigger = 'manual', onPage?: (p: { runId: number; pages: number; read: number }) => void): Promise<PullSummaryView> {
    const inFlight = this.pulling.get(connectionId);
    if (inFlight) return inFlight;
    const pull = this.pullOnce(connectionId, trigger, onPage).finally(() => this.pulling.delete(connectionId));
    this.pulling.set(connectionId, pull);
    return pull;
  }

  private async pullOnce(connectionId: number, trigger: RunTrigger, onPage?: (p: { runId: number; pages: number; read: number }) => void): Promise<PullSummaryView> {
    const connection = requireConnection(this.db, connectionId);
    const crmName = this.connectors.displayName(connection);
    const now = this.clock.now();
    if (connection.direction === 'push') {
      return { connectionId, runId: null, state: 'not_pulling', read: 0, created: 0, updated: 0, linked: 0, unchanged: 0, conflicts: 0, potentialDuplicates: 0, apiCalls: 0, startedAt: now, finishedAt: now, error: `${crmName} only receives from Ferry. Set its direction to pull or two-way first.` };
    }
    if (connection.disconnectedAt !== null) throw new Error(`${crmName} is disconnected. Connect it again to pull.`);
    if (connection.status === 'paused') throw new Error(`${crmName} is paused. Resume it to pull.`);
    if (connection.status === 'needs_reauth') throw new Error(`${crmName} needs to be reconnected before Ferry can read from it.`);
    await this.running.get(connectionId)?.catch(() => undefined);
    if (!acquireLease(this.db, connectionId, this.holder, now, this.opts.leaseTtlMs)) {
      throw new Error(`Another Ferry window or agent is syncing ${crmName} right now; pull again when it finishes.`);
    }
    // what the app's card shows live; the last one, marked done, is sent however the pull ends
    let progress: { runId: number | null; pages: number; read: number } = { runId: null, pages: 0, read: 0 };
    try {
      const connector = await this.connectorFor(connection);
      if (!this.prepared.has(connectionId)) await this.prepare(connection);
      const limiter = this.limiterFor(connection, connector);
      const searchLimiter = this.searchLimiterFor(connection, connector);
      const { summary, decision } = await runPull({
        db: this.db, connector, limiter, searchLimiter, clock: this.clock, random: this.random, crmName, signal: this.abort.signal,
        shouldStop: () => {
          if (this.stopping) return true;
          acquireLease(this.db, connectionId, this.holder, this.clock.now(), this.opts.leaseTtlMs);
          const current = requireConnection(this.db, connectionId);
          return current.status === 'paused' || current.disconnectedAt !== null;
        },
        onPage: (p) => {
          progress = p;
          this.events.emit('pullProgress', { connectionId, ...p, done: false });
          onPage?.(p);
        },
      }, requireConnection(this.db, connectionId), trigger);
      progress = { ...progress, runId: summary.runId, read: summary.read };
      limiter.settleInFlight();
      searchLimiter.settleInFlight();
      if (decision) {
        if (decision.action === 'wait_for_network' || decision.action === 'give_up') this.retryAt.set(connectionId, this.clock.now() + decision.waitMs);
        if (decision.status === 'needs_reauth' || decision.status === 'paused') this.setStatus(connectionId, decision.status, decision.message);
      }
      return summary;
    } finally {
      releaseLease(this.db, connectionId, this.holder);
      this.events.emit('pullProgress', { connectionId, ...progress, done: true });
    }
  }

  connectorOf(connectionId: number): Promise<Connector> {
    return this.connectorFor(requireConnection(this.db, connectionId));
  }

  private limiterFor(connection: Connection, connector: Connector): RateLimiter {
    let limiter = this.limiters.get(connection.id);
    if (!limiter) {
      limiter = new RateLimiter(connection.config.rateLimit ?? connector.capabilities.rateLimit, this.clock);
      this.limiters.set(connection.id, limiter);
    }
    return limiter;
  }

  /**
   * Searches are paced apart where the CRM counts them apart (HubSpot: per second per token,
   * outside the ten-second window); elsewhere they share the connection's one limiter.
   */
  private searchLimiterFor(connection: Connection, connector: Connector): RateLimiter {
    const limit = connector.capabilities.searchRateLimit;
    if (!limit) return this.limiterFor(connection, connector);
    let limiter = this.searchLimiters.get(connection.id);
    if (!limiter) {
      limiter = new RateLimiter(limit, this.clock);
      this.searchLimiters.set(connection.id, limiter);
    }
    return limiter;
  }

  private connectorFor(connection: Connection): Promise<Connector> {
    let connector = this.connectorCache.get(connection.id);
    if (!connector) {
      connector = this.connectors.create(connection);
      this.connectorCache.set(connection.id, connector);
      // a connector that could not be made (a bad address, a missing driver) is asked for again next time
      connector.catch(() => { if (this.connectorCache.get(connection.id) === connector) this.connectorCache.delete(connection.id); });
    }
    return connector;
  }

  /** A context for calls outside a run (prepare, setup actions): paced and counted like a run's. */
  private outOfRunContext(connection: Connection, limiter: RateLimiter): PushContext {
    return {
      connection,
      beforeRequest: () => limiter.acquire(this.abort.signal),
      afterResponse: (info) => {
        limiter.release();
        limiter.observe(info);
        if (info.quota) this.headroom.note(connection.id, info.quota);
      },
      signal: this.abort.signal,
    };
  }

  private async prepare(connection: Connection): Promise<void> {
    const connector = await this.connectorFor(connection);
    const limiter = this.limiterFor(connection, connector);
    const learned = await connector.prepare(this.outOfRunContext(connection, limiter)).finally(() => limiter.settleInFlight());
    this.headroom.save(connection.id);
    // keep what the CRM told about the account (portal id, its web app's host) with the connection
    const current = requireConnection(this.db, connection.id);
    const learnedConfig = {
      ...(learned?.account ? { account: learned.account } : {}),
      ...(learned?.appHost ? { appHost: learned.appHost } : {}),
      ...(learned?.timeZone ? { timeZone: learned.timeZone } : {}),
      ...(learned?.accountReadAt ? { accountReadAt: learned.accountReadAt } : {}),
      ...(learned?.companies ? { companies: learned.companies } : {}),
    };
    if (Object.entries(learnedConfig).some(([key, value]) => current.config[key] !== value)) {
      updateConnection(this.db, connection.id, { config: { ...current.config, ...learnedConfig } }, this.clock.now());
    }
    this.prepared.add(connection.id);
  }

  /**
   * A new mapping (Ferry updated, or the CRM gained a field Ferry uses) changes
   * payloads of contacts that did not change: queue them all again so the plan
   * hashes each one (only real differences are sent).
   */
  private replanIfMappingChanged(connectionId: number, connector: Connector): void {
    const current = requireConnection(this.db, connectionId);
    const key = connector.mappingKey?.(current) ?? current.kind;
    if (current.config.mappingKey === key) return;
    this.db.transaction(() => {
      enqueueAllForConnection(this.db, connectionId, this.clock.now());
      updateConnection(this.db, connectionId, { config: { ...current.config, mappingKey: key } }, this.clock.now());
    })();
  }

  private setStatus(connectionId: number, status: ConnectionStatus, message: string | null, detail: string | null = null): Connection {
    const current = requireConnection(this.db, connectionId);
    if (!canTransition(current.status, status)) return current;
    const patch = message === null ? { status, lastError: null, lastErrorDetail: null } : { status, lastError: message, lastErrorDetail: detail };
    const updated = updateConnection(this.db, connectionId, status === current.status && message === current.lastError ? { status } : patch, this.clock.now());
    if (status !== current.status || message !== current.lastError) this.events.emit('status', { connectionId, status, message });
    return updated;
  }

  /** `only`: a test sync's chosen contacts (the rest stays pending) */
  private async runOnce(connectionId: number, trigger: RunTrigger, only?: number[]): Promise<RunSummary> {
    // a pull of this connection in flight holds its lease: the push waits for it to end
    await this.pulling.get(connectionId)?.catch(() => undefined);
    const connection = requireConnection(this.db, connectionId);
    const crmName = this.connectors.displayName(connection);
    if (connection.disconnectedAt !== null) throw new Error(`${crmName} is disconnected. Connect it again to sync.`);
    if (connection.status === 'paused') throw new Error(`${crmName} is paused. Resume it to sync.`);
    if (connection.status === 'needs_reauth') throw new Error(`${crmName} needs to be reconnected before it can sync.`);
    // Sync now sends everything pending; the scheduler honours per-record retry delays.
    const dueBy = trigger === 'manual' ? null : this.clock.now();
    // Automatic and scheduled pushes leave the org's allocation its headroom; a person's Sync now still goes.
    if (trigger !== 'manual') {
      const held = this.headroom.hold(connection, crmName);
      if (held) {
        this.retryAt.set(connectionId, held.until);
        if (connection.lastError !== held.sentence) this.setStatus(connectionId, connection.status === 'syncing' ? 'connected' : connection.status, held.sentence);
        return { ...this.nothingToSend(connection, trigger), error: held.sentence };
      }
    }
    // A person's Sync now in a process that has not talked to the CRM yet first learns what
    // the CRM holds (e.g. a field an admin added since), which may queue every contact again.
    if (trigger === 'manual' && !this.prepared.has(connectionId)) await this.prepareQuietly(connection);
    // Nothing pending: no call, no lease, no run row (an empty run would only bury real ones in the log).
    const queued = countOutbox(this.db, connectionId, this.clock.now());
    if ((dueBy === null ? queued.pending : queued.due) === 0) return this.nothingToSend(connection, trigger);
    if (!acquireLease(this.db, connectionId, this.holder, this.clock.now(), this.opts.leaseTtlMs)) {
      throw new Error(`Another Ferry window or agent is syncing ${crmName} right now; its changes will show here when it finishes.`);
    }
    try {
      return await this.runLeased(connection, crmName, trigger, dueBy, only);
    } finally {
      releaseLease(this.db, connectionId, this.holder);
    }
  }

  /** prepare() and the mapping check outside a run; a failure is left for the run (if any) to report. */
  private async prepareQuietly(connection: Connection): Promise<void> {
    try {
      await this.prepare(connection);
      this.replanIfMappingChanged(connection.id, await this.connectorFor(connection));
    } catch {
      // the run that follows (when something is pending) prepares again and says why it failed
    }
  }

  private nothingToSend(connection: Connection, trigger: RunTrigger): RunSummary {
    const now = this.clock.now();
    // Offline is over once a run is asked for and finds the queue empty.
    if (connection.status === 'waiting_for_network' && this.online) this.setStatus(connection.id, 'connected', null);
    return {
      runId: null, connectionId: connection.id, trigger, state: 'nothing_to_send',
      ...emptyRunCounts(),
      startedAt: now, finishedAt: now, error: null,
    };
  }

  private async runLeased(connection: Connection, crmName: string, trigger: RunTrigger, dueBy: number | null, only?: number[]): Promise<RunSummary> {
    const { db, clock } = this;
    closeAbandonedRuns(db, connection.id, clock.now());
    const startedAt = clock.now();
    const runId = startRun(db, connection.id, trigger, startedAt);
    this.setStatus(connection.id, 'syncing', connection.status === 'syncing' ? connection.lastError : null);
    let result: Awaited<ReturnType<typeof executeRun>>;
    try {
      const connector = await this.connectorFor(connection);
      const limiter = this.limiterFor(connection, connector);
      if (!this.prepared.has(connection.id)) await this.prepare(connection);
      this.replanIfMappingChanged(connection.id, connector);
      // read under the lease, after any re-plan: what this run sends, mapped with what prepare learned
      const planned = requireConnection(db, connection.id);
      const chosen = only ? new Set(only) : null;
      const ids = planCandidates(db, planned, dueBy).filter((id) => chosen === null || chosen.has(id));
      result = await executeRun({
        db,
        connector,
        limiter,
        searchLimiter: this.searchLimiterFor(connection, connector),
        clock,
        random: this.random,
        crmName,
        onProgress: (p) => this.events.emit('progress', p),
        shouldStop: () => {
          if (this.stopping || this.cancelling.has(connection.id)) return true;
          if (trigger !== 'manual' && this.headroom.past(connection.id, startedAt)) return true;
          const now = requireConnection(db, connection.id);
          return now.status === 'paused' || now.disconnectedAt !== null;
        },
        renewLease: () => acquireLease(db, connection.id, this.holder, clock.now(), this.opts.leaseTtlMs),
        refreshAuth: () => this.connectors.refreshAuth(connection),
        onQuota: (quota) => this.headroom.note(connection.id, quota),
        // still syncing, but the UI shows why it is slow until the run ends (success clears it)
        onRetry: (decision, crmError) => this.setStatus(connection.id, 'syncing', decision.message, crmError),
        signal: this.abort.signal,
      }, planned, runId, ids);
      // deletes a connection opted in to are pending work too; a test sync sends only its chosen contacts
      const deletes = only || result.stoppedBy || result.interrupted ? [] : pendingDeletes(db, planned.id, dueBy);
      // records kept and marked "Deleted in Ferry" whose contact was restored get the mark cleared
      const unmarks = only || result.stoppedBy || result.interrupted ? [] : pendingUnmarks(db, planned.id);
      if (deletes.length > 0 || unmarks.length > 0) {
        const actions = (await this.connectors.recordActions?.(planned)) ?? null;
        const runDeps = { db, clock, limiter, signal: this.abort.signal, crmName, runId, actions };
        if (deletes.length > 0) await sendDeletes(runDeps, planned, deletes, result.counts);
        if (unmarks.length > 0) await sendUnmarks(runDeps, planned, unmarks, result.counts);
      }
    } catch (thrown) {
      // prepare() failed, or something unexpected: a failed run with a sentence, never silent
      const decision = failureDecision(thrown, crmName, this.random);
      result = { counts: emptyRunCounts(), stoppedBy: decision.decision, interrupted: false, crmError: decision.crmError };
    }
    const finishedAt = clock.now();
    this.headroom.save(connection.id);
    const { counts, stoppedBy, interrupted } = result;
    const past = this.headroom.past(connection.id, startedAt);
    const cancelled = this.cancelling.delete(connection.id) && interrupted;
    const state: RunSummary['state'] = interrupted ? 'interrupted' : stoppedBy ? 'failed' : counts.quarantined + counts.held + counts.failed > 0 ? 'partial' : 'succeeded';
    const held = trigger !== 'manual' && past !== null && !stoppedBy;
    const problem = stoppedBy?.message
      ?? (held ? past.holdSentence(crmName) : null)
      ?? (cancelled ? `Cancelled. ${sentTotal(counts)} sent; the other changes wait for the next sync.` : null)
      ?? notSentProblem(crmName, counts);
    finishRun(db, runId, state, counts, problem, finishedAt);

    // A person may have paused (or disconnected) the connection during the run: that wins,
    // except over a sign-in that no longer works, which they must hear about.
    const current = requireConnection(db, connection.id).status;
    const runOwnsStatus = current === 'syncing';
    if (stoppedBy) {
      if (stoppedBy.action === 'wait_for_network' || stoppedBy.action === 'give_up') this.retryAt.set(connection.id, finishedAt + stoppedBy.waitMs);
      if (runOwnsStatus || stoppedBy.status === 'needs_reauth') this.setStatus(connection.id, stoppedBy.status, stoppedBy.message, result.crmError);
    } else if (held) {
      // stopped at the headroom: the scheduler comes back once the org may have room again
      this.retryAt.set(connection.id, past.recheckAt);
      if (runOwnsStatus) this.setStatus(connection.id, 'connected', problem, null);
    } else if (!interrupted) {
      this.retryAt.delete(connection.id);
      updateConnection(db, connection.id, { lastSuccessAt: finishedAt }, finishedAt);
      if (runOwnsStatus) this.setStatus(connection.id, 'connected', problem, null);
    } else if (runOwnsStatus) {
      this.setStatus(connection.id, 'connected', null);
    }
    // a person's Sync now goes past the line, and says so
    const warning = trigger === 'manual' && past !== null ? past.warning(crmName) : null;
    if (warning && runOwnsStatus && !stoppedBy) this.setStatus(connection.id, 'connected', warning, null);
    const summary: RunSummary = { runId, connectionId: connection.id, trigger, state, ...counts, startedAt, finishedAt, error: problem ?? warning };
    this.events.emit('runFinished', summary);
    return summary;
  }
}

function failureDecision(thrown: unknown, crmName: string, random: () => number): { decision: RetryDecision; crmError: string | null } {
  let error: SyncError;
  try {
    error = asSyncError(thrown, crmName);
  } catch {
    const text = thrown instanceof Error ? thrown.message : String(thrown);
    // Not a known failure shape: retry later rather than loop, and show what happened.
    return {
      decision: { action: 'give_up', waitMs: 5 * 60_000, status: 'error', message: `Something unexpected went wrong while syncing with ${crmName}. Ferry will try again in a few minutes.` },
      crmError: text,
    };
  }
  return { decision: decideRetry(error, 1, crmName, random), crmError: error.details.crmError ?? error.message };
}


export function createSyncEngine(options: EngineOptions): SyncEngine {
  return new SyncEngine(options);
}
