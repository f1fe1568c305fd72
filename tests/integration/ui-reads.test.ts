import { afterEach, describe, expect, it } from 'vitest';
import { createConnection, updateConnection } from '../../main/store/connections';
import { createContact } from '../../main/store/contacts';
import { defaultCard } from '../../main/store/cards';
import { finishRun, recordEvent, startRun } from '../../main/store/sync-records';
import { makeTestServices, type TestServices } from '../support/test-services';

/** The main-side reads the screens need (issue 15): search paging, bulk edits, the log's filters, detail and CSV. */
describe('reads for the screens', () => {
  let t: TestServices;
  afterEach(() => t.close());

  it('search pages through every match with the true total, and finds titles and phone numbers', () => {
    t = makeTestServices();
    const cardId = defaultCard(t.db).id;
    for (let i = 0; i < 652; i++) createContact(t.db, cardId, { firstName: `Pat${i}`, lastName: 'Harbour', company: 'Harbourside Ltd' }, { region: 'US' });
    createContact(t.db, cardId, { firstName: 'Ada', lastName: 'Lovelace', title: 'Chief Engineer', phones: [{ raw: '+44 20 7946 0958' }] }, { region: 'US' });
    createContact(t.db, cardId, { firstName: 'Work', lastName: 'Label', phones: [{ raw: '555', label: 'work' }] }, { region: 'US' });
    const first = t.services.contacts.search({ query: 'harbourside', limit: 500, offset: 0 });
    expect(first.total).toBe(652);
    expect(first.items).toHaveLength(500);
    const rest = t.services.contacts.search({ query: 'harbourside', limit: 500, offset: 500 });
    expect(rest.items).toHaveLength(152);
    expect(new Set([...first.items, ...rest.items].map((c) => c.id)).size).toBe(652);
    expect(t.services.contacts.search({ query: 'chief eng', limit: 10, offset: 0 }).items.map((c) => c.lastName)).toEqual(['Lovelace']);
    expect(t.services.contacts.search({ query: '7946 0958', limit: 10, offset: 0 }).items.map((c) => c.lastName)).toEqual(['Lovelace']);
    expect(t.services.contacts.search({ query: '2079460958', limit: 10, offset: 0 }).total).toBe(1);
    // A phone's label is not a phone number: "work" finds no one by it.
    expect(t.services.contacts.search({ query: 'work', limit: 10, offset: 0 }).items.map((c) => c.lastName)).toEqual(['Label']);
    expect(t.services.contacts.search({ query: '100%_', limit: 10, offset: 0 }).total).toBe(0);
  });

  it('bulk delete answers with the ids for Undo, bulk tag adds a tag once, and both queue like any edit', () => {
    t = makeTestServices();
    const cardId = defaultCard(t.db).id;
    const ids = [1, 2, 3].map((i) => createContact(t.db, cardId, { firstName: `C${i}`, tags: i === 1 ? ['VIP'] : [] }, { region: 'US' }).id);
    expect(t.services.contacts.tagMany({ ids, tag: 'vip' })).toEqual({ tagged: 2 });
    expect(t.services.contacts.get({ id: ids[1]! }).contact.tags).toEqual(['vip']);
    expect(t.services.contacts.deleteMany({ ids: [ids[0]!, ids[1]!, ids[1]!] })).toEqual({ ids: [ids[0], ids[1]] });
    expect(t.services.contacts.deleteMany({ ids: [ids[0]!] })).toEqual({ ids: [] });
    expect(t.services.contacts.restore({ ids: [ids[0]!, ids[1]!] })).toEqual({ restored: 2 });
    expect(t.services.contacts.listCards()[0]).toMatchObject({ contactCount: 3, demoContactCount: 0 });
  });

  it('the log finds a run that failed as a whole by its result and its words, opens it with the CRM\'s words, and exports it', () => {
    t = makeTestServices();
    const cardId = defaultCard(t.db).id;
    const conn = createConnection(t.db, { cardId, kind: 'hubspot', label: 'HubSpot', mode: 'manual' });
    const ok = startRun(t.db, conn.id, 'manual', 1_000);
    const counts = { planned: 1, created: 1, updated: 0, deleted: 0, marked: 0, unchanged: 0, failed: 0, quarantined: 0, held: 0, apiCalls: 1, rateLimited: 0 };
    const contact = createContact(t.db, cardId, { firstName: '=HYPERLINK("x")', lastName: 'Sheet' }, { region: 'US' });
    recordEvent(t.db, { runId: ok, connectionId: conn.id, contactId: contact.id, outcome: 'created', at: 1_100, changes: [{ field: 'firstname', old: null, new: 'x' }] });
    finishRun(t.db, ok, 'succeeded', { ...counts, held: 1 }, null, 1_200);
    const bad = startRun(t.db, conn.id, 'manual', 2_000);
    finishRun(t.db, bad, 'failed', { ...counts, created: 0, quarantined: 1, apiCalls: 5 }, 'HubSpot kept failing (HTTP 503). Ferry will try again in a few minutes; nothing is lost.', 2_500);
    updateConnection(t.db, conn.id, { status: 'error', lastError: 'HubSpot kept failing (HTTP 503).', lastErrorDetail: '503 Service Unavailable' }, 2_500);

    expect(t.services.syncLog.runs({ states: ['failed'], limit: 10, offset: 0 }).items.map((r) => r.id)).toEqual([bad]);
    expect(t.services.syncLog.runs({ query: '503', limit: 10, offset: 0 }).total).toBe(1);
    expect(t.services.syncLog.runs({ limit: 1, offset: 1 }).items.map((r) => r.id)).toEqual([ok]);
    expect(t.services.syncLog.run({ runId: bad })).toMatchObject({ crmError: '503 Service Unavailable', connectionLabel: 'HubSpot', run: { state: 'failed' } });
    expect(t.services.syncLog.run({ runId: ok }).crmError).toBeNull();
    expect(t.services.syncLog.events({ query: 'sheet', limit: 10, offset: 0 }).total).toBe(1);

    const { csv, fileName } = t.services.syncLog.exportCsv({ states: ['failed', 'succeeded'] });
    expect(fileName).toMatch(/^ferry-sync-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('type,time,connection,run,result,contact,created,updated,deleted or archived,marked deleted,unchanged,set aside (same e-mail as another contact),failed or rejected,api calls,duration ms,changes,message,crm error');
    expect(lines.filter((l) => l.startsWith('run,'))).toHaveLength(2);
    // a contact held for a shared e-mail has its own column, never among the refusals
    expect(lines.find((l) => l.includes(`,${ok},succeeded,`))).toMatch(/,succeeded,,1,0,0,0,0,1,0,1,/);
    expect(lines.find((l) => l.includes(`,${bad},failed,`))).toMatch(/,failed,,0,0,0,0,0,0,1,5,/);
    expect(csv).toContain('HTTP 503');
    // A contact name a spreadsheet would run as a formula is neutralised.
    expect(csv).toContain(`'=HYPERLINK`);
  });

  it('an admin configuration is never applied to a sandbox connection, and the report says so', async () => {
    t = makeTestServices();
    const cardId = defaultCard(t.db).id;
    createConnection(t.db, { cardId, kind: 'hubspot', label: 'HubSpot Sandbox', mode: 'manual', config: { sandbox: true, baseUrl: 'http://127.0.0.1:9/' } });
    const file = JSON.stringify({ format: 'ferry-config', version: 1, exportedAt: '2026-11-30T00:00:00.000Z', settings: {},
      connections: [{ kind: 'hubspot', label: 'HubSpot', mode: 'automatic', intervalMinutes: null, config: {}, mapping: { fields: { title: { target: 'jobtitle' } } } }] });
    expect(t.services.configTransfer.importConfig({ json: file })).toMatchObject({ applied: [], sandboxes: ['hubspot'] });
    await expect(t.services.connections.list(undefined)).resolves.toMatchObject([{ mode: 'manual' }]);
  });
});
