/**
 * No secret ever leaves the vault: after connects, syncs, token refreshes,
 * failures (401 and 500 with the token echoed back in the body), a revoked grant
 * and disconnects, none of the secrets appears in the SQLite file's bytes (main
 * file and WAL), in any sync_events / sync_runs / connections row, in an error
 * message, in what the contract returns to the renderer, or in the CLI's output.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../main/cli';
import { createZapierConnector } from '../../main/crm/zapier/index';
import { createWebhookConnector } from '../../main/crm/webhook/index';
import type { ConnectorFactory } from '../../main/crm/registry';
import { createRouter } from '../../main/ipc/router';
import { createServices } from '../../main/services/index';
import { startWebhookSandbox } from '../../main/sandbox/webhook/index';
import { startZapierSandbox } from '../../main/sandbox/zapier/index';
import { createCard } from '../../main/store/cards';
import { createContact } from '../../main/store/contacts';
import type { Db } from '../../main/store/db';
import { seedSampleContacts } from '../support/sample-contacts';
import { SyncError } from '../../main/sync/connector';
import { startEchoProxy, type EchoProxy } from '../support/echo-proxy';
import { fakeContactFiles } from '../support/fake-contact-files';
import { oauthHarness } from '../support/oauth-harness';
import { tempDir } from '../support/temp-dir';

const PRIVATE_APP_TOKEN = 'pat-na1-LEAKCANARY-privateapp-7f3a9c2e';
const CLIENT_SECRET = 'LEAKCANARY-oauth-client-secret-5b1e';
const HOOK_NAME = 'LEAKCANARYhook7c2d91';
const WEBHOOK_SECRET = 'LEAKCANARY-webhook-signing-secret-4d8f0a';
const ctx = { region: 'US' };
const APP = { frameIsMain: true, origin: 'file://' };

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** Test-local factories on the test's clock: the vault-held hook URL and signing secret are what is under test, not the wiring. */
function deliveryFactories(now: () => number): Record<'zapier' | 'webhook', ConnectorFactory> {
  return {
    zapier: (_connection, secrets) => createZapierConnector({ hookUrl: () => secrets.require('hook_url'), now }),
    webhook: (connection, secrets) => {
      const url = connection.config.baseUrl;
      if (!url) throw new SyncError('config', 'no webhook URL');
      // signatures are timed on the real clock, like the receiver's
      return createWebhookConnector({ url: () => url, secret: () => secrets.require('webhook_secret') });
    },
  };
}

/** Every form a secret travels in: raw, URL-encoded, JSON-escaped. */
function needles(secrets: Iterable<string>): string[] {
  return [...new Set([...secrets].flatMap((s) => [s, encodeURIComponent(s), JSON.stringify(s).slice(1, -1)]))];
}

function expectNoSecret(where: string, text: string, secrets: Iterable<string>): void {
  for (const needle of needles(secrets)) {
    if (text.includes(needle)) throw new Error(`a secret (${needle.slice(0, 8)}…) leaked into ${where}`);
  }
}

function dbFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => /\.sqlite(-wal|-shm)?$|\.db(-wal|-shm)?$/.test(f)).map((f) => path.join(dir, f));
}

function expectCleanDatabase(db: Db, dataDir: string, secrets: Iterable<string>): void {
  for (const table of ['sync_events', 'sync_runs', 'connections', 'outbox', 'sync_links']) {
    expectNoSecret(`the ${table} table`, JSON.stringify(db.prepare(`SELECT * FROM ${table}`).all()), secrets);
  }
  const files = dbFiles(dataDir);
  expect(files.some((f) => f.endsWith('-wal'))).toBe(true);
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    for (const needle of needles(secrets)) {
      // latin1 keeps every byte, so a UTF-8 secret is found wherever SQLite put it
      if (bytes.toString('latin1').includes(Buffer.from(needle, 'utf8').toString('latin1'))) {
        throw new Error(`a secret (${needle.slice(0, 8)}…) is in the bytes of ${path.basename(file)}`);
      }
    }
  }
}

describe('no secret leaks', () => {
  it('keeps tokens, hook URLs and webhook secrets out of SQLite, errors, events and the contract', async () => {
    let now = (): number => Date.now();
    const h = await oauthHarness({ accessTokenTtlMs: 10 * 60_000, clientSecret: CLIENT_SECRET, factories: deliveryFactories(() => now()) });
    now = () => h.clock.now();
    const zapier = await startZapierSandbox({ port: 0, clock: now });
    closers.push(() => zapier.close());
    const webhook = await startWebhookSandbox({ port: 0, secret: WEBHOOK_SECRET });
    closers.push(() => webhook.close());
    h.sandbox.admin.registerToken({ token: PRIVATE_APP_TOKEN });
    const proxy: EchoProxy = await startEchoProxy(h.sandbox.url);
    closers.push(() => proxy.close());

    const messages: string[] = [];
    h.engine.on('status', (s) => messages.push(JSON.stringify(s)));
    h.engine.on('runFinished', (r) => messages.push(JSON.stringify(r)));
    const attempt = async (work: () => Promise<unknown>): Promise<void> => {
      try {
        messages.push(JSON.stringify(await work()));
      } catch (error) {
        messages.push(error instanceof Error ? `${error.name}: ${error.message} ${JSON.stringify(error)}` : String(error));
      }
    };

    // OAuth HubSpot: sign in, sync, refresh before expiry, revoked grant
    const oauth = await h.connect();
    seedSampleContacts(h.db, h.cardId, 30);
    await attempt(() => h.engine.syncNow(oauth.id));
    h.clock.advance(10 * 60_000 + 1);
    createContact(h.db, h.cardId, { firstName: 'After', lastName: 'Refresh', emails: [{ value: 'after@example.com' }] }, ctx);
    await attempt(() => h.engine.syncNow(oauth.id));

    // Zapier hook URL and webhook signing secret, in the vault
    const hookUrl = zapier.hookUrlFor(HOOK_NAME);
    const zap = await h.engine.connect({ cardId: h.cardId, kind: 'zapier', config: { sandbox: true, auth: 'hook-url' }, secrets: { hook_url: hookUrl } });
    const hook = await h.engine.connect({ cardId: h.cardId, kind: 'webhook', config: { sandbox: true, auth: 'signed', baseUrl: webhook.url }, secrets: { webhook_secret: WEBHOOK_SECRET } });
    await attempt(() => h.engine.syncNow(zap.id));
    await attempt(() => h.engine.syncNow(hook.id));
    expect(zapier.admin.snapshot().stats.accepted).toBeGreaterThan(0);
    // the webhook receiver was reached with the signing secret in play (accepted or refused, both must stay clean)
    expect(webhook.admin.snapshot().stats.requests).toBeGreaterThan(0);

    // Private-app HubSpot behind a proxy that echoes the token in 500 and 401 bodies
    const card2 = createCard(h.db, 'Echo').id;
    const pat = await h.engine.connect({ cardId: card2, kind: 'hubspot', config: { baseUrl: proxy.url, auth: 'private-app' }, secrets: { private_app_token: PRIVATE_APP_TOKEN } });
    seedSampleContacts(h.db, card2, 5);
    proxy.failWith = 500;
    await attempt(() => h.engine.syncNow(pat.id));
    proxy.failWith = 401;
    await attempt(() => h.engine.syncNow(pat.id));
    // a connect that fails on its first call: the row and secrets are removed, the error must be clean
    const card3 = createCard(h.db, 'Refused').id;
    await attempt(() => h.engine.connect({ cardId: card3, kind: 'hubspot', config: { baseUrl: proxy.url, auth: 'private-app' }, secrets: { private_app_token: PRIVATE_APP_TOKEN } }));
    proxy.failWith = null;

    // An admin revokes Ferry in HubSpot: needs reauthorization
    const refreshToken = await h.vault.get(`connection:${oauth.id}:refresh_token`);
    await fetch(`${h.sandbox.url}/oauth/v1/refresh-tokens/${refreshToken ?? ''}`, { method: 'DELETE' });
    createContact(h.db, h.cardId, { firstName: 'Kept', emails: [{ value: 'kept@example.com' }] }, ctx);
    await attempt(() => h.engine.syncNow(oauth.id));

    // What the renderer can see, through the real router and services
    const services = createServices({ db: h.db, dataDir: h.dataDir, sync: h.engine, vault: { hasSecret: async () => true }, files: fakeContactFiles });
    const router = createRouter(services, { allowedOrigins: ['file://'] });
    const contract: unknown[] = [];
    for (const cardId of [h.cardId, card2]) contract.push(await router.call('listConnections', { cardId, includeDisconnected: true }, APP));
    contract.push(await router.call('listRuns', {}, APP), await router.call('listEvents', {}, APP), await router.call('exportConfig', undefined, APP));

    await attempt(() => h.engine.disconnect(zap.id));
    await attempt(() => h.engine.disconnect(hook.id));
    await attempt(() => h.engine.disconnect(pat.id));
    await attempt(() => h.engine.disconnect(oauth.id));
    contract.push(await router.call('listConnections', { cardId: h.cardId, includeDisconnected: true }, APP));
    services.close();

    const secrets = new Set([...h.secrets.known(), PRIVATE_APP_TOKEN, CLIENT_SECRET, hookUrl, HOOK_NAME, WEBHOOK_SECRET]);
    // the OAuth access tokens (first and refreshed) and the refresh token were all handled
    expect([...secrets].filter((s) => s.startsWith('sandbox-oauth-')).length).toBeGreaterThanOrEqual(2);
    expect(h.logs).toEqual([]);

    const runs = h.db.prepare('SELECT connection_id, state, error FROM sync_runs ORDER BY id').all() as { state: string; error: string | null }[];
    expect(runs.some((r) => r.state === 'failed')).toBe(true); // the failures really happened
    expect(JSON.stringify(h.db.prepare('SELECT last_error_detail FROM connections').all())).toMatch(/\[redacted\]/);

    expectNoSecret('engine events, results and thrown errors', messages.join('\n'), secrets);
    expectNoSecret('what the contract returns', JSON.stringify(contract), secrets);
    expectCleanDatabase(h.db, h.dataDir, secrets);
  });

  it('a headless CLI run (token in the environment) prints no secret, even when the CRM echoes it', async () => {
    const h = await oauthHarness({ clientSecret: CLIENT_SECRET });
    h.sandbox.admin.registerToken({ token: PRIVATE_APP_TOKEN });
    const proxy = await startEchoProxy(h.sandbox.url);
    closers.push(() => proxy.close());
    const dataDir = tempDir();
    const env = { ...process.env, LEAK_PAT: PRIVATE_APP_TOKEN, FERRY_HUBSPOT_CLIENT_SECRET: CLIENT_SECRET };
    const output: string[] = [];
    const capture = (chunk: string | Uint8Array): boolean => { output.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')); return true; };
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    const codes: number[] = [];
    try {
      const ferry = async (...args: string[]) => codes.push(await main(['--data-dir', dataDir, ...args], env));
      await ferry('contacts', 'add', '--first', 'Echo', '--email', 'echo@example.com');
      await ferry('connect', 'hubspot', '--token-env', 'LEAK_PAT', '--base-url', proxy.url);
      await ferry('sync');
      await ferry('contacts', 'add', '--first', 'Echo2', '--email', 'echo2@example.com');
      proxy.failWith = 401;
      await ferry('sync');
      await ferry('status');
      await ferry('--json', 'status');
      await ferry('log', '--errors');
      await ferry('--json', 'log');
      proxy.failWith = null;
      await ferry('disconnect', 'hubspot');
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    const text = output.join('');
    expect(codes.slice(1, 3)).toEqual([0, 0]); // connected and synced through the proxy
    expect(codes[4]).toBe(1); // the 401 sync failed, with a sentence
    expect(text).toMatch(/Reconnect HubSpot/);
    expectNoSecret('the CLI output', text, [PRIVATE_APP_TOKEN, CLIENT_SECRET]);
    for (const file of dbFiles(dataDir)) expectNoSecret(path.basename(file), fs.readFileSync(file).toString('latin1'), [PRIVATE_APP_TOKEN]);
  });
});
