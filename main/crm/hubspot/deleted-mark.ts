import { PropertyCreateFieldTypeEnum, PropertyCreateTypeEnum } from '@hubspot/api-client/lib/codegen/crm/properties/index';
import type { HubSpotApis } from './api';
import { HubSpotHttpError } from './transport';

/**
 * "Or a tag instead" for deletes in Ferry: the HubSpot record is kept and Ferry
 * writes its own contact property `ferry_deleted` ("Deleted in Ferry") on it;
 * restoring the contact in Ferry clears it. Why a property of Ferry's own and
 * not the lifecycle stage or lead status: those are the team's, feed their
 * reports and workflows, and overwriting one loses the value it held, so it
 * could not be undone; a Ferry property touches nothing the team owns, shows in
 * any view or filter ("Deleted in Ferry is known"), and clearing it is a clean
 * undo. The property is created on first use (POST /crm/v3/properties/contacts,
 * developers.hubspot.com/docs/api-reference/crm-properties-v3/core/post-crm-v3-properties-objectType);
 * the value is written by PATCH /crm/v3/objects/contacts/{id}, and "" clears it
 * (developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/patch-crm-v3-objects-contacts-contactId:
 * "to clear a value, pass an empty string").
 */
export const FERRY_DELETED = 'ferry_deleted';

async function ensureProperty(apis: HubSpotApis): Promise<void> {
  try {
    await apis.properties.getByName('contacts', FERRY_DELETED);
  } catch (error) {
    if (!(error instanceof HubSpotHttpError) || error.status !== 404) throw error;
    await apis.properties.create('contacts', {
      name: FERRY_DELETED, groupName: 'contactinformation', label: 'Deleted in Ferry',
      description: 'Set when the rep deleted this contact in Ferry (the record is kept); cleared when it is restored.',
      type: PropertyCreateTypeEnum.String, fieldType: PropertyCreateFieldTypeEnum.Text,
    });
  }
}

/** Marks (or, with `deletedOn` null, unmarks) one record. `deletedOn`: the day, YYYY-MM-DD. */
export async function markDeletedInFerry(apis: HubSpotApis, externalId: string, deletedOn: string | null): Promise<void> {
  await ensureProperty(apis);
  await apis.contactPages.update(externalId, { properties: { [FERRY_DELETED]: deletedOn === null ? '' : `Deleted in Ferry on ${deletedOn}` } });
}
