import { PropertyCreateFieldTypeEnum, PropertyCreateTypeEnum } from '@hubspot/api-client/lib/codegen/crm/properties/index';
import type { HubSpotApis } from './api';
import { HubSpotHttpError } from './transport';

/**
 * The one company property Ferry owns: `ferry_company_key`, unique, holding the
 * company's domain. HubSpot de-duplicates companies by domain in its own tools,
 * but `domain` is not a unique-value property, so the API cannot upsert on it
 * ("Unable to perform update/upsert by non-unique … property"); and its search
 * lags writes, so "search, then create" would make a second company after a
 * crash. An upsert keyed on a unique property finds the company a lost answer
 * created, on this laptop or a teammate's.
 */
export const COMPANY_KEY_PROPERTY = 'ferry_company_key';

/** HubSpot allows at most ten unique-value properties per object (the properties guide). */
const MAX_UNIQUE_PROPERTIES = 10;

/** Why companies cannot be linked on this connection ('' when they can). */
export type CompanyAccess = { ok: true } | { ok: false; reason: string };

/**
 * Checks that Ferry can work with companies and creates `ferry_company_key` when
 * missing. A token without the company scopes (403), or an account whose ten
 * unique company properties are taken, leaves companies unlinked: contacts still
 * sync, with their company name as text. Other failures are thrown.
 */
export async function ensureCompanyKey(apis: HubSpotApis): Promise<CompanyAccess> {
  try {
    const { results } = await apis.properties.getAll('companies');
    const existing = results.find((p) => p.name === COMPANY_KEY_PROPERTY);
    if (existing) {
      return existing.hasUniqueValue === true ? { ok: true } : { ok: false, reason: `the company property ${COMPANY_KEY_PROPERTY} exists but is not unique` };
    }
    if (results.filter((p) => p.hasUniqueValue === true).length >= MAX_UNIQUE_PROPERTIES) {
      return { ok: false, reason: 'the account already has ten unique company properties' };
    }
    await apis.propertiesBatch.create('companies', {
      inputs: [{
        name: COMPANY_KEY_PROPERTY,
        label: 'Ferry company key',
        description: 'The domain Ferry finds this company by. Ferry uses it to link contacts without creating the company twice; do not edit it.',
        groupName: 'companyinformation',
        type: PropertyCreateTypeEnum.String,
        fieldType: PropertyCreateFieldTypeEnum.Text,
        hasUniqueValue: true,
      }],
    });
    // a teammate's Ferry may have created it meanwhile (the batch then reports an error): look again
    const again = await apis.properties.getAll('companies');
    return again.results.some((p) => p.name === COMPANY_KEY_PROPERTY && p.hasUniqueValue === true) ? { ok: true } : { ok: false, reason: `HubSpot did not create ${COMPANY_KEY_PROPERTY}` };
  } catch (error) {
    if (error instanceof HubSpotHttpError && error.status === 403) return { ok: false, reason: 'the token lacks the company scopes' };
    throw error;
  }
}
