import { destination } from '../../destinations/index';
import { randomBytes } from 'node:crypto';
import type { Connection, ConnectionKind } from '../store/connections';
import { connectionSecretKeys, CREDENTIAL_SECRET_NAMES, secretKey, type ConnectionSecretName, type Vault } from '../secrets/index';
import { SyncError, type Connector } from '../sync/connector';
import type { ConnectorSource } from '../sync/engine';
import { connectionOrigin, endpointProblem } from '../policy/connection-endpoint';
import { connectorFactories, preloadDrivers } from './drivers';
import { withMapping } from '../mapping/mapped-connector';
import { recordActionsFor, type CrmRecordActions } from './record-actions';


/**
 * A fresh token for the in-app sandbox CRMs, one per process. The process that
 * starts the sandboxes hands the same value to its registry, in memory: it is
 * never stored, so a page in the browser (DNS rebinding) or another program
 * cannot guess it the way it could a fixed one.
 */
export function createSandboxToken(): string {
  return `ferry-sandbox-${randomBytes(24).toString('base64url')}`;
}

/** One token for every sandbox, or the token of whichever process serves each kind's sandbox. */
export type SandboxToken = string | ((kind: ConnectionKind) => Promise<string>);

/** How a connector reads its credentials: environment (headless), sandbox, or the vault. */
interface SecretAccess {
  /** the secret, or a SyncError the engine turns into a status and a sentence */
  require(name: ConnectionSecretName): Promise<string>;
  optional(name: ConnectionSecretName): Promise<string | null>;
  /**
   * The bearer token of an OAuth connection: through the OAuth refresher (refreshed
   * before expiry) when its tokens are in the vault; from the environment or the
   * sandbox like any other token otherwise, so those never touch the keychain.
   */
  oauthAccessToken(): Promise<string>;
  /** After a 401: replaces the rejected OAuth token; false when only a new sign-in helps (or the token is not OAuth). */
  oauthRefresh(): Promise<boolean>;
}

/** How a connection becomes a connector; drivers load their CRM's SDK on first use, so this may wait. */
export type ConnectorFactory = (connection: Connection, secrets: SecretAccess) => Connector | Promise<Connector>;

export interface OAuthRefresher {
  /** a valid access token; throws SyncError ('auth' when only a new sign-in helps) */
  accessToken(connection: Connection): Promise<string>;
  /** forces a token refresh for an OAuth connection; false when it cannot (no refresh token, revoked) */
  refresh(connection: Connection): Promise<boolean>;
  /** revokes the connection's token where the CRM offers it (best effort) */
  revoke(connection: Connection): Promise<void>;
}

interface RegistryOptions {
  vault: Vault;
  env?: NodeJS.ProcessEnv;
  oauth?: OAuthRefresher;
  factories?: Partial<Record<ConnectionKind, ConnectorFactory>>;
  /**
   * what sandbox connections send: one token, or per kind the token of the
   * process that serves the data folder's sandbox (main/sandbox/host); default a
   * fresh random one
   */
  sandboxToken?: SandboxToken;
}

/** Names of the secrets a token environment variable stands for. */
const TOKEN_NAMES = CREDENTIAL_SECRET_NAMES;

export class ConnectorRegistry implements ConnectorSource {
  private readonly vault: Vault;
  private readonly env: NodeJS.ProcessEnv;
  private readonly factories: Partial<Record<ConnectionKind, ConnectorFactory>>;
  /** what sandbox connections authenticate with; sandboxes they call must accept it */
  private readonly sandboxTokens: (kind: ConnectionKind) => Promise<string>;

  constructor(private readonly options: RegistryOptions) {
    this.vault = options.vault;
    this.env = options.env ?? process.env;
    this.factories = options.factories ?? connectorFactories;
    const token = options.sandboxToken ?? createSandboxToken();
    this.sandboxTokens = typeof token === 'string' ? async () => token : token;
  }

  displayName(connection: Connection): string {
    return destination(connection.kind).sentenceName;
  }

  /** Loads these destinations' drivers now (none when the registry was given its own factories). */
  async preload(kinds: ConnectionKind[]): Promise<void> {
    if (this.options.factories) return;
    await preloadDrivers(kinds);
  }

  async create(connection: Connection): Promise<Connector> {
    const factory = this.factories[connection.kind];
    if (!factory) throw new SyncError('config', `${destination(connection.kind).sentenceName} connections are not available in this version of Ferry.`);
    // Every address credentials go to passes the one endpoint policy, however it got into the connection.
    const problem = endpointProblem(connection.kind, connection.config.baseUrl);
    if (problem) throw new SyncError('config', problem);
    return withMapping(await factory(connection, this.secretsFor(connection)));
  }

  /** merges, erasures and removals of single records, through the same secrets as the connector */
  recordActions(connection: Connection): Promise<CrmRecordActions | null> {
    return recordActionsFor(this, connection);
  }

  secretsFor(connection: Connection): SecretAccess {
    const crm = destination(connection.kind).sentenceName;
    let bound: Promise<void> | undefined;
    // Checked once per connector: the connection's address cannot change under a live connector.
    const binding = (): Promise<void> => (bound ??= this.checkOriginBinding(connection).catch((error: unknown) => {
      bound = undefined; // a keychain that failed once is asked again next time
      throw error;
    }));
    const optional = async (name: ConnectionSecretName): Promise<string | null> => {
      const tokenEnv = connection.config.tokenEnv;
      if (tokenEnv && TOKEN_NAMES.includes(name)) {
        const value = this.env[tokenEnv];
        if (value) return value;
        throw new SyncError('config', `The environment variable ${tokenEnv}, which should hold the ${crm} credentials, is not set. Set it and try again.`);
      }
      if (connection.config.sandbox) {
        // a sandbox's "secrets" open nothing but a loopback test server
        if (name === 'access_token' || name === 'private_app_token' || name === 'webhook_secret') return this.sandboxTokens(connection.kind);
        if (name === 'hook_url' && connection.config.baseUrl) return connection.config.baseUrl;
      }
      await binding();
      try {
        return await this.vault.get(secretKey(String(connection.id), name));
      } catch (error) {
        throw new SyncError('config', error instanceof Error ? error.message : String(error));
      }
    };
    const require = async (name: ConnectionSecretName): Promise<string> => {
      const value = await optional(name);
      if (value) return value;
      throw new SyncError('auth', `Ferry has no ${crm} credentials for this connection. Reconnect ${crm} to resume syncing.`);
    };
    const oauth = this.vaultOAuth(connection);
    return {
      optional,
      require,
      oauthAccessToken: async () => {
        if (!oauth) return require('access_token');
        await binding();
        return oauth.accessToken(connection);
      },
      oauthRefresh: async () => (oauth ? oauth.refresh(connection) : false),
    };
  }

  /**
   * Each stored credential is bound to the origin (scheme, host, port) it was
   * given for. The first read after a connect records the connection's origin
   * beside the secrets in the vault (a connect always reads them to verify);
   * from then on a connection whose address no longer matches refuses to send
   * them, with a sentence. Disconnecting deletes the binding with the secrets.
   */
  private async checkOriginBinding(connection: Connection): Promise<void> {
    const origin = connectionOrigin(connection);
    if (origin === null) return;
    const crm = destination(connection.kind).sentenceName;
    const key = secretKey(String(connection.id), 'origin');
    let stored: string | null;
    try {
      stored = await this.vault.get(key);
      if (stored === null) {
        await this.vault.set(key, origin);
        return;
      }
    } catch (error) {
      throw new SyncError('config', error instanceof Error ? error.message : String(error));
    }
    if (stored !== origin) {
      throw new SyncError('config', `Ferry will not send your ${crm} credentials to ${origin}: they were given for ${stored}. If ${crm} really moved, disconnect it and connect it again.`);
    }
  }

  async refreshAuth(connection: Connection): Promise<boolean> {
    return (await this.vaultOAuth(connection)?.refresh(connection)) ?? false;
  }

  /** The refresher, for an OAuth connection whose tokens live in the vault (not env, not sandbox). */
  private vaultOAuth(connection: Connection): OAuthRefresher | undefined {
    if (connection.config.auth !== 'oauth' || connection.config.sandbox || connection.config.tokenEnv) return undefined;
    return this.options.oauth;
  }

  /** Whether this build has a connector for the kind (asked before a sign-in, so none is wasted). */
  supports(kind: ConnectionKind): boolean {
    return this.factories[kind] !== undefined;
  }

  async storeSecrets(connectionId: number, secrets: Record<string, string>): Promise<void> {
    for (const [name, value] of Object.entries(secrets)) {
      await this.vault.set(secretKey(String(connectionId), name as ConnectionSecretName), value);
    }
  }

  async forgetSecrets(connection: Connection): Promise<void> {
    // Sandbox and headless (environment) connections never stored anything in the keychain.
    if (connection.config.sandbox || connection.config.tokenEnv) return;
    // revoke() deletes the tokens before it tells the CRM; it throws only when the vault
    // failed, and then the user must learn that secrets may still be on the machine.
    const oauth = this.vaultOAuth(connection);
    if (oauth) await oauth.revoke(connection);
    for (const key of connectionSecretKeys(String(connection.id))) await this.vault.delete(key);
  }
}
