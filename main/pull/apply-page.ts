import type { Contact, ContactFields } from '../../preload/schemas/contact';
import { displayName } from '../../preload/schemas/contact';
import type { Db } from '../store/db';
import type { Connection } from '../store/connections';
import { contactFields, getContact, insertPrepared, prepareFields, updatePrepared } from '../store/contacts';
import { completeOutbox, enqueueForConnection } from '../store/outbox';
import { getLinks, saveLink } from '../store/sync-links';
import { dropOpenConflict, keepConflict, openConflictFields } from '../store/conflicts';
import { recordHistory } from '../store/contact-history';
import { notePotentialDuplicate } from '../store/potential-duplicates';
import { recordEvent } from '../store/sync-records';
import { ruleFor, type FieldRules } from '../store/field-rules';
import { hashPayload } from '../sync/payload';
import type { Connector, Payload, PulledRecord, ReadableField } from '../sync/connector';
import type { FieldChange } from '../sync/service-api';
import { decideField } from './decide';
import { recordFields, type Match } from './match';

/** What one page did, added into the run's summary. */
export interface PageCounts {
  created: number;
  updated: number;
  linked: number;
  unchanged: number;
  conflicts: number;
  potentialDuplicates: number;
}

export const emptyCounts = (): PageCounts => ({ created: 0, updated: 0, linked: 0, unchanged: 0, conflicts: 0, potentialDuplicates: 0 });

export interface PageContext {
  db: Db;
  connection: Connection;
  connector: Connector;
  readable: readonly ReadableField[];
  rules: FieldRules;
  region: string;
  runId: number;
  now: number;
}

/** The name a field has in conflicts and history: the Ferry field, with the part for multi-key fields (`addresses.city`). */
export const fieldName = (rf: ReadableField): string => (rf.part ? `${rf.field}.${rf.part}` : rf.field);
const norm = (rf: ReadableField, v: string | null | undefined): string => (rf.normalize ? rf.normalize(v ?? '') : (v ?? '').trim());

/**
 * The link payload after a pull: what the CRM now holds for every key the pull
 * read, and what Ferry would send for the rest (keys the pull cannot read are
 * Ferry's: they are sent with the contact's next change). When it equals the
 * contact's own payload, the contact is in sync with this connection: its
 * outbox row is completed in the same transaction, so applying a CRM change
 * never echoes back to the CRM it came from.
 */
function agreedPayload(record: PulledRecord, readable: readonly ReadableField[], ferry: Payload, base: Payload | undefined): Payload {
  const out: Payload = { ...(base ?? {}), ...ferry };
  // a key several fields read (Pipedrive's one name: first and last) agrees only when every one of them does
  const differs = new Set(readable.filter((rf) => norm(rf, record.values[rf.key] ?? '') !== norm(rf, ferry[rf.key])).map((rf) => rf.key));
  for (const rf of readable) {
    const crm = record.values[rf.key] ?? '';
    // a spelling the CRM keeps its own way (e-mail case) counts as Ferry's value, exactly as
    // Ferry writes it: an empty field Ferry sends as null (Dynamics 365) stays null, or the
    // agreed payload would never hash as Ferry's and the contact would be pushed back
    out[rf.key] = differs.has(rf.key) ? crm : (ferry[rf.key] ?? null);
  }
  for (const key of Object.keys(out)) if (!(key in ferry)) delete out[key];
  return out;
}

function settleLink(ctx: PageContext, contact: Contact, record: PulledRecord, base: Payload | undefined, aux: Record<string, string>, mayPush = true): boolean {
  const { db, connection, connector, readable, now } = ctx;
  const ferry = connector.map(contact, connection, aux);
  const agreed = agreedPayload(record, readable, ferry, base);
  const hash = hashPayload(agreed);
  const inSync = hash === hashPayload(ferry);
  saveLink(db, {
    connectionId: connection.id, contactId: contact.id, externalId: record.externalId, payloadHash: hash, payload: agreed,
    aux: { ...aux, ...(record.aux ?? {}) }, syncedVersion: inSync ? contact.version : 0, syncedAt: now,
  });
  if (inSync) completeOutbox(db, connection.id, contact.id, contact.version);
  // Ferry kept its value of a field the CRM changed: it goes back (two-way). Not while a conflict is open.
  else if (mayPush) enqueueForConnection(db, connection.id, contact.id, contact.version, now);
  return inSync;
}

/** A matched record: field by field under the rules; CRM changes applied with history, conflicts kept. */
function applyToContact(ctx: PageContext, contactId: number, record: PulledRecord, counts: PageCounts, linkedNow: boolean): void {
  const { db, connection, connector, readable, rules, region, runId, now } = ctx;
  const contact = getContact(db, contactId);
  // deleted in Ferry: nothing of the record is applied, and the contact is not brought back (match.ts)
  if (!contact || contact.deletedAt !== null) { counts.unchanged++; return; }
  const link = getLinks(db, connection.id, [contactId]).get(contactId);
  const aux = link?.aux ?? {};
  const ferry = connector.map(contact, connection, aux);
  const base = link && link.externalId === record.externalId ? link.payload : undefined;
  let fields: ContactFields = contactFields(contact);
  const changes: FieldChange[] = [];
  for (const rf of readable) {
    const crmRaw = record.values[rf.key] ?? '';
    const sides = {
      ferry: norm(rf, ferry[rf.key]), crm: norm(rf, crmRaw), base: base && rf.key in base ? norm(rf, base[rf.key]) : undefined,
      crmChangedAt: record.modifiedAt, ferryChangedAt: contact.updatedAt,
    };
    const decision = decideField(sides, ruleFor(rules, rf.field));
    if (decision !== 'conflict') dropOpenConflict(db, connection.id, contactId, fieldName(rf));
    if (decision === 'take-crm') {
      fields = rf.apply(fields, crmRaw);
      changes.push({ field: fieldName(rf), old: ferry[rf.key] ?? '', new: crmRaw });
    } else if (decision === 'conflict') {
      keepConflict(db, {
        connectionId: connection.id, contactId, field: fieldName(rf), ferryValue: ferry[rf.key] ?? '', crmValue: crmRaw,
        ferryChangedAt: contact.updatedAt, crmChangedAt: record.modifiedAt, createdAt: now,
      });
      counts.conflicts++;
    }
  }
  let current = contact;
  if (changes.length > 0 && updatePrepared(db, contact, prepareFields(fields, region), {}, now)) {
    current = getContact(db, contactId) ?? contact;
    for (const c of changes) recordHistory(db, { contactId, at: now, field: c.field, old: c.old, new: c.new, connectionId: connection.id });
    counts.updated++;
    recordEvent(db, { runId, connectionId: connection.id, contactId, outcome: 'updated', externalId: record.externalId, changes, message: `Changed from ${connection.label}.`, at: now });
  } else if (linkedNow) {
    counts.linked++;
    recordEvent(db, { runId, connectionId: connection.id, contactId, outcome: 'unchanged', externalId: record.externalId, message: `Linked to its ${connection.label} record.`, at: now });
  } else {
    counts.unchanged++;
  }
  // a field kept as a conflict keeps the last agreed value as the base, so it stays a conflict until resolved
  const agreedBase = base ? { ...base } : undefined;
  const safe = conflictSafe(record, readable, agreedBase, ctx, contactId);
  settleLink(ctx, current, safe, agreedBase, aux, safe === record);
}

/** The record with each field still in conflict reading as the last agreed value, so the link never claims agreement on it. */
function conflictSafe(record: PulledRecord, readable: readonly ReadableField[], base: Payload | undefined, ctx: PageContext, contactId: number): PulledRecord {
  const open = openConflictFields(ctx.db, ctx.connection.id, contactId);
  if (open.size === 0) return record;
  const values = { ...record.values };
  for (const rf of readable) if (open.has(fieldName(rf))) values[rf.key] = base?.[rf.key] ?? '';
  return { ...record, values };
}

/** Applies one page in ONE transaction with its checkpoint (`advance`, given what the page did): a crash keeps all of it or none of it. */
export function applyPage(ctx: PageContext, matched: { record: PulledRecord; match: Match }[], names: Map<string, number[]>, advance: (counts: PageCounts) => void): PageCounts {
  const { db, connection, readable, region, runId, now } = ctx;
  const counts = emptyCounts();
  db.transaction(() => {
    const createdByUid = new Map<string, number>();
    for (const { record, match } of matched) {
      if (match.kind === 'linked' || match.kind === 'sure') {
        applyToContact(ctx, match.contactId, record, counts, match.kind === 'sure');
      } else if (match.kind === 'new') {
        const { id } = insertPrepared(db, connection.cardId, prepareFields(match.fields, region), {}, now, undefined, match.uid);
        createdByUid.set(match.uid, id);
        const contact = getContact(db, id);
        if (!contact) continue;
        for (const rf of readable) {
          const v = record.values[rf.key] ?? '';
          if (v.trim()) recordHistory(db, { contactId: id, at: now, field: fieldName(rf), old: null, new: v, connectionId: connection.id });
        }
        settleLink(ctx, contact, record, undefined, {});
        const name = `${contact.firstName} ${contact.lastName}`.trim().toLowerCase();
        if (name) names.set(name, [...(names.get(name) ?? []), id]);
        counts.created++;
        recordEvent(db, { runId, connectionId: connection.id, contactId: id, outcome: 'created', externalId: record.externalId, message: `New from ${connection.label}: ${displayName(contact)}.`, at: now });
      } else {
        const ids = match.newUid !== undefined ? [createdByUid.get(match.newUid)].filter((x): x is number => x !== undefined) : match.contactIds;
        const crm = recordFields(record, readable, connection.kind);
        const crmName = `${crm.firstName} ${crm.lastName}`.trim();
        const crmEmail = crm.emails[0]?.value ?? '';
        let isNew = false;
        for (const contactId of ids) isNew = notePotentialDuplicate(db, { contactId, connectionId: connection.id, externalId: record.externalId, why: match.why, crmName, crmEmail, crmCompany: crm.company, foundAt: now }) || isNew;
        // counted when first found: a record read again on a later pull is the same potential duplicate
        if (isNew) counts.potentialDuplicates++;
      }
    }
    advance(counts);
  }).immediate();
  return counts;
}
