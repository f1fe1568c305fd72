import type { Db } from '../store/db';
import { openDatabase } from '../store/db';
import { getSettings } from '../store/settings';
import { defaultCard, type Card } from '../store/cards';
import { KeychainVault, type Vault } from '../secrets/index';
import { ConnectorRegistry, createSandboxToken } from '../crm/registry';
import { createSandboxHost, type SandboxHost } from '../sandbox/host/sandbox-host';
import { TokenManagerRefresher } from '../crm/oauth-refresher';
import { loadOAuthConfig, TokenManager, type OAuthConfig } from '../oauth/index';
import { createSyncEngine, type SyncEngine } from '../sync/engine';

/** Thrown for a mistake in how a command was called: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface Output {
  /** human text on stdout (suppressed with --json) */
  info(line: string): void;
  /** the machine-readable result of a command (printed only with --json) */
  result(value: unknown): void;
  /** progress and warnings on stderr */
  warn(line: string): void;
}

export interface CliGlobals {
  dataDir: string;
  json: boolean;
}

/**
 * What every command gets: where the data lives, how to print, and a lazily
 * opened database that is closed when the command ends.
 */
export class CliContext {
  private database: Db | undefined;
  private keychain: KeychainVault | undefined;
  private syncEngine: SyncEngine | undefined;
  private connectors: ConnectorRegistry | undefined;
  private refresher: TokenManagerRefresher | undefined;
  private tokens: TokenManager | undefined;
  private sandboxHost: SandboxHost | undefined;

  constructor(readonly globals: CliGlobals, readonly out: Output, readonly env: NodeJS.ProcessEnv = process.env) {}

  get db(): Db {
    this.database ??= openDatabase(this.globals.dataDir);
    return this.database;
  }

  card(): Card {
    return defaultCard(this.db);
  }

  /** The OS keychain, opened on first use (headless runs with tokens in env never touch it). */
  get vault(): Vault {
    const lazy = (): KeychainVault => (this.keychain ??= new KeychainVault());
    return {
      get: (key) => lazy().get(key),
      set: (key, value) => lazy().set(key, value),
      delete: (key) => lazy().delete(key),
    };
  }

  /** OAuth client settings (oauth-clients.json in the data folder, then FERRY_* variables), read when first needed. */
  oauthConfig(): OAuthConfig {
    return loadOAuthConfig({ dataDir: this.globals.dataDir, env: this.env });
  }

  /** Hands out and refreshes OAuth tokens; touches the keychain only when an OAuth connection asks. */
  get tokenManager(): TokenManager {
    this.tokens ??= new TokenManager({ vault: this.vault });
    return this.tokens;
  }

  get oauth(): TokenManagerRefresher {
    this.refresher ??= new TokenManagerRefresher({
      manager: this.tokenManager,
      vault: this.vault,
      config: () => this.oauthConfig(),
      env: this.env,
      log: (line) => this.out.warn(line),
    });
    return this.refresher;
  }

  /** One registry per command, so the engine and the OAuth commands share the refresher's state. */
  get registry(): ConnectorRegistry {
    this.connectors ??= new ConnectorRegistry({
      vault: this.vault, env: this.env, oauth: this.oauth,
      sandboxToken: async (kind) => (await this.sandboxes.endpoint(kind)).token,
    });
    return this.connectors;
  }

  /** The data folder's sandbox CRMs: the ones another Ferry process serves, else started here for the command. */
  get sandboxes(): SandboxHost {
    this.sandboxHost ??= createSandboxHost({ dataDir: this.globals.dataDir, token: createSandboxToken() });
    return this.sandboxHost;
  }

  /** The sync engine over this data folder (not scheduling unless a command starts it). */
  get engine(): SyncEngine {
    this.syncEngine ??= createSyncEngine({ db: this.db, connectors: this.registry });
    return this.syncEngine;
  }

  region(): string {
    return getSettings(this.db).defaultPhoneRegion;
  }

  async closeAsync(): Promise<void> {
    await this.syncEngine?.stop();
    await this.sandboxHost?.close();
    this.keychain?.close();
    this.close();
  }

  close(): void {
    this.database?.close();
    this.database = undefined;
  }
}

export function consoleOutput(json: boolean): Output {
  return {
    info: (line) => { if (!json) process.stdout.write(`${line}\n`); },
    result: (value) => { if (json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`); },
    warn: (line) => { process.stderr.write(`${line}\n`); },
  };
}
