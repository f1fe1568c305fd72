import { ServiceError } from './services/errors';
import type { Clock } from './sync/clock';
import type { Vault } from './secrets/index';
import type { Db } from './store/db';
import type { SyncEvents, SyncService } from './sync/service-api';

/** The engine plus its scheduler switch (the real engine schedules only after start()). */
export type RuntimeSync = SyncService & { start?(): void };

export type SyncFactory = (deps: { db: Db; vault: Vault; clock: Clock }) => RuntimeSync;

const NOT_YET = 'Syncing is not available in this build of Ferry yet; your contacts are safe and will sync once it is.';

/**
 * Stands in for the engine until it is plugged in below: contacts work, every
 * sync request is refused with one clear sentence (never silently ignored).
 */
export function unavailableSync(): RuntimeSync {
  const refuse = (): never => { throw new ServiceError('unavailable', NOT_YET); };
  return {
    connect: async () => refuse(),
    disconnect: async () => refuse(),
    reconnect: async () => refuse(),
    setMode: refuse,
    pause: refuse,
    resume: refuse,
    syncNow: async () => refuse(),
    dryRun: async () => refuse(),
    retryQuarantined: refuse,
    setOnline: () => undefined,
    on: <K extends keyof SyncEvents>(_event: K, _listener: (payload: SyncEvents[K]) => void) => () => undefined,
    stop: async () => undefined,
  };
}

/**
 * ENGINE PLUG-IN POINT: the one line that chooses the sync engine for the
 * desktop app and the web mode. Replace it with
 *   ({ db, vault, clock }) => createSyncEngine({ db, connectors: new ConnectorRegistry({ vault, oauth }), clock })
 * (imports: createSyncEngine from './sync/engine', ConnectorRegistry from './crm/registry';
 * `oauth` as CliContext builds it). tests/integration/runtime.test.ts already runs
 * that factory end to end: Sandbox HubSpot connects and Sync now pushes the demo card.
 */
export const defaultSyncFactory: SyncFactory = () => unavailableSync(); // ENGINE PLUG-IN
