/**
 * HubSpot sign-in asks for the company scopes as optional scopes: a portal that
 * grants them links contacts to companies; one that cannot still connects and
 * syncs contacts, and the connection says why companies are off. The sandbox
 * checks the install URL's scopes against the app's scope settings as HubSpot
 * does (required in `scope`, optional only in `optional_scope`).
 */
import { describe, expect, it } from 'vitest';
import { HUBSPOT_COMPANY_SCOPES } from '../../destinations/hubspot';
import path from 'node:path';
import { companyScopes, contactScopes, startHubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { runFerry } from '../support/run-ferry';
import { tempDir } from '../support/temp-dir';
import { requireConnection } from '../../main/store/connections';
import { toConnectionView } from '../../main/services/connection-view';
import { companiesOffSentence } from '../../preload/status/connection-sentences';
import { seedSampleContacts } from '../support/sample-contacts';
import { oauthHarness, CLIENT_ID } from '../support/oauth-harness';

const viewOf = (connection: ReturnType<typeof requireConnection>) => toConnectionView({
  connection, hasSecret: true, outbox: { pending: 0, quarantined: 0, due: 0 }, quarantinedContactIds: [], held: 0,
  counters: { syncedToday: 0, syncedTotal: 0, errorsToday: 0 }, progress: null, lastRunStartedAt: null, now: Date.now(), installOffset: 0,
});

describe('HubSpot OAuth: companies as optional scopes', () => {
  it('asks for exactly the company scopes HubSpot needs to find, create and key companies', () => {
    expect([...HUBSPOT_COMPANY_SCOPES].sort()).toEqual([...companyScopes].sort());
  });

  it('a portal that grants the company scopes: contacts are linked to their companies', async () => {
    const h = await oauthHarness({ clientSecret: 'company-scopes-secret-01' });
    const connection = await h.connect();
    expect(requireConnection(h.db, connection.id).config.companies).toBe('linked');
    seedSampleContacts(h.db, h.cardId, 30);
    const run = await h.engine.syncNow(connection.id);
    expect(run).toMatchObject({ state: 'succeeded', created: 30, failed: 0, quarantined: 0 });
    expect(h.sandbox.admin.companies().length).toBeGreaterThan(0);
    for (const contact of h.sandbox.admin.contacts()) expect(h.sandbox.admin.companiesForContact(contact.id)).toHaveLength(1);
    expect(companiesOffSentence(viewOf(requireConnection(h.db, connection.id)))).toBeNull();
  });

  it('a portal that cannot grant them still connects and syncs contacts; the connection says why companies are off', async () => {
    const h = await oauthHarness({ clientSecret: 'company-scopes-secret-02' });
    h.sandbox.admin.setUngrantableScopes(companyScopes);
    const connection = await h.connect();
    expect(connection.status).toBe('connected');
    seedSampleContacts(h.db, h.cardId, 30);
    const run = await h.engine.syncNow(connection.id);
    expect(run).toMatchObject({ state: 'succeeded', created: 30, failed: 0, quarantined: 0 });
    expect(h.sandbox.admin.contacts()).toHaveLength(30);
    expect(h.sandbox.admin.companies()).toHaveLength(0);
    const stored = requireConnection(h.db, connection.id);
    expect(stored.config.companies).toBe('not linked: the token lacks the company scopes');
    expect(companiesOffSentence(viewOf(stored))).toBe('Companies are off: the token lacks the company scopes. Contacts still sync, with the company name as text; grant the company scopes and reconnect to link them.');
  });

  it('the sandbox refuses an install URL whose scopes do not match the app settings, as HubSpot does', async () => {
    const h = await oauthHarness({ clientSecret: 'company-scopes-secret-03' });
    const redirectUri = `http://localhost:${h.deps.config.redirectPort}/oauth/callback`;
    const authorize = async (params: Record<string, string>): Promise<URLSearchParams> => {
      const res = await fetch(`${h.sandbox.url}/oauth/authorize?${new URLSearchParams({ client_id: CLIENT_ID, redirect_uri: redirectUri, ...params })}`, { redirect: 'manual' });
      return new URL(res.headers.get('location') ?? 'http://x/').searchParams;
    };
    // an optional scope of the app's settings sent as required
    expect((await authorize({ scope: 'oauth crm.objects.contacts.read crm.objects.companies.read' })).get('error')).toBe('invalid_scope');
    // a scope the settings do not list as optional sent in optional_scope
    expect((await authorize({ scope: 'oauth crm.objects.contacts.read', optional_scope: 'crm.objects.deals.read' })).get('error')).toBe('invalid_scope');
    expect((await authorize({ scope: 'oauth crm.objects.contacts.read', optional_scope: 'crm.objects.contacts.write' })).get('error')).toBe('invalid_scope');
    // as set: required in scope, optional in optional_scope → a code
    expect((await authorize({ scope: 'oauth crm.objects.contacts.read', optional_scope: companyScopes.join(' ') })).get('code')).toBeTruthy();
  });

  it('ferry status says companies are off and why for a service key without the company scopes', { timeout: 120_000 }, async () => {
    const token = 'pat-na1-no-company-scopes';
    const sandbox = await startHubSpotSandbox({ port: 0 });
    try {
      sandbox.admin.registerToken({ token, scopes: contactScopes });
      const dataDir = path.join(tempDir(), 'data');
      const ferry = (...args: string[]) => runFerry(['--data-dir', dataDir, ...args], { FERRY_HUBSPOT_TOKEN: token });
      const connect = await ferry('connect', 'hubspot', '--base-url', sandbox.url);
      expect(connect.code, connect.stderr).toBe(0);
      const status = await ferry('status');
      expect(status.stdout).toContain('Companies are off: the token lacks the company scopes. Contacts still sync, with the company name as text');
    } finally {
      await sandbox.close();
    }
  });
});
