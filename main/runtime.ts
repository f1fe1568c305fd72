import { createSandboxToken } from './crm/registry';
import { InMemoryVault } from './secrets/memory-vault';
import { KeychainVault, type Vault } from './secrets/index';
import { createServices, type Services } from './services/index';
import type { ContactFiles, SandboxProvider } from './services/ports';
import { systemClock, type Clock } from './sync/clock';
import { startAttentionMonitor } from './shell/attention-monitor';
import { getConnection } from './store/connections';
import { openDatabase, type Db } from './store/db';
import { seedDemoContacts } from './store/demo-seed';
import type { SyncService } from './sync/service-api';
import { importContactFiles, inProcessSandboxes, oauthSignIn, vaultPresence } from './runtime-adapters';
import { defaultSyncFactory, type SyncFactory } from './runtime-engine';
import { ensureFirstRun, type DemoSeeder } from './runtime-first-run';
import { PolicyStore } from './policy/index';

export interface RuntimeOptions {
  dataDir: string;
  host: 'desktop' | 'web';
  version?: string;
  /** the engine's clock (now + sleep); services use its now() */
  clock?: Clock;
  /** default: the OS keychain */
  vault?: Vault | 'memory';
  /** default: the engine chosen in runtime-engine.ts */
  createSync?: SyncFactory;
  files?: ContactFiles;
  /** default: the in-process sandboxes */
  sandboxes?: SandboxProvider;
  /** the token the in-process sandboxes accept; default a fresh random one per launch (never stored) */
  sandboxToken?: string;
  /** default true: automatic and scheduled syncs run in this process (off for one-shot commands) */
  scheduler?: boolean;
  /** default true: seed the demo card on the first run of a data folder */
  firstRun?: boolean;
  seedDemo?: DemoSeeder;
  /**
   * shows an OAuth authorize page in the system browser (the desktop app's
   * shell.openExternal); omitted in the web mode, where the page opens it
   */
  openExternal?: (url: string) => Promise<void>;
  /** where OAuth client ids come from besides oauth-clients.json (default process.env) */
  env?: NodeJS.ProcessEnv;
  /** how long a browser sign-in may take (default 5 minutes) */
  oauthTimeoutMs?: number;
  onError?: (error: unknown) => void;
}

export interface Runtime {
  db: Db;
  services: Services;
  sync: SyncService;
  dataDir: string;
  /** stops the scheduler (a run in flight finishes its batch), the sandboxes, the vault helper, then the database */
  close(): Promise<void>;
}

const reportToStderr = (error: unknown): void => {
  process.stderr.write(`ferry: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
};

/**
 * The composition root shared by the desktop app and the web mode: database,
 * vault, engine, services, attention monitor and scheduler, in that order,
 * and closed in reverse.
 */
export async function startRuntime(o: RuntimeOptions): Promise<Runtime> {
  const clock = o.clock ?? systemClock;
  const onError = o.onError ?? reportToStderr;
  const db = openDatabase(o.dataDir);
  const vault: Vault = o.vault === 'memory' ? new InMemoryVault() : o.vault ?? new KeychainVault();
  // One random token per launch, handed in memory to the sandboxes and to the connectors that call them.
  const sandboxToken = o.sandboxToken ?? createSandboxToken();
  const sandboxes = o.sandboxes ?? inProcessSandboxes(sandboxToken);
  const sync = (o.createSync ?? defaultSyncFactory)({ db, vault, clock, dataDir: o.dataDir, sandboxToken });
  try {
    if (o.firstRun ?? true) ensureFirstRun(db, o.seedDemo ?? seedDemoContacts, clock.now());
    const services = createServices({
      db,
      dataDir: o.dataDir,
      sync,
      vault: vaultPresence(vault, clock),
      files: o.files ?? importContactFiles,
      clock,
      sandboxes,
      oauth: oauthSignIn({
        sync,
        vault,
        clock,
        dataDir: o.dataDir,
        env: o.env ?? process.env,
        openExternal: o.openExternal ?? null,
        ...(o.oauthTimeoutMs !== undefined ? { timeoutMs: o.oauthTimeoutMs } : {}),
      }),
      host: o.host,
      version: o.version ?? '0.0.0',
      onError,
      policy: new PolicyStore(db, o.env ?? process.env),
    });
    // the admin's settings are this data folder's before anything syncs
    services.policy.apply();
    const stopMonitor = startAttentionMonitor({ sync, events: services.events, labelOf: (id) => getConnection(db, id)?.label ?? `Connection ${id}` });
    if (o.scheduler ?? true) sync.start?.();
    let closing: Promise<void> | undefined;
    return {
      db,
      services,
      sync,
      dataDir: o.dataDir,
      close: () => (closing ??= (async () => {
        stopMonitor();
        services.close();
        await sync.stop();
        await sandboxes.close();
        if (vault instanceof KeychainVault) vault.close();
        db.close();
      })()),
    };
  } catch (error) {
    await sync.stop();
    db.close();
    throw error;
  }
}
