import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAuthorizeUrl, clientFor } from '../../main/oauth/authorize';
import { clientSecretKey, DEFAULT_REDIRECT_PORT, loadOAuthConfig, OAUTH_CONFIG_FILE, resolveOAuthClient } from '../../main/oauth/client-config';
import { createPkcePair, createState, s256 } from '../../main/oauth/pkce';
import { oauthProvider, resolveEndpoints } from '../../main/oauth/providers';
import { toTokenSet } from '../../main/oauth/token-response';
import { InMemoryVault } from '../../main/secrets/memory-vault';

describe('PKCE', () => {
  it('matches the RFC 7636 S256 example', () => {
    expect(s256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes verifiers of 43–128 unreserved characters and unguessable states', () => {
    const pair = createPkcePair();
    expect(pair.verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    expect(pair.challenge).toBe(s256(pair.verifier));
    expect(createState()).not.toBe(createState());
  });
});

describe('providers', () => {
  it('declares the vendor endpoints', () => {
    const hs = resolveEndpoints(oauthProvider('hubspot'));
    expect(hs.authorizeUrl).toBe('https://app.hubspot.com/oauth/authorize');
    expect(hs.tokenUrl).toBe('https://api.hubapi.com/oauth/v1/token');
    expect(hs.revokeUrl('rt/1')).toEqual({ url: 'https://api.hubapi.com/oauth/v1/refresh-tokens/rt%2F1', method: 'DELETE' });
    const sf = resolveEndpoints(oauthProvider('salesforce'));
    expect(sf.authorizeUrl).toBe('https://login.salesforce.com/services/oauth2/authorize');
    expect(sf.tokenUrl).toBe('https://login.salesforce.com/services/oauth2/token');
    expect(sf.revokeUrl('rt')?.url).toBe('https://login.salesforce.com/services/oauth2/revoke');
  });

  it('sends a Salesforce sandbox org to its own host for every endpoint', () => {
    const sf = resolveEndpoints(oauthProvider('salesforce'), { authBaseUrl: 'https://test.salesforce.com/' });
    expect(sf.authorizeUrl).toBe('https://test.salesforce.com/services/oauth2/authorize');
    expect(sf.tokenUrl).toBe('https://test.salesforce.com/services/oauth2/token');
  });

  it('builds the authorize URL with PKCE, state and the provider extras', () => {
    const client = clientFor({ provider: 'salesforce', clientId: 'sf id' });
    const url = new URL(buildAuthorizeUrl(client, { redirectUri: 'http://127.0.0.1:47615/oauth/callback', state: 'st', codeChallenge: 'ch' }));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'sf id',
      redirect_uri: 'http://127.0.0.1:47615/oauth/callback',
      scope: 'api refresh_token offline_access',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
      prompt: 'login consent',
    });
  });

  it('refuses to start HubSpot without a client secret', () => {
    expect(() => clientFor({ provider: 'hubspot', clientId: 'x' })).toThrow(/no HubSpot client secret/);
  });
});

describe('token responses', () => {
  it('reads HubSpot and Salesforce shapes', () => {
    expect(toTokenSet({ access_token: 'a', refresh_token: 'r', expires_in: 1800, token_type: 'bearer' }, 1000)).toEqual({
      accessToken: 'a',
      refreshToken: 'r',
      expiresAt: 1000 + 1_800_000,
    });
    const sf = toTokenSet(
      { access_token: 'a', instance_url: 'https://x.my.salesforce.com', id: 'https://login.salesforce.com/id/00D/005', issued_at: '1', signature: 's', scope: 'api' },
      0,
    );
    expect(sf).toEqual({ accessToken: 'a', refreshToken: undefined, expiresAt: null, instanceUrl: 'https://x.my.salesforce.com', idUrl: 'https://login.salesforce.com/id/00D/005', scope: 'api' });
  });

  it('rejects a response without an access token', () => {
    expect(() => toTokenSet({ refresh_token: 'r' }, 0)).toThrow();
  });
});

describe('client configuration', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-oauth-config-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads ids from the data folder file and lets the environment override them', () => {
    const dir = dataDir();
    fs.writeFileSync(path.join(dir, OAUTH_CONFIG_FILE), JSON.stringify({ redirectPort: 50123, hubspot: { clientId: 'file-id' }, salesforce: { clientId: 'sf-file' } }));
    const config = loadOAuthConfig({ dataDir: dir, env: { FERRY_HUBSPOT_CLIENT_ID: 'env-id', FERRY_SALESFORCE_LOGIN_URL: 'https://test.salesforce.com' } });
    expect(config.redirectPort).toBe(50123);
    expect(config.providers.hubspot?.clientId).toBe('env-id');
    expect(config.providers.salesforce).toEqual({ clientId: 'sf-file', authBaseUrl: 'https://test.salesforce.com' });
  });

  it('defaults to a fixed port when nothing is configured', () => {
    expect(loadOAuthConfig({ dataDir: dataDir(), env: {} }).redirectPort).toBe(DEFAULT_REDIRECT_PORT);
  });

  it('refuses a config file that holds a client secret', () => {
    const dir = dataDir();
    fs.writeFileSync(path.join(dir, OAUTH_CONFIG_FILE), JSON.stringify({ hubspot: { clientId: 'id', clientSecret: 'nope' } }));
    expect(() => loadOAuthConfig({ dataDir: dir, env: {} })).toThrow(/contains a client secret/);
  });

  it('takes the client secret from the environment, else from the vault', async () => {
    const config = loadOAuthConfig({ dataDir: dataDir(), env: { FERRY_HUBSPOT_CLIENT_ID: 'id' } });
    const vault = new InMemoryVault({ [clientSecretKey('hubspot')]: 'vault-secret' });
    expect((await resolveOAuthClient(config, 'hubspot', vault, {})).clientSecret).toBe('vault-secret');
    expect((await resolveOAuthClient(config, 'hubspot', vault, { FERRY_HUBSPOT_CLIENT_SECRET: 'env-secret' })).clientSecret).toBe('env-secret');
    await expect(resolveOAuthClient(config, 'salesforce', vault, {})).rejects.toThrow(/FERRY_SALESFORCE_CLIENT_ID/);
  });
});
