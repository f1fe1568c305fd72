/**
 * "Connect with HubSpot" as the screens call it: the OAuth connect service over
 * the real sign-in (PKCE + state on the loopback redirect), the real engine and
 * the HubSpot sandbox. A fetch that follows the authorize redirect plays the
 * browser the app would open.
 */
import { describe, expect, it } from 'vitest';
import { oauthDestinations } from '../../destinations/index';
import type { FerryEventMessage } from '../../preload/contract';
import { createServices, type Services } from '../../main/services/index';
import type { OAuthSignInPort } from '../../main/services/ports';
import { secretKey } from '../../main/secrets/vault';
import { seedSampleContacts } from '../support/sample-contacts';
import { requireConnection } from '../../main/store/connections';
import { fakeContactFiles } from '../support/fake-contact-files';
import { oauthHarness, type OAuthHarness } from '../support/oauth-harness';
import { testBrowser, type TestBrowser } from '../support/test-browser';

interface Setup {
  h: OAuthHarness;
  services: Services;
  events: FerryEventMessage[];
  browser: TestBrowser;
}

async function setup(o: { clientSecret: string; openUrl?: (url: string) => Promise<void>; timeoutMs?: number; configured?: boolean }): Promise<Setup> {
  const h = await oauthHarness({ clientSecret: o.clientSecret });
  const browser = testBrowser();
  const port: OAuthSignInPort = {
    deps: () => (o.configured === false ? { ...h.deps, config: { ...h.deps.config, providers: { hubspot: {}, salesforce: {} } } } : h.deps),
    openExternal: o.openUrl ?? browser.openUrl,
    ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
  };
  const services = createServices({ db: h.db, dataDir: h.dataDir, sync: h.engine, vault: { hasSecret: async () => true }, files: fakeContactFiles, clock: h.clock, oauth: port });
  const events: FerryEventMessage[] = [];
  services.events.subscribe((m) => events.push(m));
  return { h, services, events, browser };
}

/** Every value the vault ever held (tokens, the client secret) must stay out of what the renderer gets. */
function expectNoSecrets(h: OAuthHarness, clientSecret: string, value: unknown): void {
  const text = JSON.stringify(value);
  for (const secret of [...h.secrets.known(), clientSecret]) expect(text).not.toContain(secret);
}

describe('OAuth connect service (HubSpot sandbox)', () => {
  it('signs in through the browser, connects, counts the contacts waiting, and returns no secret', async () => {
    const secret = 'svc-client-secret-0001';
    const { h, services, events, browser } = await setup({ clientSecret: secret });
    seedSampleContacts(h.db, h.cardId, 7);
    const view = await services.oauth.connect({ cardId: h.cardId, kind: 'hubspot', mode: 'manual' });
    expect(view).toMatchObject({ kind: 'hubspot', status: 'connected', hasSecret: true, pending: 7, config: { auth: 'oauth', baseUrl: h.sandbox.url } });
    expect(requireConnection(h.db, view.id).config).toMatchObject({ oauthClient: { clientId: 'ferry-e2e-app' } });

    // The address went out once, marked as opened by main; it carries PKCE and state, never the client secret.
    const urls = events.filter((e) => e.event === 'oauthUrl');
    expect(urls).toHaveLength(1);
    const sent = urls[0]!.payload as { kind: string; url: string; opened: boolean };
    expect(sent).toMatchObject({ kind: 'hubspot', opened: true });
    const url = new URL(sent.url);
    expect(url.origin + url.pathname).toBe(`${h.sandbox.url}/oauth/authorize`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(browser.pages[0]?.body).toContain('return to Ferry');
    expectNoSecrets(h, secret, { view, events, list: await services.connections.list(undefined) });

    // The new connection syncs with the tokens the sign-in stored.
    expect(await services.connections.syncNow({ connectionId: view.id })).toMatchObject({ state: 'succeeded', created: 7 });
    expect((await services.connections.view(requireConnection(h.db, view.id))).pending).toBe(0);
    // The log filters exactly the records asked for.
    const all = services.syncLog.events({ connectionId: view.id, limit: 100, offset: 0 });
    const two = all.items.slice(0, 2).map((e) => e.contactId ?? 0);
    const only = services.syncLog.events({ connectionId: view.id, contactIds: two, limit: 100, offset: 0 });
    expect(only.total).toBe(2);
    expect(only.items.map((e) => e.contactId).sort()).toEqual([...two].sort());
    services.close();
  });

  it('runs one sign-in at a time, and cancel ends the one waiting', async () => {
    const { h, services } = await setup({ clientSecret: 'svc-client-secret-0002', openUrl: async () => undefined });
    const first = services.oauth.connect({ cardId: h.cardId, kind: 'hubspot' });
    await expect(services.oauth.connect({ cardId: h.cardId, kind: 'hubspot' })).rejects.toMatchObject({ code: 'conflict', message: /already waiting for a sign-in/ });
    await new Promise((resolve) => setTimeout(resolve, 50));
    services.oauth.cancel();
    await expect(first).rejects.toThrow(/cancelled/);
    expect(await services.connections.list(undefined)).toEqual([]);
    services.close();
  });

  it('gives up after the timeout with a sentence, and a new sign-in may start after it', async () => {
    const { h, services } = await setup({ clientSecret: 'svc-client-secret-0003', openUrl: async () => undefined, timeoutMs: 200 });
    await expect(services.oauth.connect({ cardId: h.cardId, kind: 'hubspot' })).rejects.toThrow(/not finished within/);
    await expect(services.oauth.connect({ cardId: h.cardId, kind: 'hubspot' })).rejects.toThrow(/not finished within/);
    services.close();
  });

  it('without a client id says so in one sentence pointing to the README, before any browser opens', async () => {
    const { h, services, events } = await setup({ clientSecret: 'svc-client-secret-0004', configured: false });
    // one entry per destination that signs in through the browser, each naming itself and the README
    expect(services.oauth.providers()).toEqual(oauthDestinations().map((d) => (
      { kind: d.id, configured: false, problem: expect.stringMatching(new RegExp(`${d.name}.*"Connecting with OAuth" in Ferry's README`)) }
    )));
    await expect(services.oauth.connect({ cardId: h.cardId, kind: 'hubspot' })).rejects.toMatchObject({ code: 'unavailable' });
    expect(events).toEqual([]);
    services.close();
  });

  it('reconnects a revoked OAuth connection with a new sign-in; its outbox resumes', async () => {
    const secret = 'svc-client-secret-0005';
    const { h, services } = await setup({ clientSecret: secret });
    const view = await services.oauth.connect({ cardId: h.cardId, kind: 'hubspot', mode: 'manual' });
    const refresh = await h.vault.get(secretKey(String(view.id), 'refresh_token'));
    expect((await fetch(`${h.sandbox.url}/oauth/v1/refresh-tokens/${refresh}`, { method: 'DELETE' })).status).toBe(204);
    seedSampleContacts(h.db, h.cardId, 3);
    await h.engine.syncNow(view.id);
    expect(requireConnection(h.db, view.id).status).toBe('needs_reauth');

    const again = await services.oauth.reconnect({ connectionId: view.id });
    expect(again).toMatchObject({ id: view.id, status: 'connected', lastError: null, pending: 3 });
    expect(await services.connections.syncNow({ connectionId: view.id })).toMatchObject({ state: 'succeeded', created: 3 });
    expectNoSecrets(h, secret, again);
    services.close();
  });
});
