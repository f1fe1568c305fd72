import { createSandboxToken } from '../crm/registry';
import { InMemoryVault } from '../secrets/memory-vault';
import { KeychainVault, type Vault } from '../secrets/index';
import { createServices, type Services } from '../services/index';
import type { ContactFiles, SandboxProvider } from '../services/ports';
import { systemClock, type Clock } from '../clock';
import { startAttentionMonitor } from '../shell/attention-monitor';
import { getConnection } from '../store/connections';
import { openDatabase, type Db } from '../store/db';
import { seedDemoContacts } from '../store/demo-seed';
import type { OAuthConnectDeps } from '../oauth/sign-in';
import { importContactFiles, oauthSignIn, vaultPresence } from './adapters';
import { hostedSandboxes, reattachSandboxConnections } from './sandboxes';
import { createSandboxHost } from '../sandbox/host/sandbox-host';
import { defaultSyncFactory, type RuntimeSync, type SyncFactory } from './engine';
import { deliveryTester } from './delivery-test';
import { ensureFirstRun, type DemoSeeder } from './first-run';
import { PolicyStore } from '../admin-policy/index';

interface RuntimeOptions {
  dataDir: string;
  /** who runs it: the desktop app, the web mode, or a `ferry` command */
  host: 'desktop' | 'web' | 'cli';
  version?: string;
  /** the engine's clock (now + sleep); services use its now() */
  clock?: Clock;
  /** default: the OS keychain (its helper process starts on the first read) */
  vault?: Vault | 'memory';
  /** default: the engine chosen in runtime/engine.ts */
  createSync?: SyncFactory;
  files?: ContactFiles;
  /** default: the data folder's sandboxes (main/sandbox/host) */
  sandboxes?: SandboxProvider;
  /** the token the sandboxes served here accept; default a fresh random one per launch (never stored in the vault) */
  sandboxToken?: string;
  /** default true: automatic and scheduled syncs run in this process (off for one-shot commands) */
  scheduler?: boolean;
  /**
   * default true: sandbox connections get their sandboxes back at start. A
   * one-shot command that does not sync leaves them alone (attachSandboxes()
   * when it needs them).
   */
  attachSandboxes?: boolean;
  /** default true: seed the demo card on the first run of a data folder */
  firstRun?: boolean;
  seedDemo?: DemoSeeder;
  /**
   * shows an OAuth authorize page in the system browser (the desktop app's
   * shell.openExternal); omitted in the web mode, where the page opens it
   */
  openExternal?: (url: string) => Promise<void>;
  /** tokens of headless connections and OAuth client ids besides oauth-clients.json (default process.env) */
  env?: NodeJS.ProcessEnv;
  /** how long a browser sign-in may take (default 5 minutes) */
  oauthTimeoutMs?: number;
  onError?: (error: unknown) => void;
}

export interface Runtime {
  db: Db;
  services: Services;
  sync: RuntimeSync;
  dataDir: string;
  /** sandbox connections get their sandboxes (served here, or by the Ferry process serving them) */
  attachSandboxes(): Promise<void>;
  /** the browser sign-in's wiring, for hosts that drive a sign-in themselves (the CLI prints the address) */
  oauthDeps(): OAuthConnectDeps;
  /** stops the scheduler (a run in flight finishes its batch), the sandboxes, the vault helper, then the database */
  close(): Promise<void>;
}

const reportToStderr = (error: unknown): void => {
  process.stderr.write(`ferry: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
};

/**
 * The one composition root of the desktop app, the web mode and every `ferry`
 * command: database, vault, sandboxes, engine, services, attention monitor and
 * scheduler, in that order, and closed in reverse. Whatever a service does
 * (checks, events, normalisation) it does for every host alike.
 */
export async function startRuntime(o: RuntimeOptions): Promise<Runtime> {
  const clock = o.clock ?? systemClock;
  const onError = o.onError ?? reportToStderr;
  const env = o.env ?? process.env;
  const db = openDatabase(o.dataDir);
  const vault: Vault = o.vault === 'memory' ? new InMemoryVault() : o.vault ?? new KeychainVault();
  // One random token per launch, handed in memory to the sandboxes served here and to the connectors that call them.
  const sandboxToken = o.sandboxToken ?? createSandboxToken();
  // The data folder's sandboxes: served here, or by the Ferry process already serving them.
  const host = o.sandboxes ? undefined : createSandboxHost({ dataDir: o.dataDir, token: sandboxToken });
  const sandboxes = o.sandboxes ?? hostedSandboxes(host!);
  const sync = (o.createSync ?? defaultSyncFactory)({
    db, vault, clock, dataDir: o.dataDir, env,
    sandboxToken: host ? async (kind) => (await host.endpoint(kind)).token : sandboxToken,
  });
  const attachSandboxes = async (): Promise<void> => {
    if (host) await reattachSandboxConnections(db, host, () => clock.now());
  };
  try {
    if (o.attachSandboxes ?? true) await attachSandboxes();
    if (o.firstRun ?? true) ensureFirstRun(db, o.seedDemo ?? seedDemoContacts, clock.now());
    const signIn = oauthSignIn({
      sync,
      vault,
      clock,
      dataDir: o.dataDir,
      env,
      openExternal: o.openExternal ?? null,
      ...(o.oauthTimeoutMs !== undefined ? { timeoutMs: o.oauthTimeoutMs } : {}),
    });
    const services = createServices({
      db,
      dataDir: o.dataDir,
      sync,
      vault: vaultPresence(vault, clock),
      files: o.files ?? importContactFiles,
      clock,
      sandboxes,
      deliveryTests: deliveryTester(vault, sandboxToken, o.env ?? process.env),
      oauth: signIn,
      host: o.host,
      version: o.version ?? '0.0.0',
      onError,
      policy: new PolicyStore(db, o.env ?? process.env),
      ...(sync.recordActions ? { recordActions: sync.recordActions } : {}),
    });
    // the admin's settings are this data folder's before anything syncs
    services.policy.apply();
    const stopMonitor = o.host === 'cli' ? () => undefined : startAttentionMonitor({ sync, events: services.events, labelOf: (id) => getConnection(db, id)?.label ?? `Connection ${id}` });
    if (o.scheduler ?? true) sync.start?.();
    let closing: Promise<void> | undefined;
    return {
      db,
      services,
      sync,
      dataDir: o.dataDir,
      attachSandboxes,
      oauthDeps: () => signIn.deps(),
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
    await sandboxes.close();
    db.close();
    throw error;
  }
}
