import type { Connection as SfConnection } from 'jsforce';
import { SyncError } from '../../sync/connector';
import { describeOrg } from './api';
import type { SalesforceObject } from './mapping';
import { FERRY_DELETED_FIELD } from './org-fields';

/**
 * "Or a tag instead" for deletes in Ferry, in Salesforce: the record is kept and
 * Ferry writes the day it was deleted in Ferry into the org's own Date field
 * `Ferry_Deleted__c` ("Deleted in Ferry"); restoring the contact clears it. As
 * HubSpot's `ferry_deleted` (crm/hubspot/deleted-mark.ts), a field of Ferry's own
 * rather than Lead Status or a record type, which are the team's.
 *
 * Ferry does not create the field: an admin adds it (Setup → Object Manager →
 * Contact → Fields & Relationships → New → Date), as for Ferry_Tags__c, and gives
 * Ferry's user edit access. Like Ferry_Id__c, Ferry uses it when describe shows it
 * writable (REST "sObject Describe"); choosing `tag` on an org without it is refused
 * with that sentence (`markReady`), and a mark that finds it gone says the same.
 * The value is written by PATCH /sobjects/{SObject}/{id} (REST API Developer Guide,
 * "Update a Record"), a Date as `YYYY-MM-DD`, and null clears it.
 */
export const objectOfId = (id: string): SalesforceObject => (id.startsWith('00Q') ? 'Lead' : 'Contact');

export function addDeletedFieldStep(object: SalesforceObject): string {
  return `Salesforce has no "Deleted in Ferry" field on ${object} that Ferry may write. Ask your Salesforce admin to add one: `
    + `Setup → Object Manager → ${object} → Fields & Relationships → New → Date, Field Label "Ferry Deleted" (API name ${FERRY_DELETED_FIELD}), `
    + 'visible and editable for Ferry\'s user. Then choose tag again.';
}

/** What describe said, per object, for the life of one set of record actions (one delete run). */
export type DeletedFieldCache = Map<SalesforceObject, boolean>;

/** Whether `object` has Ferry_Deleted__c as a Date field Ferry's user may edit. */
async function hasDeletedField(conn: SfConnection, object: SalesforceObject, cache: DeletedFieldCache): Promise<boolean> {
  const known = cache.get(object);
  if (known !== undefined) return known;
  const org = await describeOrg(conn, object);
  const has = org.fields.some((f) => f.name.toLowerCase() === FERRY_DELETED_FIELD.toLowerCase() && f.type === 'date' && f.writable);
  cache.set(object, has);
  return has;
}

/** null when every object the connection writes has the field; else the step that adds it. */
export async function deletedFieldMissing(conn: SfConnection, objects: readonly SalesforceObject[], cache: DeletedFieldCache): Promise<string | null> {
  for (const object of objects) if (!(await hasDeletedField(conn, object, cache))) return addDeletedFieldStep(object);
  return null;
}

/** Marks (or, with `deletedOn` null, unmarks) one record. `deletedOn`: the day, YYYY-MM-DD. */
export async function markDeletedInFerry(conn: SfConnection, version: string, externalId: string, deletedOn: string | null, cache: DeletedFieldCache): Promise<void> {
  const object = objectOfId(externalId);
  if (!(await hasDeletedField(conn, object, cache))) throw new SyncError('config', addDeletedFieldStep(object));
  await conn.request({
    method: 'PATCH',
    url: `/services/data/v${version}/sobjects/${object}/${encodeURIComponent(externalId)}`,
    body: JSON.stringify({ [FERRY_DELETED_FIELD]: deletedOn }),
    headers: { 'content-type': 'application/json' },
  });
}
