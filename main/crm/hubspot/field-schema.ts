import type { Property } from '@hubspot/api-client/lib/codegen/crm/properties/index';
import type { CrmFieldView, CrmFieldType } from '../../../preload/schemas/mapping';
import type { DefaultTarget, PushItem } from '../../sync/connector';
import type { HubSpotApis } from './api';
import { customFieldProperty, NOTE_KEY } from './mapping';

/**
 * HubSpot's side of the field mapping (main/mapping/): its contact properties
 * as mapping targets, where each Ferry field goes by default (mapping.ts), and
 * the current values "fill only if empty" needs, read in batch calls.
 */

/** HubSpot property type + field type → the mapping's value type (properties API: type, fieldType). */
function typeOf(p: Pick<Property, 'type' | 'fieldType'>): CrmFieldType {
  switch (p.type) {
    case 'number': return 'number';
    case 'date': return 'date';
    case 'datetime': return 'datetime';
    case 'bool': return 'bool';
    case 'enumeration': return p.fieldType === 'checkbox' ? 'multiselect' : p.fieldType === 'booleancheckbox' ? 'bool' : 'enumeration';
    default: return 'string';
  }
}

export function fieldViews(properties: Property[]): CrmFieldView[] {
  return properties.filter((p) => !p.archived).map((p) => ({
    name: p.name,
    label: p.label || p.name,
    type: typeOf(p),
    ...(p.type === 'enumeration' ? { options: (p.options ?? []).filter((o) => !o.hidden).map((o) => ({ value: o.value, label: o.label || o.value })) } : {}),
    writable: p.modificationMetadata?.readOnlyValue !== true && p.calculated !== true,
  })).sort((a, b) => a.label.localeCompare(b.label));
}

const one = (key: string): DefaultTarget => ({ keys: [key], label: key });

const DEFAULTS: Record<string, DefaultTarget> = {
  firstName: one('firstname'),
  lastName: one('lastname'),
  title: one('jobtitle'),
  company: one('company'),
  website: one('website'),
  // the upsert key: Ferry matches HubSpot contacts on it, so it stays where it is
  emails: { keys: ['email', 'ferry_other_emails'], label: 'email (others: ferry_other_emails)', fixed: true },
  phones: { keys: ['phone', 'mobilephone', 'ferry_other_phones'], label: 'phone, mobilephone (others: ferry_other_phones)' },
  addresses: { keys: ['address', 'city', 'state', 'zip', 'country', 'ferry_other_addresses'], label: 'address, city, state, zip, country' },
  notes: { keys: [NOTE_KEY], label: 'a note on the contact\'s timeline' },
  tags: one('ferry_tags'),
  'meeting.at': one('ferry_met_at'),
  'meeting.place': one('ferry_met_where'),
  'meeting.event': one('ferry_met_event'),
  'meeting.notes': one('ferry_meeting_notes'),
};

export function defaultTarget(field: string): DefaultTarget {
  if (field.startsWith('custom.')) return one(customFieldProperty(field.slice('custom.'.length)));
  return DEFAULTS[field] ?? { keys: [], label: 'not sent' };
}

/** HubSpot's batch read takes at most 100 inputs. */
const READ_BATCH = 100;

/**
 * The current values of `fields` for these items: linked ones by record id,
 * the others by e-mail (the key their upsert will match on). Records HubSpot
 * does not have are simply absent (its 207 names them; nothing to fill then).
 */
export async function readCurrentValues(apis: HubSpotApis, items: PushItem[], fields: string[]): Promise<Map<number, Record<string, string | null>>> {
  const out = new Map<number, Record<string, string | null>>();
  const linked = items.filter((i) => i.externalId !== null);
  const byEmail = items.filter((i) => i.externalId === null && (i.payload.email ?? '').trim());
  for (let i = 0; i < linked.length; i += READ_BATCH) {
    const chunk = linked.slice(i, i + READ_BATCH);
    const res = await apis.contacts.read({ inputs: chunk.map((item) => ({ id: item.externalId as string })), properties: fields, propertiesWithHistory: [] });
    const byId = new Map(res.results.map((r) => [r.id, r.properties]));
    for (const item of chunk) { const p = byId.get(item.externalId as string); if (p) out.set(item.contactId, p); }
  }
  for (let i = 0; i < byEmail.length; i += READ_BATCH) {
    const chunk = byEmail.slice(i, i + READ_BATCH);
    const key = (item: PushItem): string => (item.payload.email ?? '').trim().toLowerCase();
    const res = await apis.contacts.read({ idProperty: 'email', inputs: [...new Set(chunk.map(key))].map((id) => ({ id })), properties: [...fields, 'email'], propertiesWithHistory: [] });
    const byMail = new Map(res.results.map((r) => [(r.properties.email ?? '').toLowerCase(), r.properties]));
    for (const item of chunk) { const p = byMail.get(key(item)); if (p) out.set(item.contactId, p); }
  }
  return out;
}
