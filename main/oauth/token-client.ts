import { z } from 'zod';
import { checkEndpoint } from '../policy/endpoint-policy';
import { redact } from '../secrets/redact';
import { OAuthError, ReauthorizationRequiredError } from './errors';
import type { OAuthEndpoints, OAuthProvider } from './providers';
import { tokenErrorSchema, toTokenSet, type TokenSet } from './token-response';

/** Everything needed to talk to one provider's token endpoints for one installation. */
export interface OAuthClient {
  provider: OAuthProvider;
  endpoints: OAuthEndpoints;
  clientId: string;
  /** Confidential clients only (HubSpot); Salesforce public clients send none. */
  clientSecret?: string;
  scopes: readonly string[];
}

export interface HttpOptions {
  fetch?: typeof fetch;
  /** Per request; a provider that does not answer in time is a network error. */
  timeoutMs?: number;
  now?: () => number;
  signal?: AbortSignal;
}

const DEFAULT_HTTP_TIMEOUT_MS = 20_000;

/** Provider error codes that mean the grant itself is gone. */
const GRANT_GONE = new Set(['invalid_grant', 'BAD_REFRESH_TOKEN', 'inactive_user', 'inactive_org', 'EXPIRED_REFRESH_TOKEN', 'invalid_code']);

function requestSignal(options: HttpOptions): AbortSignal {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS);
  return options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
}

async function send(url: string, init: RequestInit, client: OAuthClient, options: HttpOptions, secrets: string[]): Promise<Response> {
  const doFetch = options.fetch ?? fetch;
  try {
    return await doFetch(url, { ...init, signal: requestSignal(options) });
  } catch (error) {
    if (options.signal?.aborted) throw new OAuthError('cancelled', `Connecting to ${client.provider.displayName} was cancelled.`);
    const reason = error instanceof Error && error.name === 'TimeoutError' ? 'did not answer in time' : 'could not be reached';
    throw new OAuthError(
      'network',
      `${client.provider.displayName} ${reason}. Check your internet connection and try again.`,
      redact(error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : String(error), secrets),
    );
  }
}

/** HTTP Basic with the client's id and secret, each form-encoded first (RFC 6749 §2.3.1); for `clientAuth: 'basic'`. */
function basicAuthorization(client: OAuthClient): Record<string, string> {
  if (client.provider.clientAuth !== 'basic' || !client.clientSecret) return {};
  const encode = (v: string): string => encodeURIComponent(v).replace(/%20/g, '+');
  return { authorization: `Basic ${Buffer.from(`${encode(client.clientId)}:${encode(client.clientSecret)}`).toString('base64')}` };
}

async function postTokenForm(client: OAuthClient, form: URLSearchParams, options: HttpOptions): Promise<TokenSet> {
  const now = options.now ?? Date.now;
  const secrets = [...form.values(), ...(client.clientSecret ? [client.clientSecret] : [])]
    .filter((v) => v !== form.get('grant_type') && v !== form.get('redirect_uri') && v !== form.get('scope'));
  const response = await send(
    client.endpoints.tokenUrl,
    { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...basicAuthorization(client) }, body: form },
    client,
    options,
    secrets,
  );
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON; handled below
  }
  const name = client.provider.displayName;
  // Zoho answers a refused grant with HTTP 200 and `{ "error": "invalid_code" }` (its OAuth
  // pages, access-refresh.html): an `error` without an access token is a refusal whatever the status
  const refusedIn200 = response.ok && typeof body === 'object' && body !== null && 'error' in body && !('access_token' in body);
  if (!response.ok || refusedIn200) {
    const parsed = tokenErrorSchema.safeParse(body);
    const code = parsed.success ? (parsed.data.error ?? parsed.data.status ?? '') : '';
    const description = parsed.success ? (parsed.data.error_description ?? parsed.data.message ?? '') : text.slice(0, 300);
    const detail = redact(`HTTP ${response.status} ${code}: ${description}`.trim(), secrets);
    if (GRANT_GONE.has(code)) throw new ReauthorizationRequiredError(name, detail);
    if (code === 'invalid_client' || code === 'unauthorized_client' || code === 'BAD_CLIENT_ID' || code === 'BAD_CLIENT_SECRET') {
      throw new OAuthError('configuration', `${name} rejected Ferry's client id or secret. Check the ${name} app settings in Ferry's OAuth configuration.`, detail);
    }
    if (code === 'BAD_REDIRECT_URI' || code === 'redirect_uri_mismatch') {
      throw new OAuthError('configuration', `${name} rejected the redirect address. The app registered with ${name} must list exactly the redirect URL Ferry uses (port included).`, detail);
    }
    throw new OAuthError('provider', `${name} refused to issue a token (HTTP ${response.status}). Try again in a moment.`, detail);
  }
  let tokens: TokenSet;
  try {
    tokens = toTokenSet(body, now());
  } catch (error) {
    throw new OAuthError('provider', `${name} sent a token response Ferry could not read.`, redact(String(error), secrets));
  }
  // Salesforce (instance_url), Zoho and Pipedrive (api_domain) name the account's API host in the
  // answer; every later call sends the access token there.
  if (tokens.instanceUrl !== undefined) assertAccountAddress(client, tokens.instanceUrl);
  return tokens;
}

/** An address the provider named for the account must be one of its own hosts (or loopback), else the sign-in is not kept. */
function assertAccountAddress(client: OAuthClient, address: string): void {
  const check = checkEndpoint(address, { what: `${client.provider.displayName} instance address in the sign-in answer`, vendor: client.provider.id });
  if (!check.ok) throw new OAuthError('provider', `${check.reason} Ferry did not keep this sign-in.`);
}

/** client_id (and a secret) in the form, unless the client proves itself with HTTP Basic. */
function clientFields(client: OAuthClient): Record<string, string> {
  if (client.provider.clientAuth === 'basic' && client.clientSecret) return {};
  return client.clientSecret ? { client_id: client.clientId, client_secret: client.clientSecret } : { client_id: client.clientId };
}

const accountLookupSchema = z.record(z.string(), z.unknown());

/**
 * The account's API base from the provider's look-up (Mailchimp's metadata:
 * `api_endpoint`, the data centre), checked like a token answer's address.
 * A token the look-up refuses is a sign-in that did not work.
 */
async function lookUpAccount(client: OAuthClient, tokens: TokenSet, options: HttpOptions): Promise<TokenSet> {
  const lookup = client.provider.accountLookup;
  const url = client.endpoints.lookupUrl;
  if (!lookup || !url) return tokens;
  const name = client.provider.displayName;
  const response = await send(url, { method: 'GET', headers: { authorization: `${lookup.authScheme} ${tokens.accessToken}`, accept: 'application/json' } }, client, options, [tokens.accessToken]);
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const parsed = accountLookupSchema.safeParse(body);
  const value = parsed.success ? parsed.data[lookup.field] : undefined;
  if (!response.ok || typeof value !== 'string' || value === '') {
    const detail = redact(`HTTP ${response.status}: ${text.slice(0, 300)}`, [tokens.accessToken]);
    throw new OAuthError('provider', `${name} did not say which ${name} account this sign-in belongs to (HTTP ${response.status}). Try connecting again.`, detail);
  }
  const address = `${value.replace(/\/+$/, '')}${lookup.apiPath}`;
  assertAccountAddress(client, address);
  return { ...tokens, instanceUrl: address };
}

/** A rejected code is not a lost grant: the user simply signs in again. */
export async function exchangeCode(
  client: OAuthClient,
  grant: { code: string; codeVerifier: string; redirectUri: string },
  options: HttpOptions = {},
): Promise<TokenSet> {
  try {
    return await exchange(client, grant, options);
  } catch (error) {
    // the client was refused although the browser sign-in worked: the app's registration (see signInClientRejectedHint)
    const hint = client.provider.signInClientRejectedHint;
    if (hint && error instanceof OAuthError && error.kind === 'configuration' && /\binvalid_client\b/.test(error.detail ?? '')) throw new OAuthError('configuration', hint, error.detail);
    if (!(error instanceof ReauthorizationRequiredError)) throw error;
    const name = client.provider.displayName;
    throw new OAuthError('provider', `${name} did not accept the sign-in (the code expired or was already used). Start connecting again.`, error.detail);
  }
}

async function exchange(
  client: OAuthClient,
  grant: { code: string; codeVerifier: string; redirectUri: string },
  options: HttpOptions,
): Promise<TokenSet> {
  const tokens = await postTokenForm(
    client,
    new URLSearchParams({
      grant_type: 'authorization_code',
      code: grant.code,
      redirect_uri: grant.redirectUri,
      code_verifier: grant.codeVerifier,
      ...clientFields(client),
    }),
    options,
  );
  return lookUpAccount(client, tokens, options);
}

/** Throws ReauthorizationRequiredError when the refresh token is no longer valid. */
export async function refreshTokens(client: OAuthClient, refreshToken: string, options: HttpOptions = {}): Promise<TokenSet> {
  const scope: Record<string, string> = client.provider.refreshSendsScope && client.scopes.length > 0 ? { scope: client.scopes.join(' ') } : {};
  try {
    return await postTokenForm(client, new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, ...scope, ...clientFields(client) }), options);
  } catch (error) {
    // sign-in worked but the refresh is refused as a client problem: the app's refresh setting (see providers.ts)
    const hint = client.provider.refreshClientRejectedHint;
    if (hint && error instanceof OAuthError && error.kind === 'configuration' && /\binvalid_client\b/.test(error.detail ?? '')) throw new OAuthError('configuration', hint, error.detail);
    throw error;
  }
}

/**
 * Revokes a refresh token (and with it the grant). 'unsupported' when the
 * provider offers no revocation. A token the provider no longer knows counts as
 * revoked: the goal state is reached.
 */
export async function revokeRefreshToken(client: OAuthClient, refreshToken: string, options: HttpOptions = {}): Promise<'revoked' | 'unsupported'> {
  const target = client.endpoints.revokeUrl(refreshToken);
  if (!target) return 'unsupported';
  const init: RequestInit = { method: target.method, headers: { accept: 'application/json', ...basicAuthorization(client) } };
  if (target.body) {
    init.body = target.body;
    init.headers = { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', ...basicAuthorization(client) };
  }
  const response = await send(target.url, init, client, options, [refreshToken, ...(client.clientSecret ? [client.clientSecret] : [])]);
  await response.arrayBuffer();
  if (response.ok || response.status === 400 || response.status === 404) return 'revoked';
  throw new OAuthError('provider', `${client.provider.displayName} did not confirm the revocation (HTTP ${response.status}).`);
}
