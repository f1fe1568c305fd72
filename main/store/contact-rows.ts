import type { Contact, StoredPhone } from '../../preload/schemas/contact';

/** The contacts table as SQLite returns it (blobs are never selected here). */
export interface ContactRow {
  id: number;
  card_id: number;
  uid: string;
  first_name: string;
  last_name: string;
  emails: string;
  phones: string;
  company: string;
  title: string;
  website: string;
  addresses: string;
  notes: string;
  tags: string;
  custom_fields: string;
  meeting_at: string | null;
  meeting_place: string;
  meeting_event: string;
  meeting_notes: string;
  source: string;
  has_avatar: number;
  has_logo: number;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  version: number;
}

/** Columns for reading contacts: everything except the blobs, which can be large. */
export const CONTACT_COLUMNS = `id, card_id, uid, first_name, last_name, emails, phones, company, title, website,
  addresses, notes, tags, custom_fields, meeting_at, meeting_place, meeting_event, meeting_notes, source,
  avatar IS NOT NULL AS has_avatar, logo IS NOT NULL AS has_logo, created_at, updated_at, deleted_at, version`;

function parseJson<T>(text: string, fallback: T, check: (v: unknown) => boolean): T {
  try {
    const value: unknown = JSON.parse(text);
    return check(value) ? (value as T) : fallback;
  } catch {
    return fallback;
  }
}

const isArray = (v: unknown): boolean => Array.isArray(v);
const isRecord = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

export function rowToContact(r: ContactRow): Contact {
  return {
    id: r.id,
    cardId: r.card_id,
    uid: r.uid,
    firstName: r.first_name,
    lastName: r.last_name,
    emails: parseJson(r.emails, [], isArray),
    phones: parseJson<StoredPhone[]>(r.phones, [], isArray),
    company: r.company,
    title: r.title,
    website: r.website,
    addresses: parseJson(r.addresses, [], isArray),
    notes: r.notes,
    tags: parseJson(r.tags, [], isArray),
    customFields: parseJson(r.custom_fields, {}, isRecord),
    meeting: { at: r.meeting_at, place: r.meeting_place, event: r.meeting_event, notes: r.meeting_notes },
    source: r.source,
    hasAvatar: r.has_avatar === 1,
    hasLogo: r.has_logo === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
    version: r.version,
  };
}
