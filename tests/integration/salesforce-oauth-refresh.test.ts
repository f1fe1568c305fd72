/**
 * External Client Apps tick "Require secret for Refresh Token Flow" by default; a
 * public client (Ferry, PKCE, no secret) then signs in fine and fails every refresh
 * with invalid_client. Ferry's sentence names the checkbox.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { OAuthError } from '../../main/oauth/errors';
import { oauthProvider, resolveEndpoints } from '../../main/oauth/providers';
import { exchangeCode, refreshTokens, type OAuthClient } from '../../main/oauth/token-client';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../main/sandbox/salesforce';

let sandbox: SalesforceSandbox | undefined;
afterEach(async () => { await sandbox?.close(); sandbox = undefined; });

async function signIn(requireSecretForRefresh?: boolean): Promise<{ client: OAuthClient; refreshToken: string }> {
  sandbox = await startSalesforceSandbox();
  const redirectUri = 'http://127.0.0.1:47615/oauth/callback';
  sandbox.admin.registerConnectedApp({ clientId: 'ferry', redirectUri, ...(requireSecretForRefresh === undefined ? {} : { requireSecretForRefresh }) });
  const verifier = randomBytes(48).toString('base64url');
  const authorize = new URL(`${sandbox.url}/services/oauth2/authorize`);
  for (const [k, v] of Object.entries({ response_type: 'code', client_id: 'ferry', redirect_uri: redirectUri, scope: 'api refresh_token offline_access', code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256' })) authorize.searchParams.set(k, v);
  const code = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location') ?? '').searchParams.get('code') ?? '';
  const client: OAuthClient = { provider: oauthProvider('salesforce'), endpoints: resolveEndpoints(oauthProvider('salesforce'), { authBaseUrl: sandbox.url }), clientId: 'ferry', scopes: oauthProvider('salesforce').defaultScopes };
  const tokens = await exchangeCode(client, { code, codeVerifier: verifier, redirectUri });
  return { client, refreshToken: tokens.refreshToken ?? '' };
}

describe('Salesforce refresh and "Require secret for Refresh Token Flow"', () => {
  it('with the default setting, the refresh fails and Ferry names the checkbox to untick', async () => {
    const { client, refreshToken } = await signIn();
    const error = await refreshTokens(client, refreshToken).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthError);
    expect((error as OAuthError).message).toContain('Require secret for Refresh Token Flow');
  });

  it('with the setting unticked, the refresh works', async () => {
    const { client, refreshToken } = await signIn(false);
    const tokens = await refreshTokens(client, refreshToken);
    expect(tokens.accessToken).toBeTruthy();
  });
});
