import type { Contact } from '../../../preload/schemas/contact';
import type { Payload } from '../../sync/connector';

/**
 * Contact → the flat payload of a delivery-only connector (Zapier, webhook).
 * The engine hashes it to decide what is sent and diffs it for the sync log;
 * the event itself (contact-event.ts) carries the same fields as nested JSON.
 *
 * Invariants: pure and deterministic; lossless for every field the event
 * carries (one key per list element, so a change anywhere changes the hash);
 * avatars and logos are never included.
 */
export function deliveryPayload(c: Contact): Payload {
  const p: Payload = {
    first_name: c.firstName,
    last_name: c.lastName,
    company: c.company,
    title: c.title,
    website: c.website,
    notes: c.notes,
    source: c.source,
    meeting_at: c.meeting.at,
    meeting_place: c.meeting.place,
    meeting_event: c.meeting.event,
    meeting_notes: c.meeting.notes,
  };
  c.emails.forEach((e, i) => {
    p[`email_${i + 1}`] = e.value;
    p[`email_${i + 1}_label`] = e.label ?? '';
  });
  c.phones.forEach((ph, i) => {
    p[`phone_${i + 1}`] = ph.raw;
    p[`phone_${i + 1}_e164`] = ph.e164;
    p[`phone_${i + 1}_label`] = ph.label ?? '';
  });
  c.addresses.forEach((a, i) => {
    const k = `address_${i + 1}`;
    p[`${k}_label`] = a.label ?? '';
    p[`${k}_street`] = a.street;
    p[`${k}_city`] = a.city;
    p[`${k}_region`] = a.region;
    p[`${k}_postal_code`] = a.postalCode;
    p[`${k}_country`] = a.country;
  });
  c.tags.forEach((t, i) => {
    p[`tag_${i + 1}`] = t;
  });
  for (const name of Object.keys(c.customFields).sort()) p[`custom:${name}`] = c.customFields[name] ?? '';
  return p;
}
