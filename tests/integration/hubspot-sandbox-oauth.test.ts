import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiError, rawFetch, startHarness, type Harness } from './hubspot-sandbox-helpers';

let h: Harness;
const redirectUri = 'http://localhost:53682/oauth/callback';
const clientId = 'ferry-desktop';

beforeEach(async () => {
  h = await startHarness();
  h.sandbox.admin.registerOAuthApp({ clientId, clientSecret: 'shh', redirectUri, scopes: ['crm.objects.contacts.read', 'crm.objects.contacts.write'] });
});
afterEach(async () => { await h.sandbox.close(); });

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function authorize(params: Record<string, string>): Promise<Response> {
  return rawFetch(h.sandbox, `/oauth/authorize?${new URLSearchParams(params).toString()}`);
}

async function codeFor(challenge: string, state = 'st-1'): Promise<string> {
  const res = await authorize({ client_id: clientId, redirect_uri: redirectUri, scope: 'crm.objects.contacts.read crm.objects.contacts.write', state, code_challenge: challenge, code_challenge_method: 'S256' });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location') ?? '');
  expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
  expect(location.searchParams.get('state')).toBe(state);
  return location.searchParams.get('code') ?? '';
}

async function tokenRequest(form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await rawFetch(h.sandbox, '/oauth/v1/token', {
    method: 'POST', body: new URLSearchParams({ client_id: clientId, client_secret: 'shh', ...form }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  return { status: res.status, body: await res.json() as Record<string, unknown> };
}

describe('OAuth redirect URIs (HubSpot changelog 2018-03-05: http only for localhost)', () => {
  it('refuses to register or authorize a plain-http redirect to 127.0.0.1, and accepts localhost and https', async () => {
    expect(() => h.sandbox.admin.registerOAuthApp({ clientId: 'ip-app', redirectUri: 'http://127.0.0.1:47615/oauth/callback' })).toThrow(/localhost/);
    const viaHttp = await rawFetch(h.sandbox, '/__sandbox/oauth-apps', { method: 'POST', body: JSON.stringify({ clientId: 'ip-app', redirectUri: 'http://127.0.0.1:47615/oauth/callback' }) });
    expect(viaHttp.status).toBe(400);
    h.sandbox.admin.registerOAuthApp({ clientId: 'https-app', redirectUri: 'https://ferry.example/oauth/callback' });
    const { challenge } = pkce();
    const ip = await authorize({ client_id: clientId, redirect_uri: 'http://127.0.0.1:53682/oauth/callback', scope: 'crm.objects.contacts.read', code_challenge: challenge, code_challenge_method: 'S256' });
    expect(ip.status).toBe(400);
    expect(ip.headers.get('location')).toBeNull();
    expect(await ip.text()).toContain('localhost');
  });
});

describe('OAuth', () => {
  it('runs authorize → token with PKCE; the access token works and expires; refresh issues a new one', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);
    const token = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier });
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ token_type: 'bearer', expires_in: 1800 });
    const access = String(token.body.access_token);
    const refresh = String(token.body.refresh_token);

    await h.clientWith(access).crm.contacts.batchApi.upsert({ inputs: [{ id: 'o@example.com', idProperty: 'email', properties: {} }] });
    h.clock.advance(1_800_000);
    const expired = await apiError(h.clientWith(access).crm.contacts.basicApi.getById('1'));
    expect(expired.body.category).toBe('EXPIRED_AUTHENTICATION');

    const refreshed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: refresh });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).toBe(refresh);
    const contact = await h.clientWith(String(refreshed.body.access_token)).crm.contacts.basicApi.getById('o@example.com', undefined, undefined, undefined, false, 'email');
    expect(contact.properties.email).toBe('o@example.com');

    // A code is single-use.
    expect((await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier })).body.status).toBe('BAD_AUTH_CODE');
  });

  it('rejects a wrong code_verifier and a wrong redirect_uri', async () => {
    const { challenge } = pkce();
    const code = await codeFor(challenge);
    const wrong = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: pkce().verifier });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ status: 'BAD_AUTH_CODE', error: 'invalid_grant' });

    const otherPort = await authorize({ client_id: clientId, redirect_uri: 'http://localhost:53683/oauth/callback', scope: 'crm.objects.contacts.read', code_challenge: challenge, code_challenge_method: 'S256' });
    expect(otherPort.status).toBe(400);
    expect(otherPort.headers.get('location')).toBeNull();
    const unknownClient = await authorize({ client_id: 'nobody', redirect_uri: redirectUri, scope: 'crm.objects.contacts.read' });
    expect(unknownClient.status).toBe(400);
    const plain = await authorize({ client_id: clientId, redirect_uri: redirectUri, scope: 'crm.objects.contacts.read', code_challenge: 'abc', code_challenge_method: 'plain', state: 's' });
    expect(new URL(plain.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_request');
    const scope = await authorize({ client_id: clientId, redirect_uri: redirectUri, scope: 'crm.schemas.contacts.write' });
    expect(new URL(scope.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_scope');

    const code2 = await codeFor(challenge);
    const mismatch = await tokenRequest({ grant_type: 'authorization_code', code: code2, redirect_uri: 'http://127.0.0.1:1/x', code_verifier: 'x' });
    expect(mismatch.body.status).toBe('BAD_REDIRECT_URI');
    const badSecret = await tokenRequest({ grant_type: 'refresh_token', refresh_token: 'x', client_secret: 'wrong' });
    expect(badSecret.body.status).toBe('BAD_CLIENT_SECRET');
  });

  it('revokes a refresh token: refresh fails with invalid_grant and its access tokens stop working', async () => {
    const { verifier, challenge } = pkce();
    const token = await tokenRequest({ grant_type: 'authorization_code', code: await codeFor(challenge), redirect_uri: redirectUri, code_verifier: verifier });
    const refresh = String(token.body.refresh_token);
    await h.client.oauth.refreshTokensApi.archive(refresh);
    const again = await tokenRequest({ grant_type: 'refresh_token', refresh_token: refresh });
    expect(again.body).toMatchObject({ status: 'BAD_REFRESH_TOKEN', error: 'invalid_grant' });
    const err = await apiError(h.clientWith(String(token.body.access_token)).crm.contacts.basicApi.getById('1'));
    expect(err.code).toBe(401);
  });
});

describe('OAuth consent and code binding', () => {
  it('plays a user who declines: access_denied and the state back to the redirect URI, no code; reset approves again', async () => {
    const set = await rawFetch(h.sandbox, '/__sandbox/oauth-consent', { method: 'PUT', body: JSON.stringify({ decision: 'deny' }) });
    expect(set.status).toBe(200);
    const { challenge } = pkce();
    const denied = await authorize({ client_id: clientId, redirect_uri: redirectUri, scope: 'crm.objects.contacts.read', state: 'st-9', code_challenge: challenge, code_challenge_method: 'S256' });
    expect(denied.status).toBe(302);
    const back = new URL(denied.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(Object.fromEntries(back.searchParams)).toEqual({ error: 'access_denied', state: 'st-9' });
    // a request the consent page would never be shown for still fails on its own merits
    const badScope = await authorize({ client_id: clientId, redirect_uri: redirectUri, scope: 'crm.schemas.contacts.write' });
    expect(new URL(badScope.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_scope');
    expect((await rawFetch(h.sandbox, '/__sandbox/oauth-consent', { method: 'PUT', body: JSON.stringify({ decision: 'maybe' }) })).status).toBe(400);
    h.sandbox.admin.reset();
    expect(await codeFor(challenge)).toMatch(/^sandbox-code-/);
  });

  it('binds a code to the app it was issued to: another app cannot redeem it, and it is spent by the attempt', async () => {
    h.sandbox.admin.registerOAuthApp({ clientId: 'other-app', clientSecret: 'other', redirectUri, scopes: ['crm.objects.contacts.read'] });
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);
    const stolen = await rawFetch(h.sandbox, '/oauth/v1/token', {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'other-app', client_secret: 'other', code, redirect_uri: redirectUri, code_verifier: verifier }).toString(),
    });
    expect(await stolen.json()).toMatchObject({ status: 'BAD_AUTH_CODE', error: 'invalid_grant' });
    const owner = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier });
    expect(owner.body).toMatchObject({ status: 'BAD_AUTH_CODE', error: 'invalid_grant' });
  });
});
