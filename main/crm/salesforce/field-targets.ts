import type { DefaultTarget, PushItem } from '../../sync/connector';
import type { Connection as SfConnection } from 'jsforce';
import { currentValues } from './api';
import { addressFields } from './contact-parts';
import type { SalesforceObject } from './mapping';
import { canWrite, COMPANY_FIELDS, customFieldCandidates, FERRY_TAGS_FIELD, FERRY_WEBSITE_FIELD, type OrgFields } from './org-fields';

/**
 * Salesforce's side of the field mapping (main/mapping/): where each Ferry field
 * goes by default (mapping.ts) for this object and org, and the current values
 * "fill only if empty" needs, read with SOQL.
 */
const BLOCK = 'Description (From Ferry block)';
const one = (key: string): DefaultTarget => ({ keys: [key], label: key });
const orgField = (org: OrgFields, candidates: readonly string[]): string | undefined => candidates.map((c) => org.text.get(c.toLowerCase())?.name).find(Boolean);

export function defaultTarget(field: string, object: SalesforceObject, org: OrgFields): DefaultTarget {
  if (field.startsWith('custom.')) {
    const name = orgField(org, customFieldCandidates(field.slice('custom.'.length)));
    return name ? one(name) : { keys: [], label: BLOCK };
  }
  switch (field) {
    case 'firstName': return one('FirstName');
    case 'lastName': return one('LastName');
    case 'title': return one('Title');
    case 'emails': return { keys: ['Email'], label: 'Email (others: Description)', fixed: true };
    case 'phones': return { keys: object === 'Lead' ? ['Phone', 'MobilePhone'] : ['Phone', 'MobilePhone', 'HomePhone', 'OtherPhone'], label: 'Phone, MobilePhone' };
    case 'addresses': {
      const prefixes = object === 'Lead' ? ([''] as const) : (['Mailing', 'Other'] as const);
      const keys = prefixes.flatMap((p) => [...Object.keys(addressFields(p, undefined)), ...(org.addressCodes.has(p) ? [`${p}CountryCode`, `${p}StateCode`] : [])]);
      return { keys, label: object === 'Lead' ? 'Street, City, State, PostalCode, Country' : 'Mailing and Other address' };
    }
    case 'notes': return { keys: [], label: 'Description' };
    case 'tags': return org.text.has(FERRY_TAGS_FIELD.toLowerCase()) ? one(orgField(org, [FERRY_TAGS_FIELD]) as string) : { keys: [], label: BLOCK };
    // a Lead needs a Company: it keeps "(none)" there when the company goes elsewhere
    case 'company': {
      if (object === 'Lead') return { keys: [], label: 'Company' };
      const name = orgField(org, COMPANY_FIELDS);
      return name ? one(name) : { keys: [], label: BLOCK };
    }
    case 'website': {
      if (object === 'Lead') return canWrite(org, 'Website') ? one('Website') : { keys: [], label: BLOCK };
      const name = orgField(org, [FERRY_WEBSITE_FIELD]);
      return name ? one(name) : { keys: [], label: BLOCK };
    }
    default: return { keys: [], label: BLOCK };
  }
}

/** Current values by contact id: linked records by Id, the others by Email (what matching will find). */
export async function readCurrentValues(conn: SfConnection, objectOf: (item: PushItem) => SalesforceObject, items: PushItem[], fields: string[]): Promise<Map<number, Record<string, string | null>>> {
  const out = new Map<number, Record<string, string | null>>();
  const groups = new Map<SalesforceObject, PushItem[]>();
  for (const item of items) groups.set(objectOf(item), [...(groups.get(objectOf(item)) ?? []), item]);
  for (const [object, group] of groups) {
    const linked = group.filter((i) => i.externalId !== null);
    const byId = await currentValues(conn, object, 'Id', linked.map((i) => i.externalId as string), fields);
    for (const i of linked) { const v = byId.get(i.externalId as string); if (v) out.set(i.contactId, v); }
    const emailOf = (i: PushItem): string => (i.payload.Email ?? '').trim().toLowerCase();
    const unlinked = group.filter((i) => i.externalId === null && emailOf(i));
    const byEmail = await currentValues(conn, object, 'Email', unlinked.map(emailOf), fields);
    for (const i of unlinked) { const v = byEmail.get(emailOf(i)); if (v) out.set(i.contactId, v); }
  }
  return out;
}
