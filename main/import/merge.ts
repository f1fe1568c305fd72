import type { ContactFields } from '../../preload/schemas/contact';
import { normalizeEmail } from '../store/normalize';

/**
 * What a re-import makes of a contact Ferry already has: every value the file
 * has wins, and what the file lacks is kept. So importing the same file again
 * changes nothing, and a note or phone the rep added in Ferry survives an
 * import of an older export.
 */
export function mergeFields(existing: ContactFields, incoming: ContactFields): ContactFields {
  const pick = (a: string, b: string): string => (b.trim() !== '' ? b : a);
  return {
    firstName: pick(existing.firstName, incoming.firstName),
    lastName: pick(existing.lastName, incoming.lastName),
    emails: union(incoming.emails, existing.emails, (e) => normalizeEmail(e.value)),
    phones: union(incoming.phones, existing.phones, (p) => phoneKey(p.raw)),
    company: pick(existing.company, incoming.company),
    title: pick(existing.title, incoming.title),
    website: pick(existing.website, incoming.website),
    addresses: union(incoming.addresses, existing.addresses, (a) =>
      [a.street, a.city, a.region, a.postalCode, a.country].map((s) => s.trim().toLowerCase()).join('|')),
    notes: pick(existing.notes, incoming.notes),
    tags: union(incoming.tags, existing.tags, (t) => t.toLowerCase()),
    customFields: { ...existing.customFields, ...incoming.customFields },
    meeting: {
      at: incoming.meeting.at ?? existing.meeting.at,
      place: pick(existing.meeting.place, incoming.meeting.place),
      event: pick(existing.meeting.event, incoming.meeting.event),
      notes: pick(existing.meeting.notes, incoming.meeting.notes),
    },
    source: existing.source,
  };
}

function phoneKey(raw: string): string {
  const digits = raw.replace(/[^\d+]/g, '');
  return digits === '' ? raw.trim().toLowerCase() : digits;
}

/** The file's entries in the file's order, then the ones only Ferry had. */
function union<T>(first: readonly T[], second: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of [...first, ...second]) {
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(item);
  }
  return out;
}
