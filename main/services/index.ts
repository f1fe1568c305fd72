import type { AppInfo } from '../../preload/schemas/settings';
import type { Db } from '../store/db';
import type { SyncService } from '../sync/service-api';
import { createConfigTransfer } from './config-transfer';
import { createConnectionsService } from './connections-service';
import { createContactsService } from './contacts-service';
import { createEventHub } from './event-hub';
import { createOAuthConnectService } from './oauth-connect-service';
import { noSandboxes, systemClock, type Clock, type ContactFiles, type DeliveryTester, type OAuthSignInPort, type SandboxProvider, type SecretPresence } from './ports';
import { createSettingsService } from './settings-service';
import { createSyncLogService } from './sync-log-service';
import { createPolicyService } from './policy-service';
import { NO_POLICY, type PolicyPort } from '../admin-policy/index';
import { createMappingService } from '../mapping/mapping-service';
import { createPullService } from '../pull/pull-service';
import { createDuplicatesService } from '../duplicates/duplicates-service';
import type { RecordActionsSource } from '../duplicates/merge-service';

interface ServicesDeps {
  db: Db;
  dataDir: string;
  sync: SyncService;
  vault: SecretPresence;
  files: ContactFiles;
  clock?: Clock;
  sandboxes?: SandboxProvider;
  /** test deliveries for Zapier and webhooks; omitted: not offered */
  deliveryTests?: DeliveryTester;
  /** the browser sign-in ("Connect with HubSpot / Salesforce"); omitted: not offered */
  oauth?: OAuthSignInPort;
  host?: AppInfo['host'];
  version?: string;
  platform?: string;
  /** where a broken event listener is reported (never swallowed) */
  onError?: (error: unknown) => void;
  /** the admin's policy (main/policy); default: none */
  policy?: PolicyPort;
  /** CRM merges and erasures (main/crm/record-actions.ts); omitted: the user is told what to do in each CRM */
  recordActions?: RecordActionsSource;
}

/**
 * The app's service layer: what the IPC router, the web mode, the tray and the
 * CLI call. Engine events are re-published as contract events on `events`.
 */
export function createServices(deps: ServicesDeps) {
  const clock = deps.clock ?? systemClock;
  const onError = deps.onError ?? ((error: unknown) => { process.stderr.write(`ferry: an event listener failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`); });
  const events = createEventHub(onError);
  const { db, sync } = deps;

  const forwarding = [
    sync.on('progress', (p) => events.emit('syncProgress', p)),
    sync.on('pullProgress', (p) => events.emit('pullProgress', p)),
    sync.on('status', (s) => events.emit('connectionStatus', s)),
    sync.on('runFinished', (r) => events.emit('runFinished', r)),
  ];

  const policy = deps.policy ?? NO_POLICY;
  const connections = createConnectionsService({
    db, clock, sync, vault: deps.vault, sandboxes: deps.sandboxes ?? noSandboxes, onError, policy, ...(deps.deliveryTests ? { deliveryTests: deps.deliveryTests } : {}),
  });
  const oauth = createOAuthConnectService({ db, events, signIn: deps.oauth ?? null, view: connections.view, cardOf: connections.cardOf, policy });
  return {
    events,
    sync,
    contacts: createContactsService({ db, clock, events, files: deps.files }),
    connections,
    oauth,
    syncLog: createSyncLogService(db, clock),
    settings: createSettingsService({
      db,
      dataDir: deps.dataDir,
      sync,
      host: deps.host ?? 'web',
      version: deps.version ?? '0.0.0',
      platform: deps.platform ?? process.platform,
      policy,
    }),
    configTransfer: createConfigTransfer({ db, clock, sync, policy }),
    policy: createPolicyService({ db, clock, sync, policy }),
    mapping: createMappingService({ db, sync, policy, now: () => clock.now() }),
    pull: createPullService({ db, sync, now: () => clock.now() }),
    duplicates: createDuplicatesService({ db, clock, events, ...(deps.recordActions ? { recordActions: deps.recordActions } : {}) }),
    /** detaches from the engine; the caller owns db and engine and closes them */
    close(): void {
      for (const off of forwarding) off();
      oauth.close();
      connections.close();
    },
  };
}

export type Services = ReturnType<typeof createServices>;
