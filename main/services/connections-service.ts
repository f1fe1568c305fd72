import { readCheckpoint } from '../store/pull-checkpoints';
import { countOpenConflicts } from '../store/conflicts';
import { cardOf as cardOfDb } from './card-of';
import { destination } from '../../destinations/index';
import { addressField } from '../../destinations/credential-checks';
import type { ChannelOutput, ParsedInput, SyncAllReport } from '../../preload/contract';
import { QUARANTINED_IDS_LIMIT, type ConnectionView, type SandboxOffer, type SyncProgressView } from '../../preload/schemas/connection';
import { listConnections, requireConnection, type Connection, type ConnectionConfig } from '../store/connections';
import type { Db } from '../store/db';
import { countOutbox } from '../store/outbox';
import { connectionCounters, heldContactCount, quarantinedContactIds } from '../store/sync-log';
import { lastRunStartedAt } from '../store/sync-records';
import type { SyncService } from '../sync/service-api';
import { installOffset } from '../sync/schedule';
import { endpointProblem } from '../policy/connection-endpoint';
import { addressChecks } from '../crm/drivers';
import { isLoopbackUrl } from '../policy/endpoint-policy';
import { startOfLocalDay, toConnectionView } from './connection-view';
import { connectFailure } from './connect-errors';
import { ServiceError } from './errors';
import { noDeliveryTests, type Clock, type DeliveryTester, type SandboxProvider, type SecretPresence } from './ports';
import { checkConnect, checkDisconnect, checkResume, checkSetFilter, checkSetMode, connectionLocks, type PolicyPort } from '../admin-policy/index';
import { getConnectionFilter, setConnectionFilter } from '../store/connection-filter';
import type { FilterCountView, FilterView } from '../../preload/schemas/filter';
import { countFilterMatches } from '../store/filter-count';
import { crmRecordUrl } from './record-url';
import { allocationView } from './allocation-view';
import { getSettings } from '../store/settings';

interface ConnectionsServiceDeps {
  db: Db;
  clock: Clock;
  sync: SyncService;
  vault: SecretPresence;
  sandboxes: SandboxProvider;
  /** a keychain that cannot be read is reported here (the view then says "unknown") */
  onError: (error: unknown) => void;
  /** the admin's policy: what it locks is shown on each connection and refused here */
  policy: PolicyPort;
  /** "Send test event" / "Test" for delivery connections */
  deliveryTests?: DeliveryTester;
}

/**
 * The contract's credential fields → the vault entries the connector reads, as
 * the destination's descriptor declares them (a pasted Salesforce token is an
 * OAuth access token, a HubSpot one a service key or private-app token).
 */
function toVaultSecrets(kind: Connection['kind'], secrets: Partial<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of destination(kind).credentials) {
    const value = secrets?.[field.key];
    if (field.vaultEntry && value !== undefined) out[field.vaultEntry] = value;
  }
  return out;
}

/**
 * The secret that is itself where contacts go (a Zapier hook URL), typed or
 * (headless) read from the environment; undefined when the destination has none.
 */
function secretAddress(kind: Connection['kind'], secrets: Partial<Record<string, string>> | undefined, headlessCredential: string | undefined): string | undefined {
  const field = addressField(destination(kind));
  if (!field?.vaultEntry) return undefined;
  return secrets?.[field.key] ?? headlessCredential;
}

/**
 * Connections as the Integrations screen needs them: the engine does every
 * state change (connect, mode, pause, sync); this layer adds the counts,
 * health and the progress of a run in flight.
 */
export function createConnectionsService(deps: ConnectionsServiceDeps) {
  const { db, clock, sync, vault, sandboxes, policy } = deps;
  const deliveryTests = deps.deliveryTests ?? noDeliveryTests;
  /** latest progress per connection while a run is in flight; cleared when it finishes */
  const progress = new Map<number, SyncProgressView>();
  const unsubscribe = [
    sync.on('progress', (p) => { progress.set(p.connectionId, p); }),
    sync.on('runFinished', (r) => { progress.delete(r.connectionId); }),
  ];

  const secretPresence = async (id: number): Promise<boolean | null> => {
    try {
      return await vault.hasSecret(id);
    } catch (error) {
      deps.onError(error);
      return null;
    }
  };

  const view = async (connection: Connection): Promise<ConnectionView> => ({
    ...toConnectionView({
    connection,
    // sandbox and headless (environment) connections keep nothing in the keychain: it is not asked
    hasSecret: connection.config.sandbox === true || connection.config.tokenEnv !== undefined ? false : await secretPresence(connection.id),
    outbox: countOutbox(db, connection.id, clock.now()),
    quarantinedContactIds: quarantinedContactIds(db, connection.id, QUARANTINED_IDS_LIMIT),
    held: heldContactCount(db, connection.id),
    counters: connectionCounters(db, connection.id, startOfLocalDay(clock.now())),
    lastRunStartedAt: lastRunStartedAt(db, connection.id),
    installOffset: installOffset(db),
    now: clock.now(),
    progress: progress.get(connection.id) ?? null,
    }),
    locks: connectionLocks(policy.current(), connection.kind),
    direction: connection.direction,
    ...(connection.direction === 'push' ? {} : { lastPullAt: readCheckpoint(db, connection.id).lastPullAt, openConflicts: countOpenConflicts(db, connection.id) }),
    allocation: allocationView(destination(connection.kind).name, connection.config.allocation, getSettings(db).allocationStopPercent),
  });

  const cardOf = (cardId: number | undefined): number => cardOfDb(db, cardId);

  return {
    view,
    cardOf,

    async list(input: ParsedInput<'listConnections'>): Promise<ConnectionView[]> {
      const all = listConnections(db, input?.cardId, { includeDisconnected: input?.includeDisconnected ?? false });
      return Promise.all(all.map(view));
    },

    listSandboxes(input: ParsedInput<'listSandboxes'>): SandboxOffer[] {
      const cardId = cardOf(input?.cardId);
      const active = new Set(listConnections(db, cardId).map((c) => c.kind));
      return sandboxes.kinds().map((kind) => ({ kind, label: `${destination(kind).name} Sandbox`, connected: active.has(kind) }));
    },

    /**
     * Connects a destination. `headless` is the CLI's: the credential stays in
     * an environment variable (its value is given here only to be checked like
     * a typed one) and is read at each sync, never stored. The contract cannot
     * ask for it: a page must never choose where a token comes from.
     */
    async connect(input: ParsedInput<'connect'>, headless?: { tokenEnv: string; credential: string }): Promise<ConnectionView> {
      const cardId = cardOf(input.cardId);
      // the admin's policy first: which CRMs, and the mode when the admin set it
      const mode = checkConnect(policy.current(), input.kind, destination(input.kind).name, { mode: input.mode, intervalMinutes: input.intervalMinutes });
      const config: ConnectionConfig = { ...input.config, ...(headless ? { tokenEnv: headless.tokenEnv } : {}) };
      let secrets = toVaultSecrets(input.kind, input.secrets);
      if (!input.sandbox) {
        // The endpoint policy, before anything is stored: https (or this computer), and the vendor's own hosts for HubSpot and Salesforce.
        const problem = endpointProblem(input.kind, config.baseUrl);
        if (problem) throw new ServiceError('invalid_input', problem);
        const address = secretAddress(input.kind, input.secrets, headless?.credential);
        if (address !== undefined) {
          const check = addressChecks[input.kind]?.(address);
          if (check && !check.ok) throw new ServiceError('invalid_input', check.reason);
          // The address stays secret; only that it is on this computer is kept, for the card's label.
          if (isLoopbackUrl(address)) config.localReceiver = true;
        }
      }
      if (input.sandbox) {
        if (!sandboxes.kinds().includes(input.kind)) throw new ServiceError('unavailable', `There is no ${destination(input.kind).name} sandbox in this build of Ferry.`);
        const endpoint = await sandboxes.start(input.kind);
        config.baseUrl = endpoint.baseUrl;
        config.sandbox = true;
        secrets = { ...endpoint.secrets };
      }
      const connection = await sync.connect({
        cardId,
        kind: input.kind,
        label: input.label ?? (input.sandbox ? `${destination(input.kind).name} Sandbox` : destination(input.kind).name),
        ...mode,
        config,
        secrets,
      }).catch((error: unknown) => { throw connectFailure(error, input.kind, 'connect'); });
      return view(connection);
    },

    async disconnect(input: ParsedInput<'disconnect'>): Promise<null> {
      const connection = requireConnection(db, input.connectionId);
      checkDisconnect(policy.current(), connection.kind, destination(connection.kind).name);
      await sync.disconnect(input.connectionId);
      return null;
    },

    /**
     * New credentials. A delivery connection (Zapier, webhook) first sends a
     * test event with them: its prepare() only checks the URL's shape, and a
     * hook that no longer exists must not come back as "Healthy".
     */
    async reconnect(input: ParsedInput<'reconnect'>): Promise<ConnectionView> {
      const connection = requireConnection(db, input.connectionId);
      const secrets = toVaultSecrets(connection.kind, input.secrets);
      try {
        await deliveryTests.send(connection, secrets);
        return await view(await sync.reconnect(input.connectionId, secrets));
      } catch (error) {
        throw connectFailure(error, connection.kind, 'reconnect');
      }
    },

    /** "Send test event" / "Test": one test delivery, answered with a sentence; nothing is recorded. */
    async testDelivery(input: ParsedInput<'testDelivery'>): Promise<ChannelOutput<'testDelivery'>> {
      const connection = requireConnection(db, input.connectionId);
      const testEvent = destination(connection.kind).testEvent;
      let sent: boolean;
      try {
        sent = await deliveryTests.send(connection);
      } catch (error) {
        if (error instanceof Error && error.name === 'SyncError') throw new ServiceError('failed', `The test event did not arrive: ${error.message}`);
        throw error;
      }
      if (!sent || !testEvent) throw new ServiceError('unavailable', `${destination(connection.kind).name} connections have no test event; use Preview next sync instead.`);
      return { message: `Test event delivered to ${testEvent.arrivesAt}. No contact was sent.` };
    },

    async setMode(input: ParsedInput<'setMode'>): Promise<ConnectionView> {
      const connection = requireConnection(db, input.connectionId);
      checkSetMode(policy.current(), connection.kind, destination(connection.kind).name, input.mode, input.intervalMinutes);
      return view(sync.setMode(input.connectionId, input.mode, input.mode === 'scheduled' ? input.intervalMinutes ?? null : null));
    },

    async testSync(input: ParsedInput<'testSync'>): Promise<ChannelOutput<'testSync'>> {
      const connection = requireConnection(db, input.connectionId);
      const report = await sync.testSync(input.connectionId, { ...(input.count === undefined ? {} : { count: input.count }), ...(input.contactIds ? { contactIds: input.contactIds } : {}) });
      return { ...report, contacts: report.contacts.map((c) => ({ ...c, recordUrl: crmRecordUrl(connection, c.externalId) })) };
    },

    getFilter(input: ParsedInput<'getFilter'>): FilterView {
      const connection = requireConnection(db, input.connectionId);
      const filter = getConnectionFilter(db, connection.id);
      return { connectionId: connection.id, filter, locked: connectionLocks(policy.current(), connection.kind).filter, pending: countOutbox(db, connection.id, clock.now()).pending, ...countFilterMatches(db, connection.cardId, filter) };
    },

    /** How many contacts a filter the admin is still editing would let through; nothing is stored. */
    previewFilter(input: ParsedInput<'previewFilter'>): FilterCountView {
      return countFilterMatches(db, requireConnection(db, input.connectionId).cardId, input.filter);
    },

    /** The admin's lock first; then the filter is stored and the connection re-planned in one transaction. */
    setFilter(input: ParsedInput<'setFilter'>): FilterView {
      const connection = requireConnection(db, input.connectionId);
      checkSetFilter(policy.current(), connection.kind, destination(connection.kind).name);
      setConnectionFilter(db, connection.id, input.filter, clock.now());
      return this.getFilter({ connectionId: connection.id });
    },

    async pause(input: ParsedInput<'pauseConnection'>): Promise<ConnectionView> {
      return view(sync.pause(input.connectionId));
    },

    async resume(input: ParsedInput<'resumeConnection'>): Promise<ConnectionView> {
      checkResume(policy.current(), requireConnection(db, input.connectionId).kind);
      return view(sync.resume(input.connectionId));
    },

    syncNow(input: ParsedInput<'syncNow'>): Promise<ChannelOutput<'syncNow'>> {
      requireConnection(db, input.connectionId);
      return sync.syncNow(input.connectionId, 'manual');
    },

    /** Sync now on every connection that can run (tray, CLI); one failure never hides the others' results. */
    async syncAll(): Promise<SyncAllReport> {
      const runnable = listConnections(db).filter((c) => c.status !== 'paused' && c.status !== 'disconnected');
      const settled = await Promise.allSettled(runnable.map((c) => sync.syncNow(c.id, 'manual')));
      const report: SyncAllReport = { runs: [], failures: [] };
      settled.forEach((s, i) => {
        if (s.status === 'fulfilled') report.runs.push(s.value);
        else report.failures.push({ connectionId: runnable[i]!.id, message: s.reason instanceof Error ? s.reason.message : String(s.reason) });
      });
      return report;
    },

    cancel(input: ParsedInput<'cancelSync'>): ChannelOutput<'cancelSync'> {
      requireConnection(db, input.connectionId);
      return { cancelled: sync.cancel(input.connectionId) };
    },

    dryRun(input: ParsedInput<'dryRun'>): Promise<ChannelOutput<'dryRun'>> {
      requireConnection(db, input.connectionId);
      return sync.dryRun(input.connectionId, input.limit);
    },

    retryQuarantined(input: ParsedInput<'retryQuarantined'>): ChannelOutput<'retryQuarantined'> {
      requireConnection(db, input.connectionId);
      return { released: sync.retryQuarantined(input.connectionId, input.contactIds) };
    },

    /** "Add Ferry ID field" and the like: what the descriptor offers, carried out by the connection's connector. */
    async runSetupAction(input: ParsedInput<'runSetupAction'>): Promise<ChannelOutput<'runSetupAction'>> {
      const connection = requireConnection(db, input.connectionId);
      const d = destination(connection.kind);
      if (!d.setupActions?.some((a) => a.id === input.action)) throw new ServiceError('unavailable', `Ferry has no '${input.action}' to set up in ${d.name}.`);
      try {
        return { message: await sync.runSetupAction(input.connectionId, input.action) };
      } catch (error) {
        if (error instanceof Error && error.name === 'SyncError') throw new ServiceError('failed', error.message);
        throw error;
      }
    },

    close(): void {
      for (const off of unsubscribe) off();
    },
  };
}

