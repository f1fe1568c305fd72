import type { Connection, ConnectionKind } from '../store/connections';
import { connectionSecretKeys, secretKey, type ConnectionSecretName, type Vault } from '../secrets/index';
import { SyncError, type Connector } from '../sync/connector';
import type { ConnectorSource } from '../sync/engine';
import { connectorFactories } from './factories';

export const CRM_NAMES: Record<ConnectionKind, string> = {
  hubspot: 'HubSpot',
  salesforce: 'Salesforce',
  zapier: 'Zapier',
  webhook: 'your webhook',
};

/**
 * A sandbox connection talks to Ferry's own local CRM server, which accepts
 * this fixed token. It is not a secret: it opens nothing but a loopback test server.
 */
export const SANDBOX_TOKEN = 'ferry-sandbox-token';

/** How a connector reads its credentials: environment (headless), sandbox, or the vault. */
export interface SecretAccess {
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

export type ConnectorFactory = (connection: Connection, secrets: SecretAccess) => Connector;

export interface OAuthRefresher {
  /** a valid access token; throws SyncError ('auth' when only a new sign-in helps) */
  accessToken(connection: Connection): Promise<string>;
  /** forces a token refresh for an OAuth connection; false when it cannot (no refresh token, revoked) */
  refresh(connection: Connection): Promise<boolean>;
  /** revokes the connection's token where the CRM offers it (best effort) */
  revoke(connection: Connection): Promise<void>;
}

export interface RegistryOptions {
  vault: Vault;
  env?: NodeJS.ProcessEnv;
  oauth?: OAuthRefresher;
  factories?: Partial<Record<ConnectionKind, ConnectorFactory>>;
}

/** Names of the secrets a token environment variable stands for. */
const TOKEN_NAMES: readonly ConnectionSecretName[] = ['access_token', 'private_app_token', 'hook_url', 'webhook_secret'];

export class ConnectorRegistry implements ConnectorSource {
  private readonly vault: Vault;
  private readonly env: NodeJS.ProcessEnv;
  private readonly factories: Partial<Record<ConnectionKind, ConnectorFactory>>;

  constructor(private readonly options: RegistryOptions) {
    this.vault = options.vault;
    this.env = options.env ?? process.env;
    this.factories = options.factories ?? connectorFactories;
  }

  displayName(connection: Connection): string {
    return CRM_NAMES[connection.kind];
  }

  create(connection: Connection): Connector {
    const factory = this.factories[connection.kind];
    if (!factory) throw new SyncError('config', `${CRM_NAMES[connection.kind]} connections are not available in this version of Ferry.`);
    return factory(connection, this.secretsFor(connection));
  }

  secretsFor(connection: Connection): SecretAccess {
    const crm = CRM_NAMES[connection.kind];
    const optional = async (name: ConnectionSecretName): Promise<string | null> => {
      const tokenEnv = connection.config.tokenEnv;
      if (tokenEnv && TOKEN_NAMES.includes(name)) {
        const value = this.env[tokenEnv];
        if (value) return value;
        throw new SyncError('config', `The environment variable ${tokenEnv}, which should hold the ${crm} credentials, is not set. Set it and sync again.`);
      }
      if (connection.config.sandbox) {
        // a sandbox's "secrets" open nothing but a loopback test server
        if (name === 'access_token' || name === 'private_app_token' || name === 'webhook_secret') return SANDBOX_TOKEN;
        if (name === 'hook_url' && connection.config.baseUrl) return connection.config.baseUrl;
      }
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
      oauthAccessToken: () => (oauth ? oauth.accessToken(connection) : require('access_token')),
      oauthRefresh: async () => (oauth ? oauth.refresh(connection) : false),
    };
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
