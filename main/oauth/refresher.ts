import { z } from 'zod';
import {
  OAuthError,
  ReauthorizationRequiredError,
  resolveOAuthClient,
  type DisconnectResult,
  type OAuthClient,
  type OAuthConfig,
  isOAuthProviderId,
  type OAuthProviderId,
  type TokenManager,
  type TokenSet,
  type TokenStatus,
} from './index';
import { VaultError, type Vault } from '../secrets/index';
import type { Connection, ConnectionKind } from '../store/connections';
import { SyncError } from '../sync/connector';
import type { OAuthRefresher } from '../crm/registry';


/**
 * What an OAuth connection remembers about the app it signed in with (never a
 * secret). A refresh token is bound to the client that issued it and to that
 * installation's token endpoint, so these are kept per connection and win over
 * the global OAuth configuration, which may change later.
 */
const oauthClientRefSchema = z.object({
  clientId: z.string().min(1),
  authBaseUrl: z.string().url().optional(),
  apiBaseUrl: z.string().url().optional(),
  /** the directory the app signed in through (Microsoft): its refresh token is renewed there */
  tenant: z.string().min(1).optional(),
}).strict();
export type OAuthClientRef = z.infer<typeof oauthClientRefSchema>;

/** Config key under which a connection keeps its OAuthClientRef. */
export const OAUTH_CLIENT_CONFIG_KEY = 'oauthClient';

/** The OAuth provider of a destination kind (its descriptor's `oauth`), or null when it has none. */
export function providerFor(kind: ConnectionKind): OAuthProviderId | null {
  return isOAuthProviderId(kind) ? kind : null;
}

interface TokenRefresherOptions {
  manager: TokenManager;
  vault: Vault;
  /** Read lazily: a missing client id must only fail connections that use OAuth. */
  config: () => OAuthConfig;
  env?: NodeJS.ProcessEnv;
  /** Where a failed revocation is reported (the disconnect itself still succeeds). */
  log?: (line: string) => void;
}

/** Turns an OAuth or vault failure into the engine's terms; the sentence is kept, secrets never enter it. */
export function toSyncError(error: unknown): unknown {
  if (error instanceof SyncError) return error;
  if (error instanceof ReauthorizationRequiredError) return new SyncError('auth', error.message, { crmError: error.detail });
  if (error instanceof VaultError) return new SyncError('config', error.message, error.detail ? { crmError: error.detail } : {});
  if (error instanceof OAuthError) {
    const details = error.detail ? { crmError: error.detail } : {};
    if (error.kind === 'network') return new SyncError('network', error.message, details);
    if (error.kind === 'provider') return new SyncError('server', error.message, details);
    return new SyncError('config', error.message, details);
  }
  return error;
}

/**
 * OAuth for the connector registry, over TokenManager.
 *
 * Invariants:
 * - Every access token a connector uses comes from `accessToken`, so it is
 *   refreshed before it expires, and a rotated refresh token is stored first.
 * - After a 401, `refresh` replaces exactly the token this process handed out
 *   (a burst of 401s causes one refresh).
 * - A grant the CRM no longer accepts surfaces as SyncError('auth') with the
 *   reauthorization sentence: the engine pauses the connection as needs_reauth
 *   and keeps the outbox.
 */
export class TokenManagerRefresher implements OAuthRefresher {
  private readonly lastIssued = new Map<number, string>();

  constructor(private readonly options: TokenRefresherOptions) {}

  async accessToken(connection: Connection): Promise<string> {
    try {
      const token = await this.options.manager.accessToken(String(connection.id), await this.clientFor(connection));
      this.lastIssued.set(connection.id, token);
      return token;
    } catch (error) {
      throw toSyncError(error);
    }
  }

  async refresh(connection: Connection): Promise<boolean> {
    try {
      const rejected = this.lastIssued.get(connection.id) ?? '';
      const token = await this.options.manager.refreshAfterUnauthorized(String(connection.id), await this.clientFor(connection), rejected);
      this.lastIssued.set(connection.id, token);
      return token !== rejected;
    } catch (error) {
      // The grant is gone: the engine pauses the connection with its reauthorization sentence.
      if (error instanceof ReauthorizationRequiredError) return false;
      throw toSyncError(error);
    }
  }

  async revoke(connection: Connection): Promise<void> {
    this.lastIssued.delete(connection.id);
    let client: OAuthClient | undefined;
    try {
      client = await this.clientFor(connection);
    } catch (error) {
      // Without a client the CRM cannot be told, but the secrets must still go.
      if (!(error instanceof OAuthError)) throw error;
      this.options.log?.(`Ferry could not revoke its ${connection.label} sign-in (${error.message}); its tokens were deleted from this computer.`);
    }
    const result: DisconnectResult = await this.options.manager.revokeAndForget(String(connection.id), client);
    if (result.revocation === 'failed') {
      this.options.log?.(`${connection.label} did not confirm that Ferry's sign-in was revoked (${result.detail ?? 'no answer'}); its tokens were deleted from this computer. You can remove Ferry's access in ${connection.label}'s connected-apps settings.`);
    }
  }

  /** Token expiry and reauthorization need, for `ferry status` and the Integrations page. */
  status(connection: Connection): Promise<TokenStatus> {
    return this.options.manager.tokenStatus(String(connection.id));
  }

  private clientFor(connection: Connection): Promise<OAuthClient> {
    return connectionClient(connection, this.options.config(), this.options.vault, this.options.env ?? process.env);
  }
}

/**
 * The OAuth client a connection signed in with: the global configuration, with
 * the client id and endpoints the connection remembers taking precedence.
 * Throws OAuthError('configuration') when no client id or required secret is set.
 */
export function connectionClient(connection: Connection, global: OAuthConfig, vault: Vault, env: NodeJS.ProcessEnv): Promise<OAuthClient> {
  const provider = providerFor(connection.kind);
  if (!provider) throw new OAuthError('configuration', `${connection.label} does not sign in with OAuth.`);
  const stored = oauthClientRefSchema.safeParse(connection.config[OAUTH_CLIENT_CONFIG_KEY]);
  const config: OAuthConfig = stored.success
    ? { ...global, providers: { ...global.providers, [provider]: { ...global.providers[provider], ...stored.data } } }
    : global;
  // the connection's address is the resource its token is for (Dynamics 365's organisation)
  return resolveOAuthClient(config, provider, vault, env, connection.config.baseUrl);
}

/**
 * A completed sign-in as the vault entries `engine.connect({ secrets })` stores,
 * in the order saveTokenSet uses: the refresh token first (a rotation already
 * invalidated the old one), the expiry last (a crash in between only causes an
 * early refresh).
 */
export function tokenSecrets(tokens: TokenSet): Record<string, string> {
  const out: Record<string, string> = {};
  if (tokens.refreshToken) out.refresh_token = tokens.refreshToken;
  if (tokens.instanceUrl) out.instance_url = tokens.instanceUrl;
  if (tokens.idUrl) out.id_url = tokens.idUrl;
  if (tokens.scope) out.scope = tokens.scope;
  out.access_token = tokens.accessToken;
  if (tokens.expiresAt !== null) out.token_expires_at = String(tokens.expiresAt);
  return out;
}
