import { describe, expect, it } from 'vitest';
import { createMailchimpConnector } from '../../main/crm/mailchimp/connector';
import { createCard } from '../../main/store/cards';
import { createContact } from '../../main/store/contacts';
import { requireConnection } from '../../main/store/connections';
import { listEvents } from '../../main/store/sync-log';
import { SyncError, type PushContext } from '../../main/sync/connector';
import { MAILCHIMP_KEY, mailchimpHarness } from '../support/mailchimp-harness';
import { SANDBOX_AUDIENCE_ID, startMailchimpSandbox } from '../../main/sandbox/mailchimp/index';

const ctx = { region: 'US' };

function add(h: Awaited<ReturnType<typeof mailchimpHarness>>, n: number): void {
  for (let i = 0; i < n; i++) createContact(h.db, h.cardId, { firstName: `P${i}`, emails: [{ value: `p${i}@example.com` }] }, ctx);
}

describe('Mailchimp fault classes, against the sandbox', () => {
  it('429 (too many simultaneous connections): Ferry waits and carries on; every member arrives once', async () => {
    const h = await mailchimpHarness();
    add(h, 30);
    h.sandbox.admin.injectFault({ kind: 'status', status: 429, count: 2 });
    const run = await h.engine.syncNow(h.connection.id);
    expect(run).toMatchObject({ state: 'succeeded', created: 30, rateLimited: 2 });
    expect(h.sandbox.admin.members()).toHaveLength(30);
  });

  it('5xx: retried with backoff, then delivered once', async () => {
    const h = await mailchimpHarness();
    add(h, 10);
    h.sandbox.admin.injectFault({ kind: 'status', status: 503, count: 2 });
    const run = await h.engine.syncNow(h.connection.id);
    expect(run).toMatchObject({ state: 'succeeded', created: 10 });
    expect(h.sandbox.admin.members()).toHaveLength(10);
  });

  it('an answer lost once after Mailchimp wrote the batch: sent again at once, it lands on the same members', async () => {
    const h = await mailchimpHarness();
    add(h, 10);
    h.sandbox.admin.injectFault({ kind: 'drop', phase: 'after', pathPrefix: '/3.0/lists/' });
    const run = await h.engine.syncNow(h.connection.id);
    expect(run).toMatchObject({ state: 'succeeded', quarantined: 0 });
    expect(h.sandbox.admin.members()).toHaveLength(10);
  });

  it('answers lost twice after Mailchimp wrote the batch: the run fails, and the next sync lands on the same members', async () => {
    const h = await mailchimpHarness();
    add(h, 10);
    h.sandbox.admin.injectFault({ kind: 'drop', phase: 'after', pathPrefix: '/3.0/lists/', count: 2 });
    const lost = await h.engine.syncNow(h.connection.id);
    expect(lost.state).toBe('failed');
    // Mailchimp has them, Ferry does not know: the next sync finds each by its subscriber hash
    expect(h.sandbox.admin.members()).toHaveLength(10);
    const run = await h.engine.syncNow(h.connection.id);
    expect(run).toMatchObject({ state: 'succeeded', quarantined: 0, updated: 10, created: 0 });
    expect(h.sandbox.admin.members()).toHaveLength(10);
  });

  it('a revoked API key (401 API Key Invalid) pauses the connection as needing reconnection', async () => {
    const h = await mailchimpHarness();
    add(h, 3);
    h.sandbox.admin.revokeKey(MAILCHIMP_KEY);
    const run = await h.engine.syncNow(h.connection.id);
    expect(run.state).toBe('failed');
    const c = requireConnection(h.db, h.connection.id);
    expect(c.status).toBe('needs_reauth');
    expect(c.lastError).toMatch(/Mailchimp no longer accepts/);
    expect(c.lastErrorDetail).toMatch(/API Key Invalid/);
  });

  it('a record Mailchimp refuses is quarantined with Mailchimp\'s own words; the rest arrive', async () => {
    const h = await mailchimpHarness();
    add(h, 4);
    const bad = createContact(h.db, h.cardId, { firstName: 'Fake', emails: [{ value: 'fake@mailinator.test' }] }, ctx);
    h.sandbox.admin.rejectEmails('mailinator');
    const run = await h.engine.syncNow(h.connection.id);
    expect(run).toMatchObject({ state: 'partial', created: 4, quarantined: 1 });
    const event = listEvents(h.db, { connectionId: h.connection.id, limit: 10, offset: 0 }).items.find((e) => e.contactId === bad.id);
    expect(event?.message).toMatch(/looks fake or invalid/);
  });

  it('an audience with no room for another field (Mailchimp allows 30): the other contacts arrive; a contact whose custom field has no home is set aside with a sentence, never silently trimmed', async () => {
    const h = await mailchimpHarness();
    // Ferry's own fields exist (made at connect); the audience is now full
    h.sandbox.admin.setMergeFieldLimit(h.sandbox.admin.snapshot().mergeFields.length);
    add(h, 3);
    const budget = createContact(h.db, h.cardId, { firstName: 'Bea', emails: [{ value: 'bea@example.com' }], title: 'CFO', customFields: { Budget: '40k' } }, ctx);
    const run = await h.engine.syncNow(h.connection.id);
    expect(run).toMatchObject({ state: 'partial', created: 3, quarantined: 1 });
    expect(h.sandbox.admin.members()).toHaveLength(4);
    // the rest of Bea's record reached Mailchimp; the log says which field did not
    expect(h.sandbox.admin.member('bea@example.com')?.merge_fields).toMatchObject({ FNAME: 'Bea', TITLE: 'CFO' });
    const event = listEvents(h.db, { connectionId: h.connection.id, limit: 10, offset: 0 }).items.find((e) => e.contactId === budget.id);
    expect(event?.message).toMatch(/'Budget'.*no room/);
  });

  it('an audience that does not exist is refused at connect with a sentence', async () => {
    const h = await mailchimpHarness();
    const otherCard = createCard(h.db, 'Other').id;
    await expect(h.engine.connect({ cardId: otherCard, kind: 'mailchimp', config: { baseUrl: h.sandbox.apiRoot, auth: 'api-key', audience: 'nope000000' }, secrets: { access_token: MAILCHIMP_KEY } }))
      .rejects.toThrow(/no audience with the ID 'nope000000'/);
  });

  it('never holds more than Mailchimp\'s 10 simultaneous connections, even with slow answers', async () => {
    const sandbox = await startMailchimpSandbox({ apiKey: MAILCHIMP_KEY, serviceMs: 50, connections: 10 });
    try {
      // the sandbox really refuses the 11th connection
      const auth = { Authorization: `Basic ${Buffer.from(`x:${MAILCHIMP_KEY}`).toString('base64')}` };
      const statuses = await Promise.all(Array.from({ length: 12 }, () => fetch(`${sandbox.apiRoot}/ping`, { headers: auth }).then((r) => r.status)));
      expect(statuses.filter((s) => s === 429)).toHaveLength(2);
      expect(sandbox.admin.snapshot().peakConnections).toBe(10);
    } finally {
      await sandbox.close();
    }
  });

  it('a key without a data-centre suffix is refused with a sentence, before anything is sent', async () => {
    const connector = createMailchimpConnector({ credential: { style: 'api-key', secret: async () => 'not-a-key' }, audience: 'a1b2c3d4e5' });
    const context: PushContext = { connection: {} as PushContext['connection'], beforeRequest: async () => undefined, afterResponse: () => undefined, signal: new AbortController().signal };
    const error = await connector.prepare(context).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect(error).toMatchObject({ kind: 'config' });
    expect((error as Error).message).toMatch(/data centre, such as -us21/);
  });

  it('a kept-alive socket the sandbox had already closed (the process was busy) is resent once on a fresh one, not reported as "can\'t reach Mailchimp"', async () => {
    const sandbox = await startMailchimpSandbox({ apiKey: MAILCHIMP_KEY });
    try {
      let resets = 0;
      // what undici throws when it writes on a socket the server closed: TypeError('fetch failed') caused by UND_ERR_SOCKET
      const closedOnce: typeof fetch = async (input, init) => {
        if (resets === 0) {
          resets++;
          throw new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
        }
        return fetch(input, init);
      };
      const connector = createMailchimpConnector({ credential: { style: 'api-key', secret: async () => MAILCHIMP_KEY }, baseUrl: sandbox.apiRoot, audience: SANDBOX_AUDIENCE_ID, fetch: closedOnce });
      const statuses: number[] = [];
      const context: PushContext = { connection: {} as PushContext['connection'], beforeRequest: async () => undefined, afterResponse: (r) => { statuses.push(r.status); }, signal: new AbortController().signal };
      await expect(connector.prepare(context)).resolves.toMatchObject({ account: 'f3rry5andb0x' });
      expect(resets).toBe(1);
      // the limiter heard of both attempts: the one that met the closed socket (0) and its resend
      expect(statuses).toContain(0);
    } finally {
      await sandbox.close();
    }
  });
});
