import type { Db } from '../store/db';
import { openDatabase } from '../store/db';
import { getSettings } from '../store/settings';
import { defaultCard, type Card } from '../store/cards';
import { KeychainVault, type Vault } from '../secrets/index';
import { ConnectorRegistry } from '../crm/registry';
import { TokenManagerRefresher } from '../crm/oauth-refresher';
import { loadOAuthConfig, TokenManager, type OAuthConfig } from '../oauth/index';
import { createSyncEngine, type SyncEngine } from '../sync/engine';
import { applyPolicy, PolicyStore } from '../policy/index';
import { CRM_NAMES } from '../crm/registry';

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
  private policyStore: PolicyStore | undefined;

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
    this.connectors ??= new ConnectorRegistry({ vault: this.vault, env: this.env, oauth: this.oauth });
    return this.connectors;
  }

  /** The admin's policy for this data folder (main/policy): FERRY_POLICY_FILE or the OS's policy location, else an imported one. */
  get policy(): PolicyStore {
    this.policyStore ??= new PolicyStore(this.db, this.env);
    return this.policyStore;
  }

  /** The sync engine over this data folder (not scheduling unless a command starts it), with the admin's settings applied. */
  get engine(): SyncEngine {
    if (!this.syncEngine) {
      this.syncEngine = createSyncEngine({ db: this.db, connectors: this.registry });
      applyPolicy(this.db, this.syncEngine, this.policy.current(), (c) => CRM_NAMES[c.kind]);
    }
    return this.syncEngine;
  }

  region(): string {
    return getSettings(this.db).defaultPhoneRegion;
  }

  async closeAsync(): Promise<void> {
    await this.syncEngine?.stop();
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
