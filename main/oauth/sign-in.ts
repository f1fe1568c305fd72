import { destination, type CredentialField } from '../../destinations/index';
import { fieldProblem } from '../../destinations/credential-checks';
import { connectionClient, OAUTH_CLIENT_CONFIG_KEY, providerFor, tokenSecrets, type OAuthClientRef } from './refresher';
import { type ConnectorRegistry } from '../crm/registry';
import {
  createAuthorizer,
  DEFAULT_AUTHORIZATION_TIMEOUT_MS,
  resolveOAuthClient,
  type Authorizer,
  type OAuthClient,
  type OAuthConfig,
  type OAuthProviderId,
  type TokenManager,
  type TokenSet,
} from './index';
import type { Vault } from '../secrets/index';
import type { Connection, ConnectionKind, SyncMode } from '../store/connections';
import type { SyncService } from '../sync/service-api';
import { ServiceError } from '../services/errors';
import type { ContactFilter } from '../../preload/schemas/filter';
import type { MappingInput } from '../../preload/schemas/mapping';

/**
 * The browser sign-in that creates (or renews) an OAuth connection. One flow
 * for every host: the desktop app, the web mode and `ferry connect --oauth`;
 * only how the authorize page is shown (`openUrl`) differs.
 */

/** Where and how the browser sign-in runs; the same for connect and reconnect. */
export interface SignInOptions {
  /** Shows the authorize page (the app: shell.openExternal; the web mode: the page; the CLI: print it, open a browser). */
  openUrl: (url: string) => Promise<void>;
  /** Overrides the configured redirect port (which must match the app registered with the CRM). */
  redirectPort?: number;
  /** Where the browser goes (a Salesforce sandbox org, My Domain, or Ferry's sandbox CRM). */
  authBaseUrl?: string;
  /** Where token and revoke calls go. */
  apiBaseUrl?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface OAuthConnectDeps {
  engine: Pick<SyncService, 'connect' | 'reconnect'>;
  registry: Pick<ConnectorRegistry, 'supports'>;
  vault: Vault;
  tokens: Pick<TokenManager, 'storeTokens'>;
  config: OAuthConfig;
  env: NodeJS.ProcessEnv;
  /** One per process: a second concurrent sign-in is refused. */
  authorizer?: Authorizer;
  /** The clock token expiry is computed with; the same one TokenManager uses. */
  now?: () => number;
}

interface OAuthConnectRequest {
  cardId: number;
  kind: ConnectionKind;
  label?: string;
  mode?: SyncMode;
  intervalMinutes?: number;
  /** Salesforce: write Contacts or Leads */
  object?: 'Contact' | 'Lead';
  /** the CRM's API base (HubSpot's sandbox); Salesforce uses the instance URL the sign-in returns */
  baseUrl?: string;
  /**
   * The typed settings the destination asks with a sign-in (its descriptor's
   * `oauth.askWithSignIn`), by credential key: Dynamics 365's `orgUrl`, Mailchimp's `audience`
   */
  settings?: Partial<Record<string, string>>;
  /** the admin's filter and mapping for this CRM (checkConnect), stored before anything is sent */
  filter?: ContactFilter;
  mapping?: MappingInput;
  signIn: SignInOptions;
}

/**
 * The settings a sign-in needs from the rep (oauth.askWithSignIn), checked as
 * the typed form checks them, as the connection's config fields.
 */
export function signInSettings(kind: ConnectionKind, given: Partial<Record<string, string>> = {}): Partial<Record<CredentialSetting, string>> {
  const d = destination(kind);
  const asked = d.oauth?.askWithSignIn ?? [];
  const unknown = Object.keys(given).filter((key) => given[key] !== undefined && !(asked as readonly string[]).includes(key));
  if (unknown.length > 0) throw new ServiceError('invalid_input', `Signing in with ${d.sentenceName} does not take ${unknown.join(', ')}.`);
  const values: Record<string, string> = {};
  for (const key of asked) values[key] = given[key]?.trim() ?? '';
  const fields = d.credentials.filter((f) => (asked as readonly string[]).includes(f.key));
  const problem = fields.map((f) => fieldProblem(f, values[f.key])).find((p) => p !== null);
  if (problem) throw new ServiceError('invalid_input', problem);
  return Object.fromEntries(fields.flatMap((f) => (f.configField ? [[f.configField, values[f.key] ?? '']] : [])));
}

type CredentialSetting = NonNullable<CredentialField['configField']>;

/** The OAuth provider of a CRM kind; a kind without one cannot sign in through the browser. */
export function oauthProviderOf(kind: ConnectionKind): OAuthProviderId {
  const provider = providerFor(kind);
  if (!provider) throw new ServiceError('invalid_input', `${destination(kind).sentenceName} does not sign in through the browser; connect it with its token or address instead.`);
  return provider;
}

/** The endpoints the sign-in overrides, as the connection will remember them. */
function clientRef(client: OAuthClient, signIn: SignInOptions): OAuthClientRef {
  return {
    clientId: client.clientId,
    ...(client.endpoints.tenant !== undefined ? { tenant: client.endpoints.tenant } : {}),
    ...(signIn.authBaseUrl ? { authBaseUrl: signIn.authBaseUrl } : {}),
    ...(signIn.apiBaseUrl ? { apiBaseUrl: signIn.apiBaseUrl } : {}),
  };
}

function withOverrides(config: OAuthConfig, kind: ConnectionKind, signIn: SignInOptions): OAuthConfig {
  const provider = oauthProviderOf(kind);
  const overrides = { ...(signIn.authBaseUrl ? { authBaseUrl: signIn.authBaseUrl } : {}), ...(signIn.apiBaseUrl ? { apiBaseUrl: signIn.apiBaseUrl } : {}) };
  return { ...config, providers: { ...config.providers, [provider]: { ...config.providers[provider], ...overrides } } };
}

function signInWith(deps: OAuthConnectDeps, client: OAuthClient, signIn: SignInOptions): Promise<TokenSet> {
  return (deps.authorizer ?? createAuthorizer()).startAuthorization({
    client,
    redirectPort: signIn.redirectPort ?? deps.config.redirectPort,
    openUrl: signIn.openUrl,
    timeoutMs: signIn.timeoutMs ?? DEFAULT_AUTHORIZATION_TIMEOUT_MS,
    ...(signIn.signal ? { signal: signIn.signal } : {}),
    ...(deps.now ? { http: { now: deps.now } } : {}),
  });
}

/**
 * Connect through the browser: sign in, then create the connection with the
 * tokens in the vault and verify it with the CRM (engine.connect).
 */
export async function connectWithOAuth(deps: OAuthConnectDeps, request: OAuthConnectRequest): Promise<Connection> {
  const crm = destination(request.kind).sentenceName;
  // Asked first, so no one signs in to a CRM this build cannot sync.
  if (!deps.registry.supports(request.kind)) throw new ServiceError('unavailable', `${crm} connections are not available in this version of Ferry yet.`);
  const config = withOverrides(deps.config, request.kind, request.signIn);
  // asked before the browser opens: a sign-in for an organisation the rep mistyped helps no one
  const settings = signInSettings(request.kind, request.settings);
  const resource = settings.baseUrl ?? request.baseUrl;
  const client = await resolveOAuthClient(config, oauthProviderOf(request.kind), deps.vault, deps.env, resource);
  const tokens = await signInWith(deps, client, request.signIn);
  // a CRM that answers the sign-in with the account's own address (Salesforce's instance_url,
  // Zoho's and Pipedrive's api_domain, Mailchimp's api_endpoint) is used there; a token built for
  // one resource (Dynamics 365's organisation) is used only there
  const baseUrl = tokens.instanceUrl ?? resource;
  const objectField = destination(request.kind).credentials.find((f) => f.configField === 'object');
  return deps.engine.connect({
    cardId: request.cardId,
    kind: request.kind,
    ...(request.label ? { label: request.label } : {}),
    mode: request.mode ?? 'manual',
    ...(request.intervalMinutes ? { intervalMinutes: request.intervalMinutes } : {}),
    config: {
      auth: 'oauth',
      ...settings,
      ...(baseUrl ? { baseUrl } : {}),
      ...(objectField ? { object: request.object ?? (objectField.choices?.[0]?.value as typeof request.object) } : {}),
      // refreshes and revocation go where the code was redeemed (Zoho's Multi DC accounts-server)
      [OAUTH_CLIENT_CONFIG_KEY]: { ...clientRef(client, request.signIn), ...(tokens.tokenServer ? { apiBaseUrl: tokens.tokenServer } : {}) },
    },
    secrets: tokenSecrets(tokens),
    ...(request.filter ? { filter: request.filter } : {}),
    ...(request.mapping ? { mapping: request.mapping } : {}),
  });
}

/**
 * Sign in again for a connection that needs reauthorization (or whose grant was
 * revoked). The new tokens replace the old ones and clear the reauthorization
 * mark before engine.reconnect verifies them; the outbox then resumes where it stopped.
 */
export async function reconnectWithOAuth(deps: OAuthConnectDeps, connection: Connection, signIn: SignInOptions): Promise<Connection> {
  const client = await connectionClient(connection, withOverrides(deps.config, connection.kind, signIn), deps.vault, deps.env);
  const tokens = await signInWith(deps, client, signIn);
  await deps.tokens.storeTokens(String(connection.id), tokens);
  return deps.engine.reconnect(connection.id);
}

/** Whether the connection's tokens live in the vault and come from a browser sign-in. */
export function usesVaultOAuth(connection: Connection): boolean {
  return connection.config.auth === 'oauth' && !connection.config.sandbox && !connection.config.tokenEnv;
}
