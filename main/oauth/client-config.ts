import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Vault } from '../secrets/vault';
import { OAuthError } from './errors';
import { checkEndpoint } from '../policy/endpoint-policy';
import { oauthBaseProblem, oauthProvider, PROVIDERS, resolveEndpoints, type BaseOverrides, type OAuthProvider, type OAuthProviderId } from './providers';
import type { OAuthClient } from './token-client';

/**
 * Where client ids come from. Each company registers its own HubSpot app or
 * Salesforce External Client App, so nothing is baked in.
 *
 * Sources, later wins:
 * 1. `<data folder>/oauth-clients.json` — ids, base URLs, scopes, redirect port.
 *    Safe to export to reps; it must never hold a client secret (rejected on load).
 * 2. Environment: FERRY_OAUTH_REDIRECT_PORT, FERRY_<PROVIDER>_CLIENT_ID,
 *    FERRY_<PROVIDER>_AUTH_BASE_URL, FERRY_<PROVIDER>_API_BASE_URL,
 *    FERRY_<PROVIDER>_TENANT (Dynamics 365: the app's directory)
 *    (FERRY_SALESFORCE_LOGIN_URL is an alias for the auth base).
 * Client secrets come from FERRY_<PROVIDER>_CLIENT_SECRET or the vault entry
 * `oauth-client:<provider>:client_secret` — never from a file.
 */
export const OAUTH_CONFIG_FILE = 'oauth-clients.json';
/** Fixed so the redirect URI registered with HubSpot (port included) stays valid. */
export const DEFAULT_REDIRECT_PORT = 47615;

const providerSettingsSchema = z
  .object({
    clientId: z.string().min(1).optional(),
    authBaseUrl: z.string().url().optional(),
    apiBaseUrl: z.string().url().optional(),
    scopes: z.array(z.string().min(1)).min(1).optional(),
    /** the directory the app is registered in, for a provider whose paths name one (Dynamics 365: a tenant id or domain) */
    tenant: z.string().min(1).max(255).optional(),
  })
  .strict();

/** The file names one section per destination that signs in through the browser. */
const fileSchema = z
  .object({
    redirectPort: z.number().int().min(1024).max(65535).optional(),
    ...Object.fromEntries(Object.keys(PROVIDERS).map((id) => [id, providerSettingsSchema.optional()])),
  })
  .strict();

export type ProviderSettings = z.infer<typeof providerSettingsSchema>;

export interface OAuthConfig {
  redirectPort: number;
  /** per destination that signs in through the browser */
  providers: Partial<Record<OAuthProviderId, ProviderSettings>>;
}

export function clientSecretKey(provider: OAuthProviderId): string {
  return `oauth-client:${provider}:client_secret`;
}

function readConfigFile(file: string): z.infer<typeof fileSchema> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new OAuthError('configuration', `${file} is not valid JSON. Fix or delete it and try again.`);
  }
  if (/client_?secret/i.test(text)) {
    throw new OAuthError(
      'configuration',
      `${file} contains a client secret. Ferry keeps secrets only in the system keychain or environment variables: remove it from the file and set FERRY_HUBSPOT_CLIENT_SECRET (or store it in the keychain from Ferry's settings).`,
    );
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OAuthError('configuration', `${file} has an invalid setting${issue ? ` at ${issue.path.join('.') || '(top)'}: ${issue.message}` : ''}.`);
  }
  const data = parsed.data as z.infer<typeof fileSchema> & Partial<Record<OAuthProviderId, ProviderSettings>>;
  assertBasesAllowed(data, file);
  return data;
}

/**
 * An admin's file (or the environment) may point a provider at a Salesforce
 * sandbox org, a My Domain or Ferry's local sandbox, but never at a
 * `javascript:`, `file:` or `smb:` address, plain http to another machine, or
 * a host that is not the provider's: the authorize address is opened in the
 * browser and the token address receives codes, refresh tokens and secrets.
 */
function assertBasesAllowed(settings: Partial<Record<OAuthProviderId, ProviderSettings | undefined>>, source: string): void {
  for (const id of Object.keys(PROVIDERS) as OAuthProviderId[]) {
    const provider = oauthProvider(id);
    const s = settings[id];
    const problem = (s?.authBaseUrl ? oauthBaseProblem(provider, s.authBaseUrl, 'sign-in') : null) ?? (s?.apiBaseUrl ? oauthBaseProblem(provider, s.apiBaseUrl, 'token') : null);
    if (problem) throw new OAuthError('configuration', `${source}: ${problem}`);
  }
}

export function loadOAuthConfig(options: { dataDir: string; env?: NodeJS.ProcessEnv }): OAuthConfig {
  const env = options.env ?? process.env;
  const file = readConfigFile(path.join(options.dataDir, OAUTH_CONFIG_FILE));
  const fromEnv = (id: OAuthProviderId): ProviderSettings => {
    const prefix = `FERRY_${id.toUpperCase()}_`;
    const pick = (...names: string[]) => names.map((n) => env[n]).find((v) => v !== undefined && v !== '');
    const settings: ProviderSettings = {};
    const clientId = pick(`${prefix}CLIENT_ID`);
    const authBaseUrl = pick(`${prefix}AUTH_BASE_URL`, `${prefix}LOGIN_URL`);
    const apiBaseUrl = pick(`${prefix}API_BASE_URL`);
    const tenant = pick(`${prefix}TENANT`);
    if (tenant) settings.tenant = tenant;
    if (clientId) settings.clientId = clientId;
    if (authBaseUrl) settings.authBaseUrl = authBaseUrl;
    if (apiBaseUrl) settings.apiBaseUrl = apiBaseUrl;
    return providerSettingsSchema.parse(settings);
  };
  const portText = env.FERRY_OAUTH_REDIRECT_PORT;
  const port = portText ? Number(portText) : (file.redirectPort ?? DEFAULT_REDIRECT_PORT);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    throw new OAuthError('configuration', `FERRY_OAUTH_REDIRECT_PORT must be a port number between 1024 and 65535 (got ${portText}).`);
  }
  const ids = Object.keys(PROVIDERS) as OAuthProviderId[];
  const fromEnvironment = Object.fromEntries(ids.map((id) => [id, fromEnv(id)])) as Partial<Record<OAuthProviderId, ProviderSettings>>;
  assertBasesAllowed(fromEnvironment, 'The environment (FERRY_<CRM>_AUTH_BASE_URL / _API_BASE_URL)');
  const fromFile = file as Partial<Record<OAuthProviderId, ProviderSettings | undefined>>;
  return {
    redirectPort: port,
    providers: Object.fromEntries(ids.map((id) => [id, { ...fromFile[id], ...fromEnvironment[id] }])),
  };
}

/**
 * The scopes a sign-in asks for: those built from the connection's API base
 * (the resource, e.g. a Dataverse organisation) first, then the configured or
 * default ones. A provider whose scopes name the resource needs that address.
 */
export function scopesFor(provider: OAuthProvider, settings: ProviderSettings, apiBase: string | undefined): readonly string[] {
  const configured = settings.scopes ?? provider.defaultScopes;
  if (!provider.scopesFromApiBase) return configured;
  if (!apiBase) {
    throw new OAuthError('configuration', `Signing in with ${provider.displayName} needs the address of the ${provider.displayName} environment first, because the sign-in is for that environment only.`);
  }
  const check = checkEndpoint(apiBase, { what: `${provider.displayName} address`, vendor: provider.id });
  if (!check.ok) throw new OAuthError('configuration', check.reason);
  const fromBase = provider.scopesFromApiBase.map((template) => template.replaceAll('{origin}', check.url.origin));
  return [...fromBase, ...configured.filter((s) => !fromBase.includes(s))];
}

/** The client to use for one provider, with its secret from the environment or the vault. */
export async function resolveOAuthClient(
  config: OAuthConfig,
  providerId: OAuthProviderId,
  vault: Vault,
  env: NodeJS.ProcessEnv = process.env,
  /** the connection's API base, for a provider whose scopes are built from it (scopesFromApiBase) */
  apiBase?: string,
): Promise<OAuthClient> {
  const provider = oauthProvider(providerId);
  const settings = config.providers[providerId] ?? {};
  if (!settings.clientId) {
    throw new OAuthError(
      'configuration',
      `Ferry has no ${provider.displayName} client id. Set FERRY_${providerId.toUpperCase()}_CLIENT_ID or add it to ${OAUTH_CONFIG_FILE} in Ferry's data folder (see the README, "Connect ${provider.displayName}").`,
    );
  }
  const envSecret = env[`FERRY_${providerId.toUpperCase()}_CLIENT_SECRET`];
  const clientSecret = envSecret ? envSecret : await vault.get(clientSecretKey(providerId));
  if (provider.requiresClientSecret && !clientSecret) {
    throw new OAuthError(
      'configuration',
      `Ferry has no ${provider.displayName} client secret. Set FERRY_${providerId.toUpperCase()}_CLIENT_SECRET or store it in the system keychain from Ferry's settings.`,
    );
  }
  const overrides: BaseOverrides = {};
  if (settings.authBaseUrl) overrides.authBaseUrl = settings.authBaseUrl;
  if (settings.apiBaseUrl) overrides.apiBaseUrl = settings.apiBaseUrl;
  if (settings.tenant) overrides.tenant = settings.tenant;
  return {
    provider,
    endpoints: resolveEndpoints(provider, overrides),
    clientId: settings.clientId,
    ...(clientSecret ? { clientSecret } : {}),
    scopes: scopesFor(provider, settings, apiBase),
  };
}
