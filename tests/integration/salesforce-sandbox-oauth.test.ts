/**
 * The Salesforce sandbox's authorize and token endpoints on their own: the
 * user's consent decision, codes that are single-use and bound to their
 * connected app and redirect URI, and confidential vs public clients.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../main/sandbox/salesforce';

const redirectUri = 'http://127.0.0.1:47615/oauth/callback';
let sandbox: SalesforceSandbox;
beforeEach(async () => {
  sandbox = await startSalesforceSandbox();
  sandbox.admin.registerConnectedApp({ clientId: 'ferry', redirectUri, requireSecretForRefresh: false });
  sandbox.admin.registerConnectedApp({ clientId: 'web-app', clientSecret: 'web-secret', redirectUri });
});
afterEach(async () => { await sandbox.close(); });

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function authorize(params: Record<string, string>): Promise<Response> {
  const url = new URL(`${sandbox.url}/services/oauth2/authorize`);
  url.search = new URLSearchParams({ response_type: 'code', redirect_uri: redirectUri, scope: 'api refresh_token', ...params }).toString();
  return fetch(url, { redirect: 'manual' });
}

async function codeFor(clientId: string, challenge?: string): Promise<string> {
  const res = await authorize({ client_id: clientId, state: 's1', ...(challenge === undefined ? {} : { code_challenge: challenge, code_challenge_method: 'S256' }) });
  const back = new URL(res.headers.get('location') ?? '');
  expect(back.searchParams.get('state')).toBe('s1');
  return back.searchParams.get('code') ?? '';
}

async function token(form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${sandbox.url}/services/oauth2/token`, { method: 'POST', body: new URLSearchParams(form) });
  return { status: res.status, body: await res.json() as Record<string, unknown> };
}

describe('Salesforce sandbox OAuth', () => {
  it('plays a user who clicks Deny: access_denied, "end-user denied authorization" and the state, no code', async () => {
    const set = await fetch(`${sandbox.url}/__sandbox/oauth-consent`, { method: 'PUT', body: JSON.stringify({ decision: 'deny' }) });
    expect(set.status).toBe(200);
    const denied = await authorize({ client_id: 'ferry', state: 'st-7', code_challenge: pkce().challenge, code_challenge_method: 'S256' });
    expect(denied.status).toBe(302);
    const back = new URL(denied.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(Object.fromEntries(back.searchParams)).toEqual({ error: 'access_denied', error_description: 'end-user denied authorization', state: 'st-7' });
    // an unknown client never reaches the consent page, so it is never redirected
    expect((await authorize({ client_id: 'nobody' })).status).toBe(400);
    sandbox.admin.setConsent('approve');
    expect(await codeFor('ferry', pkce().challenge)).not.toBe('');
  });

  it('redeems a code once, for its own connected app and redirect URI only', async () => {
    const { verifier, challenge } = pkce();
    const stolen = await codeFor('ferry', challenge);
    expect(await token({ grant_type: 'authorization_code', client_id: 'web-app', client_secret: 'web-secret', code: stolen, redirect_uri: redirectUri, code_verifier: verifier }))
      .toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'invalid authorization code' } });
    // the attempt spent it
    expect((await token({ grant_type: 'authorization_code', client_id: 'ferry', code: stolen, redirect_uri: redirectUri, code_verifier: verifier })).body.error).toBe('invalid_grant');

    const moved = await codeFor('ferry', challenge);
    expect((await token({ grant_type: 'authorization_code', client_id: 'ferry', code: moved, redirect_uri: 'http://127.0.0.1:47616/oauth/callback', code_verifier: verifier })).body.error).toBe('redirect_uri_mismatch');

    const good = await codeFor('ferry', challenge);
    const first = await token({ grant_type: 'authorization_code', client_id: 'ferry', code: good, redirect_uri: redirectUri, code_verifier: verifier });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ instance_url: sandbox.url, token_type: 'Bearer' });
    expect(first.body.expires_in).toBeUndefined();
    expect((await token({ grant_type: 'authorization_code', client_id: 'ferry', code: good, redirect_uri: redirectUri, code_verifier: verifier })).body.error).toBe('invalid_grant');
  });

  it('asks a public client for PKCE and a confidential one for its secret', async () => {
    const noChallenge = await authorize({ client_id: 'ferry', state: 's2' });
    expect(Object.fromEntries(new URL(noChallenge.headers.get('location') ?? '').searchParams)).toMatchObject({ error: 'invalid_request', state: 's2' });

    const code = await codeFor('web-app');
    expect(await token({ grant_type: 'authorization_code', client_id: 'web-app', client_secret: 'wrong', code, redirect_uri: redirectUri }))
      .toEqual({ status: 400, body: { error: 'invalid_client', error_description: 'invalid client credentials' } });
    const again = await codeFor('web-app');
    expect((await token({ grant_type: 'authorization_code', client_id: 'web-app', client_secret: 'web-secret', code: again, redirect_uri: redirectUri })).status).toBe(200);
  });
});
