/**
 * CRM→Ferry deletes on pull, against the HubSpot sandbox (archived contacts
 * listed as HubSpot lists them) with real SQLite: off by default (kept, logged),
 * opt-in per connection to delete (restorable) or tag, and never a delete of a
 * contact with Ferry changes not sent yet.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { createCard } from '../../main/store/cards';
import { createContact, getContact, restoreContact, updateContact } from '../../main/store/contacts';
import { openDatabase, type Db } from '../../main/store/db';
import { countOutbox } from '../../main/store/outbox';
import { setFromCrmDeleteMode } from '../../main/forget/delete-setting';
import { createSyncEngine, type SyncEngine } from '../../main/sync/engine';
import { tempDir } from '../support/temp-dir';

const TOKEN = 'pat-na1-crm-deletes-test-0001';
const region = { region: 'US' };
let sandbox: HubSpotSandbox;
let db: Db;
let engine: SyncEngine;
let cardId: number;

beforeEach(async () => {
  sandbox = await startHubSpotSandbox({ port: 0, token: TOKEN });
  db = openDatabase(tempDir());
  engine = createSyncEngine({ db, connectors: new ConnectorRegistry({ vault: new InMemoryVault() }) });
  cardId = createCard(db, 'Deletes').id;
});

afterEach(async () => {
  await engine.stop();
  db.close();
  await sandbox.close();
});

/** Two contacts sent to HubSpot on a two-way connection; HubSpot then archives Ada's record. */
async function adaArchivedInHubSpot(mode: 'off' | 'delete' | 'tag' | null): Promise<{ id: number; ada: number; bob: number; record: string }> {
  const ada = createContact(db, cardId, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }] }, region).id;
  const bob = createContact(db, cardId, { firstName: 'Bob', lastName: 'Babbage', emails: [{ value: 'bob@example.com' }] }, region).id;
  const c = await engine.connect({ cardId, kind: 'hubspot', config: { baseUrl: sandbox.url, auth: 'private-app' }, secrets: { private_app_token: TOKEN } });
  engine.setDirection(c.id, 'two-way');
  if (mode) setFromCrmDeleteMode(db, c.id, mode, Date.now());
  await engine.syncNow(c.id);
  await engine.pullNow(c.id);
  const record = sandbox.admin.contactByEmail('ada@example.com')?.id ?? '';
  expect(sandbox.admin.archiveContact(record)).toBe(true);
  return { id: c.id, ada, bob, record };
}

const events = (contactId: number): string[] =>
  db.prepare('SELECT message FROM sync_events WHERE contact_id = ? AND message IS NOT NULL ORDER BY id').pluck().all(contactId) as string[];

describe('the sandbox lists archived contacts as HubSpot does', () => {
  it('an archived contact leaves the list and search, and GET ?archived=true lists it with archivedAt', async () => {
    const [kept, gone] = sandbox.admin.writeContacts([{ properties: { email: 'a@example.com' } }, { properties: { email: 'b@example.com' } }]);
    sandbox.admin.archiveContact(gone?.id ?? '');
    const get = async (query: string): Promise<{ results: { id: string; archived: boolean; archivedAt?: string }[] }> =>
      (await fetch(`${sandbox.url}/crm/v3/objects/contacts?${query}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json() as never;
    expect((await get('limit=100')).results.map((r) => r.id)).toEqual([kept?.id]);
    const archived = (await get('limit=100&archived=true')).results;
    expect(archived).toEqual([expect.objectContaining({ id: gone?.id, archived: true, archivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) })]);
    // a saved sandbox keeps its archived contacts
    expect(sandbox.admin.exportState().archived?.map((a) => a.record.id)).toEqual([gone?.id]);
  });
});

describe('deletes in HubSpot reaching Ferry on pull', () => {
  it('off (the default): Ferry does not look, so a pull costs no call for it and the contact stays as it is', async () => {
    const { id, ada, bob } = await adaArchivedInHubSpot(null);
    sandbox.admin.clearRequests();
    const pulled = await engine.pullNow(id);
    expect(pulled.state).toBe('succeeded');
    expect(pulled.error).toBeNull();
    expect(getContact(db, ada)?.deletedAt).toBeNull();
    expect(events(ada).some((m) => m.startsWith('Deleted in HubSpot'))).toBe(false);
    // no list of archived records: only the connection's own choice to take deletes pays for it
    expect(sandbox.admin.recentRequests().filter((r) => r.path === '/crm/v3/objects/contacts').length).toBe(0);
    expect(getContact(db, bob)?.deletedAt).toBeNull();
  });

  it('delete: the contact is deleted in Ferry, the others stay, and Restore brings it back', async () => {
    const { id, ada, bob } = await adaArchivedInHubSpot('delete');
    await engine.pullNow(id);
    expect(getContact(db, ada)?.deletedAt).not.toBeNull();
    expect(getContact(db, bob)?.deletedAt).toBeNull();
    expect(events(ada)).toContain('Deleted in HubSpot, so deleted in Ferry too (Restore brings it back).');
    // never sent back as a delete to the CRM that deleted it
    expect(countOutbox(db, id).pending).toBe(0);
    expect(restoreContact(db, ada)).toBe(true);
    expect(getContact(db, ada)?.firstName).toBe('Ada');
  });

  it('tag: the contact stays, tagged "Deleted in HubSpot", and the tag is not pushed back to HubSpot', async () => {
    const { id, ada } = await adaArchivedInHubSpot('tag');
    await engine.pullNow(id);
    expect(getContact(db, ada)).toMatchObject({ deletedAt: null, tags: ['Deleted in HubSpot'] });
    expect(countOutbox(db, id).pending).toBe(0);
    const before = sandbox.admin.contacts().length;
    await engine.syncNow(id);
    expect(sandbox.admin.contacts().length).toBe(before);
  });

  it('delete never drops unsent Ferry changes: such a contact is kept and tagged, the edit with it', async () => {
    const { id, ada } = await adaArchivedInHubSpot('delete');
    updateContact(db, ada, { title: 'Countess' }, region);
    expect(countOutbox(db, id).pending).toBe(1);
    await engine.pullNow(id);
    expect(getContact(db, ada)).toMatchObject({ deletedAt: null, title: 'Countess', tags: ['Deleted in HubSpot'] });
    expect(events(ada).at(-1)).toBe('Deleted in HubSpot; kept in Ferry and tagged "Deleted in HubSpot" because it has changes not sent yet.');
  });
});
