/**
 * CRM→Ferry deletes on pull, against the HubSpot sandbox (archived contacts
 * listed as HubSpot lists them) with real SQLite: off by default (kept, logged),
 * opt-in per connection to delete (restorable) or tag, and never a delete of a
 * contact with Ferry changes not sent yet.
 */
import { describe, expect, it } from 'vitest';
import { startHubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { createContact } from '../../main/store/contacts';
import { setFromCrmDeleteMode } from '../../main/forget/delete-setting';
import { deletesOnPullHarness, deletesOnPullTests } from '../support/deletes-on-pull';

const TOKEN = 'pat-na1-crm-deletes-test-0001';
const region = { region: 'US' };
const h = deletesOnPullHarness(() => startHubSpotSandbox({ port: 0, token: TOKEN }));

/** Two contacts sent to HubSpot on a two-way connection; HubSpot then archives Ada's record. */
async function adaArchivedInHubSpot(mode: 'off' | 'delete' | 'tag' | null): Promise<{ id: number; ada: number; bob: number; record: string }> {
  const ada = createContact(h.db, h.cardId, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }] }, region).id;
  const bob = createContact(h.db, h.cardId, { firstName: 'Bob', lastName: 'Babbage', emails: [{ value: 'bob@example.com' }] }, region).id;
  const c = await h.engine.connect({ cardId: h.cardId, kind: 'hubspot', config: { baseUrl: h.sandbox.url, auth: 'private-app' }, secrets: { private_app_token: TOKEN } });
  h.engine.setDirection(c.id, 'two-way');
  if (mode) setFromCrmDeleteMode(h.db, c.id, mode, Date.now());
  await h.engine.syncNow(c.id);
  await h.engine.pullNow(c.id);
  const record = h.sandbox.admin.contactByEmail('ada@example.com')?.id ?? '';
  expect(h.sandbox.admin.archiveContact(record)).toBe(true);
  return { id: c.id, ada, bob, record };
}

describe('the sandbox lists archived contacts as HubSpot does', () => {
  it('an archived contact leaves the list and search, and GET ?archived=true lists it with archivedAt', async () => {
    const [kept, gone] = h.sandbox.admin.writeContacts([{ properties: { email: 'a@example.com' } }, { properties: { email: 'b@example.com' } }]);
    h.sandbox.admin.archiveContact(gone?.id ?? '');
    const get = async (query: string): Promise<{ results: { id: string; archived: boolean; archivedAt?: string }[] }> =>
      (await fetch(`${h.sandbox.url}/crm/v3/objects/contacts?${query}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json() as never;
    expect((await get('limit=100')).results.map((r) => r.id)).toEqual([kept?.id]);
    const archived = (await get('limit=100&archived=true')).results;
    expect(archived).toEqual([expect.objectContaining({ id: gone?.id, archived: true, archivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) })]);
    // a saved sandbox keeps its archived contacts
    expect(h.sandbox.admin.exportState().archived?.map((a) => a.record.id)).toEqual([gone?.id]);
  });
});

describe('deletes in HubSpot reaching Ferry on pull', () => {
  deletesOnPullTests({
    crmName: 'HubSpot',
    h,
    adaDeleted: adaArchivedInHubSpot,
    deletesRead: 'list of archived contacts',
    // a pull after the first reads changes by search, so any call to the list is a read of archived contacts
    deletesReads: () => h.sandbox.admin.recentRequests().filter((r) => r.path === '/crm/v3/objects/contacts').length,
    clearRequests: () => h.sandbox.admin.clearRequests(),
    records: () => h.sandbox.admin.contacts().length,
  });
});
