import { z } from 'zod';
import type { CrmFieldType, CrmFieldView } from '../../../preload/schemas/mapping';
import type { DefaultTarget } from '../../sync/connector';
import { customFieldTag } from './mapping';
import type { MailchimpCall } from './members';

/**
 * Mailchimp's side of the field mapping (main/mapping/): the audience's merge
 * fields as mapping targets (GET /lists/{list_id}/merge-fields: tag, name,
 * type, options.choices for dropdown and radio fields; the Merge fields guide),
 * mapped values in the JSON type a field takes, and where each Ferry field goes
 * by default (mapping.ts). "Fill only if empty" reads members one at a time
 * (current-values.ts).
 */

const listing = z.object({
  merge_fields: z.array(z.object({
    tag: z.string(),
    name: z.string().optional().catch(undefined),
    type: z.string().optional().catch(undefined),
    options: z.object({ choices: z.array(z.string()).optional().catch(undefined) }).passthrough().optional().catch(undefined),
  }).passthrough()).catch([]),
}).passthrough();

/** Ferry's own key (its uid), never a target. */
export const FERRY_KEY = 'FERRYID';

/** Merge field type → the mapping's type; an address is an object of parts, not one value. */
function typeOf(type: string | undefined): { type: CrmFieldType; writable: boolean } {
  switch (type) {
    case 'number': return { type: 'number', writable: true };
    case 'date': return { type: 'date', writable: true };
    case 'dropdown': case 'radio': return { type: 'enumeration', writable: true };
    case 'address': return { type: 'string', writable: false };
    // text, phone, url, imageurl, zip, birthday (MM/DD): text
    default: return { type: 'string', writable: true };
  }
}

export async function listMergeFields(call: MailchimpCall, listId: string): Promise<CrmFieldView[]> {
  // one page of 1,000 holds every merge field an audience may have (80 at most)
  const body = listing.parse(await call('GET', `/lists/${encodeURIComponent(listId)}/merge-fields?count=1000&fields=merge_fields.tag,merge_fields.name,merge_fields.type,merge_fields.options`));
  return body.merge_fields.filter((f) => f.tag.toUpperCase() !== FERRY_KEY).map((f) => {
    const { type, writable } = typeOf(f.type);
    return {
      name: f.tag.toUpperCase(), label: f.name || f.tag, type, writable,
      ...(type === 'enumeration' ? { options: (f.options?.choices ?? []).map((c) => ({ value: c, label: c })) } : {}),
      ...(f.type === 'text' ? { maxLength: 255 } : {}),
    };
  }).sort((a, b) => a.label.localeCompare(b.label));
}

/** A mapped value as its merge field takes it: a number as a number, a date as YYYY-MM-DD; '' clears. */
export function wireValue(field: CrmFieldView | undefined, text: string): unknown {
  if (text === '') return '';
  switch (field?.type) {
    case 'number': return Number(text);
    case 'date': return /^\d+$/.test(text) ? new Date(Number(text)).toISOString().slice(0, 10) : text;
    default: return text;
  }
}

const one = (tag: string): DefaultTarget => ({ keys: [tag], label: tag });

const DEFAULTS: Record<string, DefaultTarget> = {
  firstName: one('FNAME'),
  lastName: one('LNAME'),
  title: one('TITLE'),
  company: one('COMPANY'),
  website: one('WEBSITE'),
  // a member is its e-mail address (its subscriber hash): it stays the key
  emails: { keys: ['email_address', 'EMAILS2'], label: 'email_address (others: EMAILS2)', fixed: true },
  phones: { keys: ['PHONE', 'PHONES2'], label: 'PHONE (others: PHONES2)' },
  addresses: { keys: ['ADDRESS', 'FADDRESS'], label: 'ADDRESS, FADDRESS' },
  notes: one('NOTES'),
  tags: { keys: ['tags'], label: 'Mailchimp tags' },
  'meeting.at': one('MET_AT'),
  'meeting.place': one('MET_WHERE'),
  'meeting.event': one('MET_EVENT'),
  'meeting.notes': one('MET_NOTES'),
};

export function defaultTarget(field: string): DefaultTarget {
  if (field.startsWith('custom.')) return one(customFieldTag(field.slice('custom.'.length)));
  return DEFAULTS[field] ?? { keys: [], label: 'not sent' };
}
