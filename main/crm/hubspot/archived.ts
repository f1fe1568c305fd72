import type { DeletedRecord } from '../../sync/connector';
import type { HubSpotApis } from './api';

/**
 * The contacts archived ("deleted") in HubSpot, for CRM→Ferry deletes.
 * `GET /crm/v3/objects/contacts?archived=true&limit=100&after=…`: "archived:
 * Whether to return only results that have been archived"
 * (developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/get-crm-v3-objects-contacts),
 * each with `archivedAt`. Search never returns archived records and the list
 * has no time filter, so every pull reads the whole archived list:
 * ceil(archived / 100) requests, where HubSpot keeps an archived contact listed
 * for the 90 days it can be restored. `properties=hs_object_id` keeps the pages
 * small: Ferry needs only the ids.
 */
const PAGE = 100;

export async function listArchivedContacts(apis: HubSpotApis): Promise<DeletedRecord[]> {
  const out: DeletedRecord[] = [];
  let after: string | undefined;
  do {
    const page = await apis.contactPages.getPage(PAGE, after, ['hs_object_id'], undefined, undefined, true);
    for (const o of page.results) {
      const at = o.archivedAt instanceof Date ? o.archivedAt.getTime() : Number.NaN;
      out.push({ externalId: String(o.id), deletedAt: Number.isNaN(at) ? null : at });
    }
    after = page.paging?.next?.after;
  } while (after);
  return out;
}
