import { createHash } from 'node:crypto';
import type { Contact } from '../../../preload/schemas/contact';
import type { PushItem } from '../../sync/connector';

/**
 * The JSON event delivery-only connectors (Zapier, signed webhooks) send for a
 * contact that was created or updated. snake_case keys, because Zapier shows
 * them as field names ("Contact First Name").
 *
 * Invariants:
 * - the event id depends only on (connection, contact uid, contact version): a
 *   retry of the same change re-sends the same id, so receivers can de-duplicate,
 *   and a new change always gets a new id;
 * - avatars and logos are never part of an event;
 * - every field here is also in `deliveryPayload` (delivery-payload.ts), so the
 *   engine's payload hash changes whenever the event content would.
 */

const CONTACT_EVENT_TYPES = { created: 'contact.created', updated: 'contact.updated' } as const;
type ContactAction = keyof typeof CONTACT_EVENT_TYPES;

interface ContactEventContact {
  first_name: string;
  last_name: string;
  full_name: string;
  company: string;
  title: string;
  website: string;
  /** the first e-mail, '' when there is none */
  primary_email: string;
  /** the first phone in E.164 when it could be parsed, else as typed; '' when none */
  primary_phone: string;
  emails: Array<{ value: string; label: string }>;
  phones: Array<{ number: string; raw: string; e164: string | null; label: string }>;
  addresses: Array<{ label: string; street: string; city: string; region: string; postal_code: string; country: string }>;
  notes: string;
  tags: string[];
  custom_fields: Record<string, string>;
  meeting: { at: string | null; place: string; event: string; notes: string };
  source: string;
}

export interface ContactEvent {
  event_id: string;
  type: (typeof CONTACT_EVENT_TYPES)[ContactAction];
  action: ContactAction;
  /** Ferry's stable contact id (the contact's uid) */
  contact_id: string;
  contact_version: number;
  /** when the contact was last changed in Ferry (ISO 8601) */
  updated_at: string;
  contact: ContactEventContact;
}

/** `evt_` + 32 hex characters; a pure function of its inputs. */
export function contactEventId(connectionId: number, uid: string, version: number): string {
  const digest = createHash('sha256').update(`ferry-contact-event\u0000${connectionId}\u0000${uid}\u0000${version}`).digest('hex');
  return `evt_${digest.slice(0, 32)}`;
}

/** created when the link has no external id yet (nothing was delivered for this contact), else updated. */
function contactAction(item: Pick<PushItem, 'externalId'>): ContactAction {
  return item.externalId ? 'updated' : 'created';
}

function eventContact(c: Contact): ContactEventContact {
  const firstPhone = c.phones[0];
  return {
    first_name: c.firstName,
    last_name: c.lastName,
    full_name: `${c.firstName} ${c.lastName}`.trim(),
    company: c.company,
    title: c.title,
    website: c.website,
    primary_email: c.emails[0]?.value ?? '',
    primary_phone: firstPhone ? firstPhone.e164 ?? firstPhone.raw : '',
    emails: c.emails.map((e) => ({ value: e.value, label: e.label ?? '' })),
    phones: c.phones.map((p) => ({ number: p.e164 ?? p.raw, raw: p.raw, e164: p.e164, label: p.label ?? '' })),
    addresses: c.addresses.map((a) => ({
      label: a.label ?? '', street: a.street, city: a.city, region: a.region, postal_code: a.postalCode, country: a.country,
    })),
    notes: c.notes,
    tags: [...c.tags],
    custom_fields: { ...c.customFields },
    meeting: { at: c.meeting.at, place: c.meeting.place, event: c.meeting.event, notes: c.meeting.notes },
    source: c.source,
  };
}

export function buildContactEvent(connectionId: number, item: PushItem): ContactEvent {
  const action = contactAction(item);
  return {
    event_id: contactEventId(connectionId, item.uid, item.contactVersion),
    type: CONTACT_EVENT_TYPES[action],
    action,
    contact_id: item.uid,
    contact_version: item.contactVersion,
    updated_at: new Date(item.contact.updatedAt).toISOString(),
    contact: eventContact(item.contact),
  };
}
