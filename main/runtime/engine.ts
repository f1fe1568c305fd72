import { ConnectorRegistry, type SandboxToken } from '../crm/registry';
import { TokenManagerRefresher } from '../oauth/refresher';
import { loadOAuthConfig, TokenManager } from '../oauth/index';
import { createSyncEngine } from '../sync/engine';
import type { Clock } from '../clock';
import type { Vault } from '../secrets/index';
import type { Db } from '../store/db';
import type { SyncService } from '../sync/service-api';
import type { Connection } from '../store/connections';
import type { TokenStatus } from '../oauth/index';
import { recordActionsFor } from '../crm/record-actions';
import type { RecordActionsSource } from '../duplicates/merge-service';

/**
 * The engine plus its scheduler switch (the real engine schedules only after
 * start()) and, for `ferry status`, what an OAuth connection's sign-in looks like.
 */
export type RuntimeSync = SyncService & {
  start?(): void;
  /** when an OAuth connection's access token expires, or that it needs a new sign-in */
  signInStatus?(connection: Connection): Promise<TokenStatus>;
  /** the CRM side of merges and forgets, through the engine's registry (same secrets, same OAuth refresher) */
  recordActions?: RecordActionsSource;
};

export type SyncFactory = (deps: {
  db: Db;
  vault: Vault;
  clock: Clock;
  dataDir: string;
  /** headless connections' tokens and OAuth client settings */
  env: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** what the data folder's sandboxes accept: this launch's token, or the one of the process serving a sandbox */
  sandboxToken?: SandboxToken;
}) => RuntimeSync;

/**
 * The sync engine of the desktop app and the web mode: connectors from the
 * registry, OAuth tokens through the token manager (refreshed before they
 * expire; client settings read only when an OAuth connection needs them).
 */
export const defaultSyncFactory: SyncFactory = ({ db, vault, clock, dataDir, env, log, sandboxToken }) => {
  const oauth = new TokenManagerRefresher({
    manager: new TokenManager({ vault, now: () => clock.now() }),
    vault,
    config: () => loadOAuthConfig({ dataDir, env }),
    env,
    ...(log ? { log } : {}),
  });
  const registry = new ConnectorRegistry({ vault, env, oauth, ...(sandboxToken ? { sandboxToken } : {}) });
  const engine = createSyncEngine({ db, connectors: registry, clock, ...(log ? { log } : {}) });
  return Object.assign(engine, {
    signInStatus: (connection: Connection) => oauth.status(connection),
    recordActions: (connection: Connection) => recordActionsFor(registry, connection),
  });
};
