import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_AUDIENCE_ID, startMailchimpSandbox, type MailchimpSandbox } from '../../main/sandbox/mailchimp/index';
import { secretKey } from '../../main/secrets/index';
import { createContact } from '../../main/store/contacts';
import { listConnections, requireConnection } from '../../main/store/connections';
import { countOutbox } from '../../main/store/outbox';
import { FakeClock } from '../support/fake-clock';
import { freePort } from '../support/free-port';
import { oauthAppHarness } from '../support/oauth-app-harness';

const CLIENT_ID = '123456789012';
const SECRET = 'mailchimp-client-secret-0123456789abcdef';
const ctx = { region: 'US' };

let sandbox: MailchimpSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

/** Ferry's registered Mailchimp app (client id and secret, redirect URI on 127.0.0.1) on the sandbox's OAuth server. */
async function setUp() {
  const clock = new FakeClock(Date.now());
  sandbox = await startMailchimpSandbox({ clock: () => clock.now() });
  const port = await freePort();
  sandbox.oauth.registerApp({ clientId: CLIENT_ID, clientSecret: SECRET, redirectUri: `http://127.0.0.1:${port}/oauth/callback` });
  const h = oauthAppHarness({ kind: 'mailchimp', clock, redirectPort: port, settings: { clientId: CLIENT_ID, authBaseUrl: sandbox.url }, env: { FERRY_MAILCHIMP_CLIENT_SECRET: SECRET } });
  return { h, sandbox };
}

describe('Mailchimp sign-in (OAuth against the sandbox\'s login server)', () => {
  it('signs in, learns the account\'s data centre from the metadata\'s api_endpoint and adds members to the audience the rep named', async () => {
    const { h, sandbox } = await setUp();
    const connection = await h.connect({ audience: SANDBOX_AUDIENCE_ID });
    expect(connection.config).toMatchObject({ auth: 'oauth', baseUrl: sandbox.apiRoot, audience: SANDBOX_AUDIENCE_ID });
    expect(new URL(h.pages[0]?.opened ?? '').searchParams.has('scope')).toBe(false);
    // the token never expires: nothing to renew, no expiry stored
    expect(await h.vault.get(secretKey(String(connection.id), 'token_expires_at'))).toBeNull();
    createContact(h.db, h.cardId, { firstName: 'Ada', emails: [{ value: 'ada@example.com' }], tags: ['marketing-consent'] }, ctx);
    expect(await h.engine.syncNow(connection.id)).toMatchObject({ state: 'succeeded', created: 1 });
    expect(sandbox.admin.members()).toHaveLength(1);
    // tokens and the client secret live in the vault only, never in the data folder
    expect(h.leaks()).toEqual([]);
    // a year later the same token still works
    h.clock.advance(365 * 24 * 60 * 60_000);
    createContact(h.db, h.cardId, { firstName: 'Grace', emails: [{ value: 'grace@example.com' }] }, ctx);
    expect(await h.engine.syncNow(connection.id)).toMatchObject({ state: 'succeeded', created: 1 });
  });

  it('a sign-in without an audience is refused before the browser opens', async () => {
    const { h } = await setUp();
    await expect(h.connect({})).rejects.toThrow(/ID of the audience/);
    expect(h.pages).toHaveLength(0);
  });

  it('a token the user revoked (Mailchimp answers 401) pauses the connection as needing a new sign-in; the contact waits', async () => {
    const { h, sandbox } = await setUp();
    const connection = await h.connect({ audience: SANDBOX_AUDIENCE_ID });
    sandbox.admin.revokeKey((await h.vault.get(secretKey(String(connection.id), 'access_token'))) ?? '');
    createContact(h.db, h.cardId, { firstName: 'Kept', emails: [{ value: 'kept@example.com' }] }, ctx);
    expect((await h.engine.syncNow(connection.id)).state).toBe('failed');
    const c = requireConnection(h.db, connection.id);
    expect(c.status).toBe('needs_reauth');
    expect(c.lastError).toMatch(/Mailchimp/);
    expect(c.lastError).toMatch(/[Rr]econnect Mailchimp/);
    expect(countOutbox(h.db, connection.id).pending).toBe(1);
    // signing in again resumes
    await h.reconnect(c);
    expect(await h.engine.syncNow(connection.id)).toMatchObject({ state: 'succeeded', created: 1 });
  });

  it('metadata whose api_endpoint is not a Mailchimp data centre is refused, and nothing is connected', async () => {
    const { h, sandbox } = await setUp();
    sandbox.oauth.apiEndpoint = 'https://us21.api.mailchimp.com.evil.example';
    await expect(h.connect({ audience: SANDBOX_AUDIENCE_ID })).rejects.toThrow(/must be one of Mailchimp's own addresses .*us21\.api\.mailchimp\.com\.evil\.example is not/);
    expect(listConnections(h.db, h.cardId)).toHaveLength(0);
  });
});
