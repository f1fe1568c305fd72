/**
 * Local duplicates, merge and "forget this person" on a real SQLite file, with
 * the HubSpot sandbox (loopback, HubSpot's wire format) as the CRM.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { recordActionsFor } from '../../main/crm/record-actions';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { createCard } from '../../main/store/cards';
import { createContact, getContact, updateContact } from '../../main/store/contacts';
import { DATABASE_FILE, openDatabase, type Db } from '../../main/store/db';
import { countOutbox } from '../../main/store/outbox';
import { forgetLog } from '../../main/store/forget-contact';
import { createSyncEngine } from '../../main/sync/engine';
import { listDuplicates, markNotDuplicates, mergeContacts } from '../../main/duplicates/merge-service';
import { forgetContact } from '../../main/forget/forget-service';
import { tempDir } from '../support/temp-dir';

const region = { region: 'GB' };
const TOKEN = 'pat-na1-merge-forget-test-0001';

describe('local duplicates', () => {
  it('groups same e-mail in any case, same phone in E.164 and a similar name at the same company, and nothing else', () => {
    const db = openDatabase(tempDir());
    const card = createCard(db, 'Dupes').id;
    const ada = createContact(db, card, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@engines.example' }] }, region).id;
    const adaCaps = createContact(db, card, { firstName: 'A.', lastName: 'King', emails: [{ value: 'ADA@Engines.Example ' }] }, region).id;
    const phoneA = createContact(db, card, { firstName: 'Charles', lastName: 'Babbage', phones: [{ raw: '020 7946 0958' }] }, region).id;
    const phoneB = createContact(db, card, { firstName: 'Chuck', lastName: 'B', phones: [{ raw: '+44 20 7946 0958' }] }, region).id;
    const nameA = createContact(db, card, { firstName: 'Grace', lastName: 'Hopper', company: 'Remington Rand Inc.' }, region).id;
    const nameB = createContact(db, card, { firstName: 'hopper,', lastName: 'Grce', company: 'remington rand' }, region).id;
    // same company, a different person; and the same name at another company
    createContact(db, card, { firstName: 'Grace', lastName: 'Kelly', company: 'Remington Rand' }, region);
    createContact(db, card, { firstName: 'Grace', lastName: 'Hopper', company: 'US Navy' }, region);

    const groups = listDuplicates(db, card);
    expect(groups.map((g) => g.contactIds)).toEqual([[ada, adaCaps], [phoneA, phoneB], [nameA, nameB]]);
    expect(groups.map((g) => g.reasons.map((r) => `${r.rule}:${r.value}`))).toEqual([
      ['email:ada@engines.example'], ['phone:+442079460958'], ['name:Remington Rand Inc.'],
    ]);

    markNotDuplicates(db, [phoneA, phoneB]);
    expect(listDuplicates(db, card).map((g) => g.contactIds)).toEqual([[ada, adaCaps], [nameA, nameB]]);
    db.close();
  });
});

describe('merge and forget against the HubSpot sandbox', () => {
  let sandbox: HubSpotSandbox | undefined;
  let db: Db | undefined;
  afterEach(async () => {
    db?.close();
    await sandbox?.close();
  });

  async function setUp(): Promise<{ db: Db; dir: string; card: number; connectionId: number; engine: ReturnType<typeof createSyncEngine>; recordActions: Parameters<typeof mergeContacts>[0]['recordActions'] }> {
    sandbox = await startHubSpotSandbox({ port: 0, token: TOKEN });
    const dir = tempDir();
    db = openDatabase(dir);
    const vault = new InMemoryVault();
    const registry = new ConnectorRegistry({ vault });
    const engine = createSyncEngine({ db, connectors: registry });
    const card = createCard(db, 'Merge').id;
    const c = await engine.connect({ cardId: card, kind: 'hubspot', config: { baseUrl: sandbox.url, auth: 'private-app' }, secrets: { private_app_token: TOKEN } });
    return { db, dir, card, connectionId: c.id, engine, recordActions: (connection) => recordActionsFor(registry, connection) };
  }

  it('merges field by field, merges the two HubSpot records, and the survivor alone is sent afterwards', async () => {
    const { db, card, connectionId, engine, recordActions } = await setUp();
    const keep = createContact(db, card, { firstName: 'Ada', lastName: 'Lovelace', title: 'Analyst', emails: [{ value: 'ada@engines.example' }], tags: ['vip'] }, region).id;
    const other = createContact(db, card, { firstName: 'Ada', lastName: 'Lovelace', title: 'Chief Engineer', emails: [{ value: 'ada.l@home.example' }], tags: ['met-at-expo'] }, region).id;
    await engine.syncNow(connectionId);
    expect(sandbox!.admin.contacts()).toHaveLength(2);
    const keepRecord = sandbox!.admin.contactByEmail('ada@engines.example')!.id;
    const otherRecord = sandbox!.admin.contactByEmail('ada.l@home.example')!.id;

    const result = await mergeContacts({ db, recordActions, now: () => Date.now() }, keep, other, { title: 'other' });
    expect(result.crms).toEqual([expect.objectContaining({ outcome: 'merged', crm: 'HubSpot' })]);
    const survivor = getContact(db, keep)!;
    expect(survivor.title).toBe('Chief Engineer');
    expect(survivor.emails.map((e) => e.value)).toEqual(['ada@engines.example', 'ada.l@home.example']);
    expect(survivor.tags).toEqual(['vip', 'met-at-expo']);
    expect(getContact(db, other)!.deletedAt).not.toBeNull();

    // HubSpot made one new record of the two; both old ids answer with it
    const records = sandbox!.admin.contacts();
    expect(records).toHaveLength(1);
    const mergedId = records[0]!.id;
    expect([keepRecord, otherRecord]).not.toContain(mergedId);
    const byOldId = await fetch(`${sandbox!.url}/crm/v3/objects/contacts/${otherRecord}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(((await byOldId.json()) as { id: string }).id).toBe(mergedId);
    const link = db.prepare('SELECT contact_id, external_id FROM sync_links WHERE connection_id = ?').all(connectionId);
    expect(link).toEqual([{ contact_id: keep, external_id: mergedId }]);

    // one truth of pending work: the survivor waits, the other never will
    expect(countOutbox(db, connectionId).pending).toBe(1);
    sandbox!.admin.clearRequests();
    const run = await engine.syncNow(connectionId);
    expect(run.updated).toBe(1);
    expect(run.created).toBe(0);
    expect(sandbox!.admin.contacts()).toHaveLength(1);
    expect(sandbox!.admin.contact(mergedId)!.properties.jobtitle).toBe('Chief Engineer');
    const again = await engine.syncNow(connectionId);
    expect(again.apiCalls).toBe(0);
    await engine.stop();
  });

  it('a merge HubSpot refuses (503) is done in Ferry all the same, and the history says to merge the two records in HubSpot', async () => {
    const { db, card, connectionId, engine, recordActions } = await setUp();
    const keep = createContact(db, card, { firstName: 'Edsger', lastName: 'Dijkstra', emails: [{ value: 'ewd@utexas.example' }] }, region).id;
    const other = createContact(db, card, { firstName: 'Edsger', lastName: 'Dijkstra', emails: [{ value: 'ewd@home.example' }] }, region).id;
    await engine.syncNow(connectionId);
    const [first, second] = sandbox!.admin.contacts().map((c) => c.id);
    sandbox!.admin.injectFault({ kind: 'status', status: 503, count: 1, pathPrefix: '/crm/v3/objects/contacts/merge' });

    const result = await mergeContacts({ db, recordActions, now: () => Date.now() }, keep, other);
    expect(result.crms).toEqual([expect.objectContaining({ outcome: 'failed', message: expect.stringMatching(/Merge them in HubSpot; Ferry keeps updating \d+\./) })]);
    expect(getContact(db, other)!.deletedAt).not.toBeNull();
    expect(sandbox!.admin.contacts().map((c) => c.id)).toEqual([first, second]);
    // the survivor still updates its own record; the other is never sent again
    const run = await engine.syncNow(connectionId);
    expect(run.created).toBe(0);
    expect(sandbox!.admin.contacts()).toHaveLength(2);
    await engine.stop();
  });

  it('when only the other contact was in HubSpot, the survivor takes its record over: updated, never created twice', async () => {
    const { db, card, connectionId, engine, recordActions } = await setUp();
    const other = createContact(db, card, { firstName: 'Hedy', lastName: 'Lamarr', emails: [{ value: 'hedy@mgm.example' }] }, region).id;
    await engine.syncNow(connectionId);
    const record = sandbox!.admin.contacts()[0]!.id;
    // the same person added again, not sent yet
    const keep = createContact(db, card, { firstName: 'Hedy', lastName: 'Lamarr', title: 'Inventor', emails: [{ value: 'hedy@patents.example' }] }, region).id;
    const result = await mergeContacts({ db, recordActions, now: () => Date.now() }, keep, other);
    expect(result.crms).toEqual([]);
    expect(db.prepare('SELECT contact_id, external_id FROM sync_links WHERE connection_id = ?').all(connectionId)).toEqual([{ contact_id: keep, external_id: record }]);
    const run = await engine.syncNow(connectionId);
    expect(run).toMatchObject({ created: 0, updated: 1 });
    expect(sandbox!.admin.contacts()).toHaveLength(1);
    expect(sandbox!.admin.contact(record)!.properties.jobtitle).toBe('Inventor');
    await engine.stop();
  });

  it('forgets a person: the HubSpot record is erased and no byte of the person is left in the database file', async () => {
    const { db, dir, card, connectionId, engine, recordActions } = await setUp();
    const keepId = createContact(db, card, { firstName: 'Someone', lastName: 'Else', emails: [{ value: 'someone@else.example' }] }, region).id;
    const id = createContact(db, card, {
      firstName: 'Zelda', lastName: 'Quartermaine', emails: [{ value: 'zelda.quartermaine@privacy.example' }],
      company: 'Quartermaine Holdings', notes: 'Met at the Quartermaine stand', tags: ['quartermaine-lead'],
    }, region).id;
    await engine.syncNow(connectionId);
    // an edit leaves old → new history with the person's data in it
    updateContact(db, id, { title: 'Quartermaine CEO' }, region);
    await engine.syncNow(connectionId);
    expect(db.prepare('SELECT COUNT(*) FROM sync_events WHERE contact_id = ? AND changes LIKE ?').pluck().get(id, '%Quartermaine%')).toBe(2);
    expect(sandbox!.admin.contactByEmail('zelda.quartermaine@privacy.example')).toBeDefined();
    // a whole-run failure once quoted her in HubSpot's words
    db.prepare('UPDATE connections SET last_error_detail = ? WHERE id = ?').run('400: Property values were not valid: zelda.quartermaine@privacy.example', connectionId);

    const record = await forgetContact({ db, recordActions, now: () => Date.now() }, id);
    expect(record.crms).toEqual([expect.objectContaining({ crm: 'HubSpot', outcome: 'erased' })]);
    expect(sandbox!.admin.contactByEmail('zelda.quartermaine@privacy.example')).toBeUndefined();
    expect(sandbox!.admin.contacts()).toHaveLength(1);
    expect(getContact(db, id)).toBeUndefined();
    expect(getContact(db, keepId)).toBeDefined();
    expect(forgetLog(db)).toEqual([record]);
    expect(JSON.stringify(record)).not.toMatch(/zelda|quartermaine/i);
    await engine.stop();

    db.exec('VACUUM');
    db.close();
    const files = [DATABASE_FILE, `${DATABASE_FILE}-wal`].map((f) => join(dir, f)).filter((f) => existsSync(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = readFileSync(file).toString('latin1').toLowerCase();
      expect(bytes).not.toContain('quartermaine');
      expect(bytes).not.toContain('zelda');
      expect(bytes).toContain('someone@else.example');
    }
  });
});
