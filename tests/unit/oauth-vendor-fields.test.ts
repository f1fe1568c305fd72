import { describe, expect, it } from 'vitest';
import { buildAuthorizeUrl } from '../../main/oauth/authorize';
import { loadOAuthConfig, resolveOAuthClient, scopesFor } from '../../main/oauth/client-config';
import { oauthProvider, resolveEndpoints } from '../../main/oauth/providers';
import { toTokenSet } from '../../main/oauth/token-response';
import { redirectMatches } from '../../main/sandbox/dynamics/oauth-routes';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startOAuthConnectInputSchema } from '../../preload/schemas/oauth';
import { tempDir } from '../support/temp-dir';

describe('Dynamics 365 through the Microsoft identity platform', () => {
  it('signs in at login.microsoftonline.com/organizations unless the installation names its tenant', () => {
    const byDefault = resolveEndpoints(oauthProvider('dynamics'));
    expect(byDefault.authorizeUrl).toBe('https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize');
    expect(byDefault.tokenUrl).toBe('https://login.microsoftonline.com/organizations/oauth2/v2.0/token');
    expect(byDefault.revokeUrl('rt')).toBeNull();
    const own = resolveEndpoints(oauthProvider('dynamics'), { tenant: 'contoso.onmicrosoft.com' });
    expect(own.tokenUrl).toBe('https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token');
  });

  it('refuses a tenant that is not one path segment', () => {
    for (const tenant of ['../common', 'contoso.com/x', 'a?b=c', '']) {
      expect(() => resolveEndpoints(oauthProvider('dynamics'), { tenant })).toThrow(/tenant must be your directory/);
    }
  });

  it('asks for the organisation the rep named as the resource, with offline_access for a refresh token', () => {
    const provider = oauthProvider('dynamics');
    expect(scopesFor(provider, {}, 'https://contoso.crm4.dynamics.com/')).toEqual(['https://contoso.crm4.dynamics.com/user_impersonation', 'offline_access']);
    expect(() => scopesFor(provider, {}, undefined)).toThrow(/needs the address of the Dynamics 365 environment/);
    expect(() => scopesFor(provider, {}, 'https://contoso.crm.dynamics.com.evil.example')).toThrow(/must be one of Dynamics 365's own addresses/);
  });

  it('reads the tenant from FERRY_DYNAMICS_TENANT and sends no client secret (a public client)', async () => {
    const config = loadOAuthConfig({ dataDir: tempDir(), env: { FERRY_DYNAMICS_CLIENT_ID: 'app-id', FERRY_DYNAMICS_TENANT: 'contoso.onmicrosoft.com' } });
    const client = await resolveOAuthClient(config, 'dynamics', new InMemoryVault(), {}, 'https://contoso.crm.dynamics.com');
    expect(client.clientSecret).toBeUndefined();
    expect(client.endpoints.tenant).toBe('contoso.onmicrosoft.com');
    const url = new URL(buildAuthorizeUrl(client, { redirectUri: 'http://localhost:50123/oauth/callback', state: 's', codeChallenge: 'c' }));
    expect(url.searchParams.get('scope')).toBe('https://contoso.crm.dynamics.com/user_impersonation offline_access');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  });

  it('the sandbox matches a loopback redirect URI on any port, but not another path or host (reply-url, "Localhost exceptions")', () => {
    expect(redirectMatches('http://localhost/oauth/callback', 'http://localhost:50123/oauth/callback')).toBe(true);
    expect(redirectMatches('http://localhost/oauth/callback', 'http://localhost:50123/other')).toBe(false);
    expect(redirectMatches('http://localhost/oauth/callback', 'http://127.0.0.1:50123/oauth/callback')).toBe(false);
    expect(redirectMatches('https://app.example/cb', 'https://app.example:8443/cb')).toBe(false);
  });
});

describe('Pipedrive and Mailchimp', () => {
  it('names no scope in the authorize address when the provider takes none', async () => {
    for (const id of ['pipedrive', 'mailchimp'] as const) {
      const config = loadOAuthConfig({ dataDir: tempDir(), env: { [`FERRY_${id.toUpperCase()}_CLIENT_ID`]: 'app', [`FERRY_${id.toUpperCase()}_CLIENT_SECRET`]: 'secret' } });
      const client = await resolveOAuthClient(config, id, new InMemoryVault(), { [`FERRY_${id.toUpperCase()}_CLIENT_SECRET`]: 'secret' });
      const url = new URL(buildAuthorizeUrl(client, { redirectUri: 'http://localhost:1/oauth/callback', state: 's', codeChallenge: 'c' }));
      expect(url.searchParams.has('scope')).toBe(false);
    }
  });

  it('reads Mailchimp\'s never-expiring token answer (expires_in 0, scope null) as a token with no expiry', () => {
    expect(toTokenSet({ access_token: 'tok', expires_in: 0, scope: null }, 1_000)).toEqual({ accessToken: 'tok', refreshToken: undefined, expiresAt: null });
    expect(toTokenSet({ access_token: 'tok', expires_in: 3599, api_domain: 'https://acme.pipedrive.com' }, 1_000)).toMatchObject({ expiresAt: 3_600_000, instanceUrl: 'https://acme.pipedrive.com' });
  });
});

describe('the sign-in contract', () => {
  it('carries only the settings a destination asks with its sign-in, never a secret', () => {
    expect(startOAuthConnectInputSchema.safeParse({ kind: 'dynamics', settings: { orgUrl: 'https://contoso.crm.dynamics.com' } }).success).toBe(true);
    expect(startOAuthConnectInputSchema.safeParse({ kind: 'mailchimp', settings: { audience: 'a1b2c3d4e5' } }).success).toBe(true);
    expect(startOAuthConnectInputSchema.safeParse({ kind: 'dynamics', settings: { token: 'eyJ…' } }).success).toBe(false);
    expect(startOAuthConnectInputSchema.safeParse({ kind: 'hubspot', settings: { orgUrl: 'https://contoso.crm.dynamics.com' } }).success).toBe(false);
    expect(startOAuthConnectInputSchema.safeParse({ kind: 'dynamics', settings: { password: 'x' } }).success).toBe(false);
  });
});
