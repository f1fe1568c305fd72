/**
 * Deletes taken from Zoho CRM read from a position (docs/vendor-facts.md Z13):
 * the first read lists every deleted Contact once; after it each pull asks with
 * If-Modified-Since from the newest deleted_time applied, so a pull with nothing
 * newly deleted costs one request (and one credit) however long the list is, a
 * delete made later still reaches Ferry, two deletes in one second across pulls
 * are both applied, a restart keeps the position, and Zoho's 304 reads as nothing.
 * Real SQLite, the Zoho sandbox on loopback; counts are of requests it served.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { setFromCrmDeleteMode } from '../../main/forget/delete-setting';
import { createContact, getContact } from '../../main/store/contacts';
import { openDatabase } from '../../main/store/db';
import { readSettingValue, writeSettingValue } from '../../main/store/settings';
import { createSyncEngine } from '../../main/sync/engine';
import { FakeClock } from '../support/fake-clock';
import { zohoHarness, type ZohoHarness } from '../support/zoho-harness';

const region = { region: 'US' };
/** the sandbox org's clock, moved by hand: deletes made together share one deleted_time second */
let orgNow = 0;
/** deleted Contacts Ferry never linked, already in Zoho's list before Ferry's first read: 3 pages of 200 */
const OLD_DELETES = 450;

interface Deletes { h: ZohoHarness; ada: number; bob: number; adaRecord: string; bobRecord: string }

/**
 * Ada and Bob sent to Zoho on a two-way connection that deletes in Ferry what Zoho
 * deleted; 450 other Contacts deleted in Zoho before; one pull has read the whole list.
 */
async function afterFirstRead(): Promise<Deletes> {
  orgNow = Date.parse('2026-11-02T09:00:00.100Z');
  const h = await zohoHarness({ sandbox: { clock: () => orgNow, credits: 10_000_000 } });
  h.engine.setDirection(h.connection.id, 'two-way');
  setFromCrmDeleteMode(h.db, h.connection.id, 'delete', Date.now());
  // one a second over the morning: the newest second (which every later pull reads again) holds one of them
  for (let i = 0; i < OLD_DELETES; i++) {
    h.sandbox.admin.deleteContact(h.sandbox.admin.seedContact({ Last_Name: `Gone${i}` }));
    orgNow += 1_000;
  }
  const ada = createContact(h.db, h.cardId, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }] }, region).id;
  const bob = createContact(h.db, h.cardId, { firstName: 'Bob', lastName: 'Babbage', emails: [{ value: 'bob@example.com' }] }, region).id;
  orgNow += 60_000;
  await h.engine.syncNow(h.connection.id);
  h.sandbox.admin.clearRequests();
  expect((await h.engine.pullNow(h.connection.id)).state).toBe('succeeded');
  // the first read lists everything Zoho deleted, once
  expect(deletedCalls(h)).toHaveLength(Math.ceil(OLD_DELETES / 200));
  const record = (email: string): string => h.sandbox.admin.contacts().find((c) => c.fields.Email === email)?.id ?? '';
  orgNow += 60_000;
  return { h, ada, bob, adaRecord: record('ada@example.com'), bobRecord: record('bob@example.com') };
}

const deletedCalls = (h: ZohoHarness) => h.sandbox.admin.recentRequests().filter((r) => r.path.endsWith('/Contacts/deleted'));
const positionKey = (h: ZohoHarness): string => `pull.deletes-position.${h.connection.id}`;

describe('deletes taken from Zoho CRM, read from a position', () => {
  it('a pull with nothing newly deleted reads the list once, costs one credit for it, and changes nothing', async () => {
    const { h, ada, bob } = await afterFirstRead();
    h.sandbox.admin.clearRequests();
    const credits = h.sandbox.admin.snapshot().creditsUsed;
    expect((await h.engine.pullNow(h.connection.id)).state).toBe('succeeded');
    expect(deletedCalls(h)).toHaveLength(1);
    // 1 credit for the COQL probe, 1 for the deleted list
    expect(h.sandbox.admin.snapshot().creditsUsed - credits).toBe(2);
    expect(getContact(h.db, ada)?.deletedAt).toBeNull();
    expect(getContact(h.db, bob)?.deletedAt).toBeNull();
  });

  it('a Contact deleted in Zoho after the first read is deleted in Ferry, in one request', async () => {
    const { h, ada, bob, adaRecord } = await afterFirstRead();
    expect(h.sandbox.admin.deleteContact(adaRecord)).toBe(true);
    h.sandbox.admin.clearRequests();
    expect((await h.engine.pullNow(h.connection.id)).state).toBe('succeeded');
    expect(getContact(h.db, ada)?.deletedAt).not.toBeNull();
    expect(getContact(h.db, bob)?.deletedAt).toBeNull();
    expect(deletedCalls(h)).toHaveLength(1);
  });

  it('two Contacts deleted in the same second, one before a pull and one after it, both reach Ferry', async () => {
    const { h, ada, bob, adaRecord, bobRecord } = await afterFirstRead();
    h.sandbox.admin.deleteContact(adaRecord);
    await h.engine.pullNow(h.connection.id);
    expect(getContact(h.db, ada)?.deletedAt).not.toBeNull();
    orgNow += 400; // the same deleted_time second as Ada's, which is now the position
    h.sandbox.admin.deleteContact(bobRecord);
    expect((await h.engine.pullNow(h.connection.id)).state).toBe('succeeded');
    expect(getContact(h.db, bob)?.deletedAt).not.toBeNull();
  });

  it('a restart keeps the position: the next Ferry reads only what is new', async () => {
    const { h, ada, adaRecord } = await afterFirstRead();
    await h.engine.stop();
    const db = openDatabase(path.dirname(h.db.name));
    // a new process: nothing kept in memory, the same data folder and keychain
    const engine = createSyncEngine({ db, connectors: new ConnectorRegistry({ vault: h.vault }), clock: new FakeClock(Date.now()), random: () => 0.5 });
    try {
      h.sandbox.admin.deleteContact(adaRecord);
      h.sandbox.admin.clearRequests();
      expect((await engine.pullNow(h.connection.id)).state).toBe('succeeded');
      expect(getContact(db, ada)?.deletedAt).not.toBeNull();
      expect(deletedCalls(h)).toHaveLength(1);
    } finally {
      await engine.stop();
      db.close();
    }
  });

  it("the position is the newest deletion over the whole list, which Zoho does not give newest first", async () => {
    const { h, adaRecord, bobRecord } = await afterFirstRead();
    h.sandbox.admin.deleteContact(bobRecord);
    orgNow += 5_000;
    h.sandbox.admin.deleteContact(adaRecord);
    h.sandbox.admin.purgeContact(adaRecord); // listed after the Recycle Bin's entries, though newer
    await h.engine.pullNow(h.connection.id);
    expect(readSettingValue(h.db, positionKey(h))).toEqual({ deletedTime: new Date(orgNow).toISOString().replace(/\.\d{3}Z$/, '+00:00') });
  });

  it('when Zoho has nothing after the position it answers 304: the pull reads nothing and the position stays', async () => {
    const { h, ada } = await afterFirstRead();
    const later = { deletedTime: new Date(orgNow + 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+00:00') };
    writeSettingValue(h.db, positionKey(h), later);
    h.sandbox.admin.clearRequests();
    expect((await h.engine.pullNow(h.connection.id)).state).toBe('succeeded');
    expect(deletedCalls(h).map((r) => r.status)).toEqual([304]);
    expect(readSettingValue(h.db, positionKey(h))).toEqual(later);
    expect(getContact(h.db, ada)?.deletedAt).toBeNull();
  });
});
