import {
  contactInputSchema,
  contactPatchSchema,
  type Contact,
  type ContactFields,
  type ContactInput,
  type ContactPatch,
  type StoredPhone,
} from '../../preload/schemas/contact';
import type { Db } from './db';
import { CONTACT_COLUMNS, rowToContact, type ContactRow } from './contact-rows';
import { identityKey, normalizeEmail, normalizePhone, parseE164, type E164Parser } from './normalize';
import { dropContactFromOutbox, enqueueContactChange, type EnqueueChange } from './outbox';
import { recordLocalDelete } from './sync-records';
import { queueDeletePropagation } from './delete-propagation';
import { releaseSharedEmailHolds } from './shared-email';
import { cachedStatement } from './statement-cache';
import { timeOrderedUid } from './uid';

export class ContactNotFoundError extends Error {
  constructor(id: number) {
    super(`There is no contact with id ${id}.`);
    this.name = 'ContactNotFoundError';
  }
}

interface WriteContext {
  /** region for phone numbers typed without a country code, e.g. 'US' */
  region: string;
  now?: number;
}

interface Blobs {
  avatar?: Buffer | null;
  logo?: Buffer | null;
}

/** Fields ready for the contacts table: validated, normalised, JSON-encoded. */
interface PreparedRow {
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
  email_key: string | null;
  identity_key: string | null;
}

function uniqueTags(tags: string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((t) => {
    const key = t.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Normalises validated fields for the contacts table; an import passes a cached phone parser. */
export function prepareFields(fields: ContactFields, region: string, e164Of: E164Parser = parseE164): PreparedRow {
  const phones: StoredPhone[] = fields.phones.map((p) => normalizePhone(p.raw, region, p.label, e164Of));
  const emails = fields.emails.map((e) => (e.label === undefined ? { value: e.value.trim() } : { value: e.value.trim(), label: e.label }));
  const first = emails.find((e) => e.value !== '');
  return {
    first_name: fields.firstName.trim(),
    last_name: fields.lastName.trim(),
    emails: JSON.stringify(emails),
    phones: JSON.stringify(phones),
    company: fields.company.trim(),
    title: fields.title.trim(),
    website: fields.website.trim(),
    addresses: JSON.stringify(fields.addresses),
    notes: fields.notes,
    tags: JSON.stringify(uniqueTags(fields.tags)),
    custom_fields: JSON.stringify(fields.customFields),
    meeting_at: fields.meeting.at,
    meeting_place: fields.meeting.place,
    meeting_event: fields.meeting.event,
    meeting_notes: fields.meeting.notes,
    source: fields.source,
    email_key: first ? normalizeEmail(first.value) : null,
    identity_key: identityKey(fields.firstName, fields.lastName, fields.company, phones),
  };
}

/** The editable fields of a stored contact, in input form (for merging a patch). */
export function contactFields(c: Contact): ContactFields {
  return {
    firstName: c.firstName,
    lastName: c.lastName,
    emails: c.emails,
    phones: c.phones.map((p) => (p.label === undefined ? { raw: p.raw } : { raw: p.raw, label: p.label })),
    company: c.company,
    title: c.title,
    website: c.website,
    addresses: c.addresses,
    notes: c.notes,
    tags: c.tags,
    customFields: c.customFields,
    meeting: c.meeting,
    source: c.source,
  };
}

export function getContact(db: Db, id: number): Contact | undefined {
  const row = cachedStatement(db, `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE id = ?`).get(id) as ContactRow | undefined;
  return row && rowToContact(row);
}

export function requireContact(db: Db, id: number): Contact {
  const contact = getContact(db, id);
  if (!contact) throw new ContactNotFoundError(id);
  return contact;
}

export function getContactBlobs(db: Db, id: number): { avatar: Buffer | null; logo: Buffer | null } {
  const row = cachedStatement(db, 'SELECT avatar, logo FROM contacts WHERE id = ?').get(id) as { avatar: Buffer | null; logo: Buffer | null } | undefined;
  return row ?? { avatar: null, logo: null };
}

/** The columns insertPrepared writes, in the order of its positional parameters. */
const INSERT_CONTACT = `INSERT INTO contacts(card_id, uid, first_name, last_name, emails, phones, company, title, website, addresses,
    notes, tags, custom_fields, meeting_at, meeting_place, meeting_event, meeting_notes, source, avatar, logo, email_key,
    identity_key, created_at, updated_at, version)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`;

/**
 * Inserts a contact without opening a transaction; callers (create, import)
 * own the transaction so that the outbox row is written with it.
 * Parameters are bound by position: binding a named object costs more than
 * the insert itself on a 100,000-row import.
 */
export function insertPrepared(
  db: Db, cardId: number, row: PreparedRow, blobs: Blobs, now: number, enqueue: EnqueueChange = enqueueContactChange, uid: string = timeOrderedUid(now),
): { id: number; version: number } {
  const info = cachedStatement(db, INSERT_CONTACT).run(
    cardId, uid, row.first_name, row.last_name, row.emails, row.phones, row.company, row.title, row.website,
    row.addresses, row.notes, row.tags, row.custom_fields, row.meeting_at, row.meeting_place, row.meeting_event,
    row.meeting_notes, row.source, blobs.avatar ?? null, blobs.logo ?? null, row.email_key, row.identity_key, now, now,
  );
  const id = Number(info.lastInsertRowid);
  enqueue(db, cardId, id, 1, now);
  return { id, version: 1 };
}

/** updatePrepared's statement, bound by position like INSERT_CONTACT. */
const UPDATE_CONTACT = `UPDATE contacts SET first_name = ?, last_name = ?, emails = ?, phones = ?, company = ?, title = ?,
    website = ?, addresses = ?, notes = ?, tags = ?, custom_fields = ?, meeting_at = ?, meeting_place = ?, meeting_event = ?,
    meeting_notes = ?, source = ?, email_key = ?, identity_key = ?, avatar = CASE WHEN ? THEN ? ELSE avatar END,
    logo = CASE WHEN ? THEN ? ELSE logo END, updated_at = ?, deleted_at = NULL, version = ?
  WHERE id = ?`;

/** What a bulk writer (an import) already has at hand for updatePrepared. */
interface BulkUpdate {
  /** the row as findMatchingStored read it in this transaction, with no write to it since */
  stored?: PreparedRow;
  /** from enqueuerForCard, for the contact's card */
  enqueue?: EnqueueChange;
}

/**
 * Rewrites a contact's fields and bumps its version, without opening a
 * transaction. Returns false when nothing changed (no version bump, no sync).
 */
export function updatePrepared(db: Db, existing: Contact, row: PreparedRow, blobs: Blobs, now: number, bulk: BulkUpdate = {}): boolean {
  const current = bulk.stored ?? cachedStatement(db,
    `SELECT first_name, last_name, emails, phones, company, title, website, addresses, notes, tags, custom_fields,
       meeting_at, meeting_place, meeting_event, meeting_notes, source, email_key, identity_key FROM contacts WHERE id = ?`,
  ).get(existing.id) as PreparedRow;
  const fieldsChanged = (Object.keys(row) as (keyof PreparedRow)[]).some((k) => k !== 'source' && row[k] !== current[k]);
  const blobsChanged = blobs.avatar !== undefined || blobs.logo !== undefined;
  if (!fieldsChanged && !blobsChanged && existing.deletedAt === null) return false;
  const version = existing.version + 1;
  cachedStatement(db, UPDATE_CONTACT).run(
    row.first_name, row.last_name, row.emails, row.phones, row.company, row.title, row.website, row.addresses, row.notes,
    row.tags, row.custom_fields, row.meeting_at, row.meeting_place, row.meeting_event, row.meeting_notes, row.source,
    row.email_key, row.identity_key, blobs.avatar !== undefined ? 1 : 0, blobs.avatar ?? null, blobs.logo !== undefined ? 1 : 0,
    blobs.logo ?? null, now, version, existing.id,
  );
  // Only a change to what CRMs receive needs a sync; a new avatar never leaves the laptop.
  if (fieldsChanged || existing.deletedAt !== null) (bulk.enqueue ?? enqueueContactChange)(db, existing.cardId, existing.id, version, now);
  // a new first e-mail frees the contacts held for sharing the old one
  if (current.email_key !== row.email_key) releaseSharedEmailHolds(db, existing.cardId, current.email_key, existing.id);
  return true;
}

export function createContact(db: Db, cardId: number, input: ContactInput, ctx: WriteContext, blobs: Blobs = {}): Contact {
  const fields = contactInputSchema.parse(input);
  const now = ctx.now ?? Date.now();
  const { id } = db.transaction(() => insertPrepared(db, cardId, prepareFields(fields, ctx.region), blobs, now)).immediate();
  return requireContact(db, id);
}

export function updateContact(db: Db, id: number, patch: ContactPatch, ctx: WriteContext, blobs: Blobs = {}): Contact {
  const parsed = contactPatchSchema.parse(patch);
  // zod fills defaults even in a partial schema: keep only the fields the caller named,
  // so an update never clears what it was not told about.
  const changes = Object.fromEntries(Object.entries(parsed).filter(([key]) => key in patch));
  const now = ctx.now ?? Date.now();
  db.transaction(() => {
    const existing = requireContact(db, id);
    const merged = contactInputSchema.parse({ ...contactFields(existing), ...changes });
    updatePrepared(db, existing, prepareFields(merged, ctx.region), blobs, now);
  }).immediate();
  return requireContact(db, id);
}

/**
 * Soft delete: the row stays (links and history keep their meaning). By
 * default a local delete is not propagated: nothing stays pending for the
 * contact, and every connection that holds a record of it logs that the record
 * was kept. A connection that opted in to deletes (store/delete-propagation.ts)
 * gets a pending delete instead.
 */
export function deleteContact(db: Db, id: number, now = Date.now()): Contact {
  db.transaction(() => {
    const existing = requireContact(db, id);
    if (existing.deletedAt !== null) return;
    const version = existing.version + 1;
    db.prepare('UPDATE contacts SET deleted_at = ?, updated_at = ?, version = ? WHERE id = ?').run(now, now, version, id);
    dropContactFromOutbox(db, id);
    const email = existing.emails[0]?.value;
    releaseSharedEmailHolds(db, existing.cardId, email ? normalizeEmail(email) : null, id);
    // connections that opted in to deletes get a pending delete instead of a "kept" line
    const propagated = queueDeletePropagation(db, id, version, now);
    recordLocalDelete(db, id, now, propagated);
  }).immediate();
  return requireContact(db, id);
}

/**
 * Undoes a soft delete: the contact is live again and, being a change, is
 * queued for every connection in the same transaction. Returns false when the
 * contact was not deleted.
 */
export function restoreContact(db: Db, id: number, now = Date.now()): boolean {
  return db.transaction(() => {
    const existing = requireContact(db, id);
    if (existing.deletedAt === null) return false;
    const version = existing.version + 1;
    db.prepare('UPDATE contacts SET deleted_at = NULL, updated_at = ?, version = ? WHERE id = ?').run(now, version, id);
    enqueueContactChange(db, existing.cardId, id, version, now);
    return true;
  }).immediate();
}

/** Ids of a card's live demo contacts (the made-up people of the first run). */
export function liveDemoContactIds(db: Db, cardId: number): number[] {
  return db.prepare("SELECT id FROM contacts WHERE card_id = ? AND source = 'demo' AND deleted_at IS NULL ORDER BY id").pluck().all(cardId) as number[];
}

/** The live contacts among `ids`, lowest id first: a contact deleted since the ids were read is left out. */
export function liveContactsByIds(db: Db, ids: number[]): Contact[] {
  const rows = cachedStatement(db, `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL ORDER BY id`)
    .all(JSON.stringify(ids)) as ContactRow[];
  return rows.map(rowToContact);
}

interface ListOptions {
  limit?: number;
  offset?: number;
  includeDeleted?: boolean;
}

export function listContacts(db: Db, cardId: number, opts: ListOptions = {}): Contact[] {
  const rows = db.prepare(
    `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE card_id = @cardId AND (@all OR deleted_at IS NULL)
     ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id LIMIT @limit OFFSET @offset`,
  ).all({ cardId, all: opts.includeDeleted ? 1 : 0, limit: opts.limit ?? -1, offset: opts.offset ?? 0 }) as ContactRow[];
  return rows.map(rowToContact);
}

/** Streams every live contact of a card in id order without loading them all (sync planning, export). */
export function* iterateContacts(db: Db, cardId: number, opts: { includeDeleted?: boolean } = {}): Generator<Contact> {
  const stmt = db.prepare(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE card_id = ? AND (? OR deleted_at IS NULL) ORDER BY id`);
  for (const row of stmt.iterate(cardId, opts.includeDeleted ? 1 : 0) as IterableIterator<ContactRow>) yield rowToContact(row);
}

export function countContacts(db: Db, cardId: number): number {
  return (cachedStatement(db, 'SELECT COUNT(*) AS n FROM contacts WHERE card_id = ? AND deleted_at IS NULL').get(cardId) as { n: number }).n;
}

/**
 * Turns what a user typed into an FTS5 query: every word must match as a
 * prefix. Quotes are doubled so no input can be FTS syntax.
 */
export function toFtsQuery(query: string): string | null {
  const words = query.normalize('NFKC').split(/[\s"'()*:^,;]+/u).filter((w) => w.length > 0).slice(0, 16);
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replaceAll('"', '""')}"*`).join(' AND ');
}

export function searchContacts(db: Db, cardId: number, query: string, limit = 100): Contact[] {
  return searchContactsPage(db, cardId, query, { limit, offset: 0, withTotal: false }).items;
}

/** `%text%` for LIKE, with LIKE's own wildcards taken literally. */
const likeAnywhere = (text: string): string => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** A query that reads as a phone number ("555 0199", "+49 (30) 1234"): its digits, else null. */
export function phoneDigits(query: string): string | null {
  if (!/^[\d\s+().\-/]+$/.test(query.trim())) return null;
  const digits = query.replace(/\D/g, '');
  return digits.length >= 3 ? digits : null;
}

export interface SearchPageOptions {
  limit: number;
  offset: number;
  /** count every match (the screen's "652 found"); off for callers that only want the first page */
  withTotal?: boolean;
}

/**
 * One page of the contacts a search finds, best match first, and how many
 * there are in all. Names, e-mails, company, notes and tags come from the
 * full-text index (every word as a prefix). Title and phone numbers are not
 * in that index yet (adding them needs a migration of contacts_fts): they are
 * matched on the rows themselves (the title as typed; a phone as typed or by
 * its digits against the E.164 form) when the index finds nothing or the
 * query reads as a phone number, because that scan reads every row of the card
 * (about 60 ms at 100,000 contacts against 4 ms for the index).
 */
export function searchContactsPage(db: Db, cardId: number, query: string, o: SearchPageOptions): { items: Contact[]; total: number } {
  const fts = toFtsQuery(query);
  if (!fts) return { items: listContacts(db, cardId, { limit: o.limit, offset: o.offset }), total: countContacts(db, cardId) };
  const trimmed = query.normalize('NFKC').trim();
  const digits = phoneDigits(trimmed);
  const indexed = { fts, cardId, limit: o.limit, offset: o.offset };
  // The CTE renames the FTS columns away so they cannot shadow the contact's own.
  const hits = `WITH hits AS (SELECT rowid AS hit_id, rank AS hit_rank FROM contacts_fts WHERE contacts_fts MATCH @fts)`;
  const hitsFrom = 'FROM hits JOIN contacts ON contacts.id = hits.hit_id WHERE card_id = @cardId AND deleted_at IS NULL';
  const countHits = (): number => (cachedStatement(db, `${hits} SELECT COUNT(*) AS n ${hitsFrom}`).get(indexed) as { n: number }).n;
  if (digits === null) {
    const rows = cachedStatement(db, `${hits} SELECT ${CONTACT_COLUMNS} ${hitsFrom} ORDER BY hit_rank, hit_id LIMIT @limit OFFSET @offset`).all(indexed) as ContactRow[];
    const total = o.withTotal === false ? rows.length : o.offset === 0 && rows.length < o.limit ? rows.length : countHits();
    if (total > 0 || o.offset > 0) return { items: rows.map(rowToContact), total };
  }
  const scanned = { ...indexed, like: likeAnywhere(trimmed), digits: digits === null ? null : likeAnywhere(digits) };
  const matches = `${hits}, matches AS (
      SELECT hit_id AS match_id, hit_rank AS match_rank FROM hits
      UNION ALL
      SELECT id, 1e300 FROM contacts
       WHERE card_id = @cardId AND deleted_at IS NULL AND id NOT IN (SELECT hit_id FROM hits)
         AND (title LIKE @like ESCAPE '\\' OR (@digits IS NOT NULL AND (phones LIKE @like ESCAPE '\\' OR phones LIKE @digits ESCAPE '\\')))
    )`;
  const from = 'FROM matches JOIN contacts ON contacts.id = matches.match_id WHERE card_id = @cardId AND deleted_at IS NULL';
  const rows = cachedStatement(db, `${matches} SELECT ${CONTACT_COLUMNS} ${from} ORDER BY match_rank, id LIMIT @limit OFFSET @offset`).all(scanned) as ContactRow[];
  const total = o.withTotal === false ? rows.length : (cachedStatement(db, `${matches} SELECT COUNT(*) AS n ${from}`).get(scanned) as { n: number }).n;
  return { items: rows.map(rowToContact), total };
}

/** The live contact with Ferry's id `uid` on this card (a CRM record carries it as Ferry's key). */
export function findContactByUid(db: Db, cardId: number, uid: string): Contact | undefined {
  const row = cachedStatement(db, `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE uid = ? AND card_id = ? AND deleted_at IS NULL`).get(uid, cardId) as ContactRow | undefined;
  return row && rowToContact(row);
}

/** Live contacts of a card whose e-mail key is `emailKey` (every one: two mean no sure match). */
export function liveContactsByEmailKey(db: Db, cardId: number, emailKey: string): Contact[] {
  const rows = cachedStatement(db, `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE card_id = ? AND email_key = ? AND deleted_at IS NULL ORDER BY id`).all(cardId, emailKey) as ContactRow[];
  return rows.map(rowToContact);
}

/** Live contacts of a card with this name + company + phone key and no e-mail. */
export function liveContactsByIdentityKey(db: Db, cardId: number, key: string): Contact[] {
  const rows = cachedStatement(db, `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE card_id = ? AND identity_key = ? AND deleted_at IS NULL ORDER BY id`).all(cardId, key) as ContactRow[];
  return rows.map(rowToContact);
}

/** lower-cased "first last" → contact ids, for every live contact of a card (potential duplicates by name). */
export function liveNameIndex(db: Db, cardId: number): Map<string, number[]> {
  const rows = db.prepare("SELECT id, lower(trim(first_name) || ' ' || trim(last_name)) AS name FROM contacts WHERE card_id = ? AND deleted_at IS NULL").raw().all(cardId) as [number, string][];
  const index = new Map<string, number[]>();
  for (const [id, name] of rows) {
    if (name.trim() === '') continue;
    const list = index.get(name);
    if (list) list.push(id);
    else index.set(name, [id]);
  }
  return index;
}

/** A contact as stored, with the normalised columns an update compares against (one read for both). */
export interface StoredContact {
  contact: Contact;
  stored: PreparedRow;
}

type MatchRow = ContactRow & { email_key: string | null; identity_key: string | null };
const MATCH_COLUMNS = `${CONTACT_COLUMNS}, email_key, identity_key`;
/**
 * Live contacts first, then soft-deleted ones, lowest id first in each. Two
 * queries rather than ORDER BY deleted_at IS NOT NULL: within one key the
 * index already yields ids in order, so neither query needs a sort.
 */
const MATCH_BY = {
  email: ['AND deleted_at IS NULL', ''].map((live) =>
    `SELECT ${MATCH_COLUMNS} FROM contacts WHERE card_id = ? AND email_key = ? ${live} ORDER BY id LIMIT 1`),
  identity: ['AND deleted_at IS NULL', ''].map((live) =>
    `SELECT ${MATCH_COLUMNS} FROM contacts WHERE card_id = ? AND identity_key = ? AND email_key IS NULL ${live} ORDER BY id LIMIT 1`),
};

function firstMatch(db: Db, queries: string[], cardId: number, key: string): StoredContact | undefined {
  for (const sql of queries) {
    const row = cachedStatement(db, sql).get(cardId, key) as MatchRow | undefined;
    if (row) return { contact: rowToContact(row), stored: row };
  }
  return undefined;
}

/** The existing contact an imported record is the same person as: e-mail first, else name + company + phone. */
export function findMatchingStored(db: Db, cardId: number, emailKey: string | null, idKey: string | null): StoredContact | undefined {
  return (emailKey ? firstMatch(db, MATCH_BY.email, cardId, emailKey) : undefined) ??
    (idKey ? firstMatch(db, MATCH_BY.identity, cardId, idKey) : undefined);
}

export function findMatchingContact(db: Db, cardId: number, emailKey: string | null, idKey: string | null): Contact | undefined {
  return findMatchingStored(db, cardId, emailKey, idKey)?.contact;
}

/**
 * The match keys a card already holds, read once so that an import of
 * 100,000 new contacts does not look each one up in SQLite: only a key in
 * these sets can have a match (findMatchingContact then finds it).
 */
export function contactMatchKeys(db: Db, cardId: number): { emailKeys: Set<string>; identityKeys: Set<string> } {
  const emailKeys = new Set<string>();
  const identityKeys = new Set<string>();
  const rows = cachedStatement(db, 'SELECT email_key, identity_key FROM contacts WHERE card_id = ?')
    .raw()
    .all(cardId) as [string | null, string | null][];
  for (const [email, identity] of rows) {
    if (email !== null) emailKeys.add(email);
    else if (identity !== null) identityKeys.add(identity);
  }
  return { emailKeys, identityKeys };
}
