/**
 * Zoho CRM: a merge in Ferry merges the two records in Zoho (Merge Records API),
 * "forget this person" deletes the record and empties its Recycle Bin entry, and
 * opted-in deletes move the record to the Recycle Bin, against the Zoho sandbox.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { recordActionsFor } from '../../main/crm/record-actions';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startZohoSandbox, type ZohoSandbox } from '../../main/sandbox/zoho/index';
import { createCard } from '../../main/store/cards';
import { createContact, deleteContact, getContact } from '../../main/store/contacts';
import { openDatabase, type Db } from '../../main/store/db';
import { createSyncEngine } from '../../main/sync/engine';
import { mergeContacts } from '../../main/duplicates/merge-service';
import { forgetContact } from '../../main/forget/forget-service';
import { deleteModeSentence, setDeleteMode } from '../../main/forget/delete-setting';
import { requireConnection } from '../../main/store/connections';
import { tempDir } from '../support/temp-dir';

const TOKEN = '1000.merge-forget-token-0123456789';
/** the scopes Ferry's own sign-in asks for (destinations/zoho.ts): no Recycle Bin scope */
const FERRY_SCOPES = ['ZohoCRM.modules.contacts.ALL', 'ZohoCRM.settings.fields.ALL', 'ZohoCRM.org.READ', 'ZohoCRM.coql.READ'];

describe('Zoho CRM merge, forget and deletes', () => {
  let sandbox: ZohoSandbox | undefined;
  let db: Db | undefined;
  afterEach(async () => {
    db?.close();
    await sandbox?.close();
  });

  async function setUp(scopes?: string[]) {
    sandbox = await startZohoSandbox({ port: 0 });
    sandbox.admin.registerToken({ token: TOKEN, ...(scopes ? { scopes } : {}) });
    db = openDatabase(tempDir());
    const registry = new ConnectorRegistry({ vault: new InMemoryVault() });
    const engine = createSyncEngine({ db, connectors: registry });
    const card = createCard(db, 'Org').id;
    const c = await engine.connect({ cardId: card, kind: 'zoho', config: { baseUrl: sandbox.url, region: 'com' }, secrets: { access_token: TOKEN } });
    const a = createContact(db, card, { firstName: 'Mary', lastName: 'Somerville', title: 'Scientist', emails: [{ value: 'mary@royal.example' }] }, { region: 'GB' }).id;
    const b = createContact(db, card, { firstName: 'Mary', lastName: 'Somervile', emails: [{ value: 'm.somerville@home.example' }] }, { region: 'GB' }).id;
    await engine.syncNow(c.id);
    expect(sandbox.admin.contacts()).toHaveLength(2);
    return { db, engine, connectionId: c.id, a, b, deps: { db, recordActions: (x: Parameters<typeof registry.create>[0]) => recordActionsFor(registry, x), now: () => Date.now() } };
  }
  const idOf = (email: string): string => sandbox!.admin.contacts().find((r) => r.fields.Email === email)?.id ?? '';

  it('a merge in Ferry merges the two records in Zoho: the survivor keeps its record and id, the other goes, and the next sync creates nothing', async () => {
    const { engine, connectionId, a, b, deps } = await setUp();
    const kept = idOf('mary@royal.example');
    const result = await mergeContacts(deps, a, b);
    expect(result.crms).toEqual([expect.objectContaining({ outcome: 'merged' })]);
    expect(sandbox!.admin.contacts().map((r) => r.id)).toEqual([kept]);
    const run = await engine.syncNow(connectionId);
    expect(run.created).toBe(0);
    expect(sandbox!.admin.contacts()).toHaveLength(1);
    expect(sandbox!.admin.contacts()[0]?.fields.Ferry_Id).toBe(getContact(deps.db, a)?.uid);
    await engine.stop();
  });

  it('forget deletes the Zoho record and empties its Recycle Bin entry', async () => {
    const { engine, a, deps } = await setUp();
    const record = idOf('mary@royal.example');
    const forgotten = await forgetContact(deps, a);
    expect(forgotten.crms).toEqual([expect.objectContaining({ crm: 'Zoho CRM', outcome: 'erased', message: 'Deleted in Zoho CRM. Its Recycle Bin entry is deleted too: the record is gone for good.' })]);
    expect(sandbox!.admin.contacts()).toHaveLength(1);
    expect(sandbox!.admin.exportState().deleted).toEqual([expect.objectContaining({ id: record, type: 'permanent', displayName: null })]);
    expect(getContact(deps.db, a)).toBeUndefined();
    await engine.stop();
  });

  it("forget with Ferry's own sign-in (no Recycle Bin scope) deletes the record and says to empty the Recycle Bin", async () => {
    const { engine, a, deps } = await setUp(FERRY_SCOPES);
    const forgotten = await forgetContact(deps, a);
    expect(forgotten.crms).toEqual([expect.objectContaining({ outcome: 'erased', message: expect.stringContaining('Recycle Bin for 60 days') })]);
    expect(sandbox!.admin.exportState().deleted).toEqual([expect.objectContaining({ type: 'recycle' })]);
    await engine.stop();
  });

  it('opted-in deletes move the record to the Recycle Bin, once', async () => {
    const { db, engine, connectionId, b } = await setUp();
    setDeleteMode(db, connectionId, 'archive', Date.now());
    expect(deleteModeSentence(requireConnection(db, connectionId))).toBe('Contacts deleted in Ferry are deleted in Zoho CRM (they wait in its Recycle Bin for 60 days).');
    deleteContact(db, b);
    await engine.syncNow(connectionId);
    expect(sandbox!.admin.contacts().map((r) => r.fields.Email)).toEqual(['mary@royal.example']);
    expect(db.prepare('SELECT message FROM sync_events WHERE contact_id = ? ORDER BY id DESC LIMIT 1').pluck().get(b)).toMatch(/^Deleted in Ferry, deleted in Zoho CRM\./);
    expect(sandbox!.admin.exportState().deleted).toEqual([expect.objectContaining({ type: 'recycle' })]);
    await engine.syncNow(connectionId);
    expect(sandbox!.admin.exportState().deleted).toHaveLength(1);
    await engine.stop();
  });
});
