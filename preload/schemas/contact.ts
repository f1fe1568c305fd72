import { z } from 'zod';
import { clean } from './common';

/**
 * The contact as the rest of Ferry sees it. Shared by main (store, import, sync),
 * the contract and the renderer; it must not import anything from main/.
 *
 * Limits are generous on purpose: a rep's notes field may hold a pasted e-mail
 * thread, and nothing a user typed may be lost because it was "too long".
 */
export const MAX_NOTES_CHARS = 16 * 1024 * 1024;
export const MAX_FIELD_CHARS = 4096;

const text = clean().max(MAX_FIELD_CHARS);

const emailSchema = z.object({
  value: clean().trim().max(320),
  label: text.optional(),
}).strict();

const phoneSchema = z.object({
  /** exactly what the user typed or the file said */
  raw: clean().max(64),
  label: text.optional(),
}).strict();

const addressSchema = z.object({
  label: text.optional(),
  street: text.default(''),
  city: text.default(''),
  region: text.default(''),
  postalCode: text.default(''),
  country: text.default(''),
}).strict();

const meetingSchema = z.object({
  /** ISO 8601 date or date-time, or null when unknown */
  at: clean().max(64).nullable().default(null),
  place: text.default(''),
  event: text.default(''),
  notes: clean().max(MAX_FIELD_CHARS * 4).default(''),
}).strict();

/** Each field a user can set on a contact, without defaults (so a patch can leave it out). */
const contactFieldsShape = {
  firstName: text,
  lastName: text,
  emails: z.array(emailSchema).max(50),
  phones: z.array(phoneSchema).max(50),
  company: text,
  title: text,
  website: text,
  addresses: z.array(addressSchema).max(20),
  notes: clean().max(MAX_NOTES_CHARS),
  tags: z.array(clean().trim().min(1).max(200)).max(200),
  customFields: z.record(clean().min(1).max(200), clean().max(MAX_FIELD_CHARS)),
  meeting: meetingSchema,
  source: text,
};

/** Everything a user can set on a contact. Used for create and import: an omitted field gets its empty default. */
export const contactInputSchema = z.object({
  firstName: contactFieldsShape.firstName.default(''),
  lastName: contactFieldsShape.lastName.default(''),
  emails: contactFieldsShape.emails.default([]),
  phones: contactFieldsShape.phones.default([]),
  company: contactFieldsShape.company.default(''),
  title: contactFieldsShape.title.default(''),
  website: contactFieldsShape.website.default(''),
  addresses: contactFieldsShape.addresses.default([]),
  notes: contactFieldsShape.notes.default(''),
  tags: contactFieldsShape.tags.default([]),
  customFields: contactFieldsShape.customFields.default({}),
  meeting: contactFieldsShape.meeting.default({ at: null, place: '', event: '', notes: '' }),
  source: contactFieldsShape.source.default('manual'),
}).strict();

export type ContactInput = z.input<typeof contactInputSchema>;
export type ContactFields = z.output<typeof contactInputSchema>;

/**
 * An update names only the fields it changes; omitted fields are kept. Made
 * from the fields without their defaults: a partial of the input schema would
 * still fill a default for an omitted field and clear it (a patch of `{ tags }`
 * must not empty the company).
 */
export const contactPatchSchema = z.object(contactFieldsShape).partial().strict();
export type ContactPatch = z.input<typeof contactPatchSchema>;

export interface StoredPhone {
  raw: string;
  label?: string;
  /** E.164 when libphonenumber could parse it with the default region, else null */
  e164: string | null;
}

export interface Contact extends Omit<ContactFields, 'phones'> {
  id: number;
  /** stable Ferry id, also sent to CRMs as the key for contacts without an e-mail */
  uid: string;
  cardId: number;
  phones: StoredPhone[];
  hasAvatar: boolean;
  hasLogo: boolean;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
  version: number;
}

export function displayName(c: Pick<Contact, 'firstName' | 'lastName' | 'emails' | 'company'>): string {
  const name = `${c.firstName} ${c.lastName}`.trim();
  return name || c.emails[0]?.value || c.company || '(no name)';
}
