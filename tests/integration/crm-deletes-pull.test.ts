/**
 * CRM→Ferry deletes on pull, against the HubSpot sandbox (archived contacts
 * listed as HubSpot lists them) with real SQLite: off by default (kept, logged),
 * opt-in per connection to delete (restorable) or tag, and never a delete of a
 * contact with Ferry changes not sent yet.
 */
import { describe, expect, it } from 'vitest';
import { startHubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { adaAndBobThenAdaDeleted, deletesOnPullHarness, deletesOnPullTests } from '../support/deletes-on-pull';

const TOKEN = 'pat-na1-crm-deletes-test-0001';
const h = deletesOnPullHarness(() => startHubSpotSandbox({ port: 0, token: TOKEN }));

/** Ada and Bob sent to HubSpot on a two-way connection and pulled once; then HubSpot archives Ada's record. */
const adaArchivedInHubSpot = (mode: 'off' | 'delete' | 'tag' | null) => adaAndBobThenAdaDeleted(h, {
  connect: async () => (await h.engine.connect({ cardId: h.cardId, kind: 'hubspot', config: { baseUrl: h.sandbox.url, auth: 'private-app' }, secrets: { private_app_token: TOKEN } })).id,
  recordOf: (email) => h.sandbox.admin.contactByEmail(email)?.id,
  deleteRecord: (id) => h.sandbox.admin.archiveContact(id),
}, mode);

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
