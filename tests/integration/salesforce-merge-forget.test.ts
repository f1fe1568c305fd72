/**
 * Salesforce: its REST API has no merge, so a merge tells the user what to do
 * there; "forget this person" and opted-in deletes delete the record
 * (DELETE /sobjects/Contact/{id}) against the Salesforce sandbox.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { recordActionsFor } from '../../main/crm/record-actions';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../main/sandbox/salesforce/index';
import { createCard } from '../../main/store/cards';
import { createContact, deleteContact, getContact } from '../../main/store/contacts';
import { openDatabase, type Db } from '../../main/store/db';
import { createSyncEngine } from '../../main/sync/engine';
import { mergeContacts } from '../../main/duplicates/merge-service';
import { forgetContact } from '../../main/forget/forget-service';
import { setDeleteMode } from '../../main/forget/delete-setting';
import { tempDir } from '../support/temp-dir';

const TOKEN = '00Dmergeforget!token.0001';

describe('Salesforce merge, forget and deletes', () => {
  let sandbox: SalesforceSandbox | undefined;
  let db: Db | undefined;
  afterEach(async () => {
    db?.close();
    await sandbox?.close();
  });

  async function setUp() {
    sandbox = await startSalesforceSandbox({ port: 0, token: TOKEN });
    db = openDatabase(tempDir());
    const registry = new ConnectorRegistry({ vault: new InMemoryVault() });
    const engine = createSyncEngine({ db, connectors: registry });
    const card = createCard(db, 'Org').id;
    const c = await engine.connect({ cardId: card, kind: 'salesforce', config: { baseUrl: sandbox.url, object: 'Contact' }, secrets: { access_token: TOKEN } });
    const a = createContact(db, card, { firstName: 'Mary', lastName: 'Somerville', emails: [{ value: 'mary@royal.example' }] }, { region: 'GB' }).id;
    const b = createContact(db, card, { firstName: 'Mary', lastName: 'Somervile', emails: [{ value: 'm.somerville@home.example' }] }, { region: 'GB' }).id;
    await engine.syncNow(c.id);
    expect(sandbox.admin.records('Contact')).toHaveLength(2);
    return { db, engine, connectionId: c.id, a, b, deps: { db, recordActions: (x: Parameters<typeof registry.create>[0]) => recordActionsFor(registry, x), now: () => Date.now() } };
  }

  it('a merge in Ferry says what to do in Salesforce, whose two records stay until the user merges them there', async () => {
    const { db, engine, connectionId, a, b, deps } = await setUp();
    const result = await mergeContacts(deps, a, b);
    expect(result.crms).toEqual([expect.objectContaining({ outcome: 'manual', message: expect.stringContaining('https://help.salesforce.com/s/articleView?id=sf.contacts_merge.htm') })]);
    expect(sandbox!.admin.records('Contact')).toHaveLength(2);
    const history = db.prepare('SELECT message FROM sync_events WHERE contact_id = ? AND message LIKE ?').pluck().all(a, '%Merge Contacts%');
    expect(history).toHaveLength(1);
    // the survivor keeps its own record; the other one is never pushed again
    const run = await engine.syncNow(connectionId);
    expect(run.created).toBe(0);
    expect(sandbox!.admin.records('Contact')).toHaveLength(2);
    await engine.stop();
  });

  it('forget deletes the Salesforce record and says the Recycle Bin keeps it 15 days', async () => {
    const { engine, a, deps } = await setUp();
    const record = await forgetContact(deps, a);
    expect(record.crms).toEqual([expect.objectContaining({ crm: 'Salesforce', outcome: 'erased', message: expect.stringContaining('Recycle Bin') })]);
    expect(sandbox!.admin.recordsByEmail('Contact', 'mary@royal.example')).toHaveLength(0);
    expect(sandbox!.admin.records('Contact')).toHaveLength(1);
    expect(getContact(deps.db, a)).toBeUndefined();
    await engine.stop();
  });

  it('opted-in deletes delete the record once', async () => {
    const { db, engine, connectionId, b } = await setUp();
    setDeleteMode(db, connectionId, 'archive', Date.now());
    deleteContact(db, b);
    await engine.syncNow(connectionId);
    expect(sandbox!.admin.records('Contact').map((r) => r.fields.Email)).toEqual(['mary@royal.example']);
    expect(db.prepare('SELECT message FROM sync_events WHERE contact_id = ? ORDER BY id DESC LIMIT 1').pluck().get(b)).toMatch(/^Deleted in Ferry, deleted in Salesforce\./);
    await engine.stop();
  });
});
