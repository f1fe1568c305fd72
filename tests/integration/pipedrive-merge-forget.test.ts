/**
 * Pipedrive: a merge in Ferry merges the two persons in Pipedrive (v1 mergePersons,
 * the kept contact's person wins); "forget this person" and opted-in deletes delete
 * the person (v2 deletePerson), saying Pipedrive erases it for good after 30 days;
 * all against the Pipedrive sandbox on loopback, and `ferry deletes pipedrive` from the CLI.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { recordActionsFor } from '../../main/crm/record-actions';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startPipedriveSandbox, type PipedriveSandbox } from '../../main/sandbox/pipedrive/index';
import { createCard } from '../../main/store/cards';
import { createContact, deleteContact, getContact, updateContact } from '../../main/store/contacts';
import { openDatabase, type Db } from '../../main/store/db';
import { createSyncEngine, type SyncEngine } from '../../main/sync/engine';
import { mergeContacts } from '../../main/duplicates/merge-service';
import { forgetContact } from '../../main/forget/forget-service';
import { setDeleteMode } from '../../main/forget/delete-setting';
import { tempDir } from '../support/temp-dir';
import { runFerry } from '../support/run-ferry';

const TOKEN = 'pd-merge-forget-token-0123456789';

describe('Pipedrive merge, forget and deletes', () => {
  let sandbox: PipedriveSandbox | undefined;
  let db: Db | undefined;
  let engine: SyncEngine | undefined;
  afterEach(async () => {
    await engine?.stop();
    db?.close();
    await sandbox?.close();
  });

  async function setUp() {
    sandbox = await startPipedriveSandbox({ port: 0, token: TOKEN, limits: { burst: 100_000, searchBurst: 100_000, dailyBudget: 1_000_000_000 } });
    const dataDir = tempDir();
    db = openDatabase(dataDir);
    const registry = new ConnectorRegistry({ vault: new InMemoryVault() });
    engine = createSyncEngine({ db, connectors: registry });
    const card = createCard(db, 'Org').id;
    const c = await engine.connect({ cardId: card, kind: 'pipedrive', mode: 'manual', config: { baseUrl: sandbox.url, auth: 'private-app' }, secrets: { private_app_token: TOKEN } });
    const a = createContact(db, card, { firstName: 'Mary', lastName: 'Somerville', emails: [{ value: 'mary@royal.example' }] }, { region: 'GB' }).id;
    const b = createContact(db, card, { firstName: 'Mary', lastName: 'Somervile', emails: [{ value: 'm.somerville@home.example' }], phones: [{ raw: '+44 20 7946 0018' }] }, { region: 'GB' }).id;
    await engine.syncNow(c.id);
    expect(sandbox.admin.persons()).toHaveLength(2);
    const personOf = (contactId: number): number => Number(db!.prepare('SELECT external_id FROM sync_links WHERE connection_id = ? AND contact_id = ?').pluck().get(c.id, contactId));
    return { db, engine, dataDir, connectionId: c.id, a, b, personOf, deps: { db, recordActions: (x: Parameters<typeof registry.create>[0]) => recordActionsFor(registry, x), now: () => Date.now() } };
  }

  it('a merge in Ferry merges the two persons in Pipedrive: the kept contact\'s person stays, with its id, and a later sync updates it', async () => {
    const { db, engine, connectionId, a, b, personOf, deps } = await setUp();
    const keep = personOf(a);
    const other = personOf(b);
    const result = await mergeContacts(deps, a, b);
    expect(result.crms).toEqual([expect.objectContaining({ outcome: 'merged', crm: 'Pipedrive' })]);
    const persons = sandbox!.admin.persons();
    expect(persons.map((p) => p.id)).toEqual([keep]);
    expect(persons.find((p) => p.id === other)).toBeUndefined();
    expect(db.prepare('SELECT contact_id, external_id FROM sync_links WHERE connection_id = ?').all(connectionId)).toEqual([{ contact_id: a, external_id: String(keep) }]);
    updateContact(db, a, { title: 'Polymath' }, { region: 'GB' });
    const run = await engine.syncNow(connectionId);
    expect(run).toMatchObject({ created: 0, updated: 1 });
    expect(sandbox!.admin.persons()).toHaveLength(1);
  });

  it('forget deletes the Pipedrive person and says Pipedrive erases it for good after 30 days', async () => {
    const { a, deps } = await setUp();
    const record = await forgetContact(deps, a);
    expect(record.crms).toEqual([expect.objectContaining({ crm: 'Pipedrive', outcome: 'erased', message: expect.stringContaining('30 days') })]);
    expect(sandbox!.admin.persons().map((p) => p.emails[0]?.value)).toEqual(['m.somerville@home.example']);
    expect(getContact(deps.db, a)).toBeUndefined();
  });

  it('opted-in deletes delete the person once; `ferry deletes pipedrive` says what it does', async () => {
    const { db, engine, dataDir, connectionId, b } = await setUp();
    const before = await runFerry(['--data-dir', dataDir, 'deletes', 'pipedrive']);
    expect(before.stdout).toContain('Contacts deleted in Ferry are kept in Pipedrive.');
    const set = await runFerry(['--data-dir', dataDir, 'deletes', 'pipedrive', 'archive']);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('deleted in Pipedrive (it erases them for good after 30 days)');
    setDeleteMode(db, connectionId, 'archive', Date.now());
    deleteContact(db, b);
    await engine.syncNow(connectionId);
    expect(sandbox!.admin.persons().map((p) => p.emails[0]?.value)).toEqual(['mary@royal.example']);
    expect(db.prepare('SELECT message FROM sync_events WHERE contact_id = ? ORDER BY id DESC LIMIT 1').pluck().get(b)).toMatch(/^Deleted in Ferry, deleted in Pipedrive\./);
    sandbox!.admin.clearRequests();
    await engine.syncNow(connectionId);
    expect(sandbox!.admin.recentRequests().filter((r) => r.method === 'DELETE')).toHaveLength(0);
  });
});
