import { afterEach, beforeEach, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { createCard } from '../../main/store/cards';
import { createContact, getContact, restoreContact, updateContact } from '../../main/store/contacts';
import { openDatabase, type Db } from '../../main/store/db';
import type { CrmDeleteMode } from '../../main/store/crm-deletes';
import { setFromCrmDeleteMode } from '../../main/forget/delete-setting';
import { countOutbox } from '../../main/store/outbox';
import { createSyncEngine, type SyncEngine } from '../../main/sync/engine';
import { tempDir } from './temp-dir';

/** What a deletes-on-pull test works with; the fields are the running test's own, made fresh before it. */
export interface DeletesOnPullHarness<S> {
  sandbox: S;
  db: Db;
  engine: SyncEngine;
  /** the engine's connectors (a merge reaches the CRM through them) */
  registry: ConnectorRegistry;
  cardId: number;
  /** the Sync log's sentences about one contact, oldest first */
  events(contactId: number): string[];
}

/**
 * Before each test of the file: a sandbox from `start`, a real SQLite file, the
 * engine with an in-memory keychain and a card; after it, all stopped and closed.
 * Call at the top of a test file.
 */
export function deletesOnPullHarness<S extends { close(): Promise<void> }>(start: () => Promise<S>): DeletesOnPullHarness<S> {
  const h = {
    events: (contactId: number): string[] =>
      h.db.prepare('SELECT message FROM sync_events WHERE contact_id = ? AND message IS NOT NULL ORDER BY id').pluck().all(contactId) as string[],
  } as DeletesOnPullHarness<S>;
  beforeEach(async () => {
    h.sandbox = await start();
    h.db = openDatabase(tempDir());
    h.registry = new ConnectorRegistry({ vault: new InMemoryVault() });
    h.engine = createSyncEngine({ db: h.db, connectors: h.registry });
    h.cardId = createCard(h.db, 'Deletes').id;
  });
  afterEach(async () => {
    await h.engine.stop();
    h.db.close();
    await h.sandbox.close();
  });
  return h;
}

const region = { region: 'US' };

/** What the shared setup needs of one CRM's sandbox (`R`: its record ids): the rest is the same for every CRM. */
export interface AdaAndBobCrm<R = string> {
  /** the connection Ferry sends to: connects now, or names the one the harness made */
  connect(): Promise<number>;
  /** the id of the CRM's record with this e-mail (undefined: none) */
  recordOf(email: string): R | undefined;
  /** deletes (HubSpot: archives) the record in the CRM, as its user would; false when it was not there */
  deleteRecord(id: R): boolean;
}

/**
 * The setup every deletes-on-pull test starts from: Ada and Bob made in Ferry, sent to the CRM
 * on a two-way connection that does `mode` (null: the default) with the deletes it reads, and
 * pulled once; then the CRM deletes Ada's record. Returns the connection, both contacts and
 * Ada's record.
 */
export async function adaAndBobThenAdaDeleted<R = string>(
  h: { db: Db; engine: SyncEngine; cardId: number },
  crm: AdaAndBobCrm<R>,
  mode: CrmDeleteMode | null,
): Promise<{ id: number; ada: number; bob: number; record: R }> {
  const ada = createContact(h.db, h.cardId, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }] }, region).id;
  const bob = createContact(h.db, h.cardId, { firstName: 'Bob', lastName: 'Babbage', emails: [{ value: 'bob@example.com' }] }, region).id;
  const id = await crm.connect();
  h.engine.setDirection(id, 'two-way');
  if (mode) setFromCrmDeleteMode(h.db, id, mode, Date.now());
  await h.engine.syncNow(id);
  await h.engine.pullNow(id);
  const record = crm.recordOf('ada@example.com');
  if (record === undefined) throw new Error("Ada's record is not in the CRM after the sync");
  expect(crm.deleteRecord(record)).toBe(true);
  return { id, ada, bob, record };
}

/**
 * What every CRM whose deletes a two-way connection takes on pull must do with Ada's
 * record deleted there (`adaDeleted`: Ada and Bob sent and pulled once with `mode`, null
 * the default, then Ada's record deleted in the CRM): off reads nothing and keeps her,
 * delete deletes her in Ferry (restorable) and sends nothing back, tag keeps her tagged,
 * and unsent Ferry changes are never dropped. Call inside the CRM's describe block.
 */
export function deletesOnPullTests<S>(o: {
  crmName: string;
  h: DeletesOnPullHarness<S>;
  adaDeleted: (mode: CrmDeleteMode | null) => Promise<{ id: number; ada: number; bob: number }>;
  /** the request that reads the CRM's deletes, as a rep would call it */
  deletesRead: string;
  /** the CRM's requests that read deletes since its request log was cleared */
  deletesReads: () => number;
  clearRequests: () => void;
  /** the contact records the CRM holds */
  records: () => number;
}): void {
  const { h, crmName } = o;

  it(`off (the default): Ferry does not look, so a pull makes no ${o.deletesRead} and the contact stays as it is`, async () => {
    const { id, ada, bob } = await o.adaDeleted(null);
    o.clearRequests();
    const pulled = await h.engine.pullNow(id);
    expect(pulled).toMatchObject({ state: 'succeeded', error: null });
    expect(getContact(h.db, ada)?.deletedAt).toBeNull();
    expect(h.events(ada).some((m) => m.startsWith(`Deleted in ${crmName}`))).toBe(false);
    // only the connection's own choice to take deletes pays for reading them
    expect(o.deletesReads()).toBe(0);
    expect(getContact(h.db, bob)?.deletedAt).toBeNull();
  });

  it('delete: the contact is deleted in Ferry, the other stays, nothing is sent back, and Restore brings it back', async () => {
    const { id, ada, bob } = await o.adaDeleted('delete');
    const pulled = await h.engine.pullNow(id);
    expect(pulled.error).toBe(`1 contact was deleted in ${crmName}: see the log.`);
    expect(getContact(h.db, ada)?.deletedAt).not.toBeNull();
    expect(getContact(h.db, bob)?.deletedAt).toBeNull();
    expect(h.events(ada)).toContain(`Deleted in ${crmName}, so deleted in Ferry too (Restore brings it back).`);
    // never sent back as a delete to the CRM that deleted it
    expect(countOutbox(h.db, id).pending).toBe(0);
    expect(restoreContact(h.db, ada)).toBe(true);
    expect(getContact(h.db, ada)?.firstName).toBe('Ada');
  });

  it(`tag: the contact stays, tagged "Deleted in ${crmName}", and the tag is not pushed back to ${crmName}`, async () => {
    const { id, ada } = await o.adaDeleted('tag');
    await h.engine.pullNow(id);
    expect(getContact(h.db, ada)).toMatchObject({ deletedAt: null, tags: [`Deleted in ${crmName}`] });
    expect(countOutbox(h.db, id).pending).toBe(0);
    const before = o.records();
    await h.engine.syncNow(id);
    expect(o.records()).toBe(before);
  });

  it('delete never drops unsent Ferry changes: such a contact is kept and tagged, the edit with it', async () => {
    const { id, ada } = await o.adaDeleted('delete');
    updateContact(h.db, ada, { title: 'Countess' }, region);
    expect(countOutbox(h.db, id).pending).toBe(1);
    await h.engine.pullNow(id);
    expect(getContact(h.db, ada)).toMatchObject({ deletedAt: null, title: 'Countess', tags: [`Deleted in ${crmName}`] });
    expect(h.events(ada).at(-1)).toBe(`Deleted in ${crmName}; kept in Ferry and tagged "Deleted in ${crmName}" because it has changes not sent yet.`);
  });
}
