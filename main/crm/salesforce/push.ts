import type { Connection as SfConnection } from 'jsforce';
import type { PushItem, PushResult } from '../../sync/connector';
import { COLLECTION_SIZE, convertedContacts, createRecords, findByEmail, updateRecords, upsertByFerryId, type SaveResult, type SfRecordInput } from './api';
import { crmErrorOf, duplicateMatches, externalIdMatches, rejectionSentence, type DuplicateMatch, type RecordError } from './errors';
import { fieldsToSend, mapContact, type SalesforceObject } from './mapping';
import type { OrgFields } from './org-fields';

/**
 * One batch of contacts → Salesforce, matching each to a record in this order:
 * 1. linked (the stored external id) → update by id; a record deleted in
 *    Salesforce since is matched again as if unlinked;
 * 2. the org has Ferry_Id__c → upsert keyed on it: a resend after a crash or a
 *    lost answer finds the record the first attempt created;
 * 3. otherwise → find by e-mail (one record: update it; several: conflict), then
 *    create the rest.
 * A create or upsert that a duplicate rule blocks (DUPLICATES_DETECTED) is
 * linked to the one record the rule matched and updated; several matches are a
 * conflict for the rep — Ferry never picks one.
 *
 * Invariant: every item gets exactly one result.
 */
interface PushDeps {
  conn: SfConnection;
  object: SalesforceObject;
  /** what describe said: the upsert key and the custom fields the payload may name */
  org: OrgFields;
  /** describe of another object (Contact, for Leads converted into Contacts), asked once */
  orgOf(object: SalesforceObject): Promise<OrgFields>;
  /** each Contact item's Account (null: none), from accounts.ts; absent for Leads */
  accountIds?: ReadonlyMap<number, string | null>;
}

/** The fields of a Contact written with its Account link (AccountId), when accounts.ts resolved one. */
function withAccount(deps: PushDeps, item: PushItem, fields: SfRecordInput, create: boolean): SfRecordInput {
  if (deps.object !== 'Contact' || !deps.accountIds?.has(item.contactId)) return fields;
  const id = deps.accountIds.get(item.contactId) ?? null;
  return id === null && create ? fields : { ...fields, AccountId: id };
}

/** The link's aux marks a Lead connection's contact that lives on as a Contact (a converted Lead). */
const CONVERTED_AUX = { sobject: 'Contact' } as const;
const isConvertedLink = (deps: PushDeps, item: PushItem): boolean => deps.object === 'Lead' && item.aux.sobject === 'Contact';

type Results = Map<number, PushResult>;

/** What a rep reads for a contact without e-mail in an org without Ferry_Id__c. */
export const NEEDS_FERRY_ID = 'This contact has no e-mail address, and your Salesforce org has no Ferry ID field (Ferry_Id__c) to find it again by, so Ferry cannot send it without risking a duplicate. Add an e-mail in Ferry, or have Ferry create the field (Integrations → Salesforce → Add Ferry ID field, or `ferry salesforce add-ferry-id`; needs the Customize Application permission), or ask your Salesforce admin (see the README).';

const chunks = <T>(xs: T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += COLLECTION_SIZE) out.push(xs.slice(i, i + COLLECTION_SIZE));
  return out;
};

const emailOf = (item: PushItem): string => (item.payload.Email ?? '').trim().toLowerCase();
const GONE = new Set(['ENTITY_IS_DELETED', 'INVALID_CROSS_REFERENCE_KEY', 'NOT_FOUND']);

/**
 * A record Salesforce refused on its own. UNABLE_TO_LOCK_ROW is not about the
 * contact: another process (a flow, a mass update, a data load) held the record,
 * and Salesforce's advice is to try again, so it is a per-record retry (the
 * engine backs off and sets it aside after a few tries), never a rejection.
 */
function rejected(item: PushItem, error: RecordError, object: string): PushResult {
  if (error.statusCode === 'UNABLE_TO_LOCK_ROW') {
    return { contactId: item.contactId, outcome: 'retry', message: 'Salesforce was busy with this record (another process held it)', crmError: crmErrorOf(error) };
  }
  return { contactId: item.contactId, outcome: 'rejected', message: rejectionSentence(error, object), crmError: crmErrorOf(error) };
}

function conflict(item: PushItem, ids: string[], error: string, object: string): PushResult {
  const what = object === 'Lead' ? 'leads' : 'contacts';
  return {
    contactId: item.contactId, outcome: 'conflict', candidates: ids, crmError: error,
    message: `Salesforce has ${ids.length === 1 ? 'a record' : `${ids.length} records`} that ${ids.length === 1 ? 'matches' : 'match'} this ${what.replace(/s$/, '')}${emailOf(item) ? ` (e-mail ${emailOf(item)})` : ''}, and Ferry will not guess. Merge them in Salesforce, or tell Ferry which one to use.`,
  };
}

async function send<T>(entries: T[], call: (batch: T[]) => Promise<SaveResult[]>): Promise<Array<[T, SaveResult]>> {
  const out: Array<[T, SaveResult]> = [];
  for (const batch of chunks(entries)) {
    const results = await call(batch);
    batch.forEach((entry, i) => out.push([entry, results[i] as SaveResult]));
  }
  return out;
}

/** Updates items on known record ids; returns the items whose record is gone. */
async function updateByIds(deps: PushDeps, targets: Array<{ item: PushItem; id: string; link: boolean }>, results: Results): Promise<PushItem[]> {
  const gone: PushItem[] = [];
  const entries = targets.map((t) => ({ ...t, fields: withAccount(deps, t.item, fieldsToSend(t.item.payload, t.link ? t.item.previousPayload : {}, { create: false, object: deps.object, org: deps.org }), false) }));
  const converted: PushItem[] = [];
  for (const [t, r] of await send(entries, (b) => updateRecords(deps.conn, deps.object, b.map((e) => ({ id: e.id, fields: e.fields }))))) {
    if (r.ok) { results.set(t.item.contactId, { contactId: t.item.contactId, outcome: 'updated', externalId: r.id }); continue; }
    const error = r.errors[0] ?? { statusCode: 'UNKNOWN', message: 'no error text', fields: [] };
    if (t.link && GONE.has(error.statusCode)) gone.push(t.item);
    else if (error.statusCode === 'CANNOT_UPDATE_CONVERTED_LEAD') converted.push({ ...t.item, externalId: t.id });
    else results.set(t.item.contactId, rejected(t.item, error, deps.object));
  }
  await followConverted(deps, converted, results);
  return gone;
}

/**
 * Leads someone converted in Salesforce are read-only (CANNOT_UPDATE_CONVERTED_LEAD,
 * "cannot reference converted lead"); the person lives on as the Contact in the
 * Lead's ConvertedContactId. Ferry links that Contact (aux `sobject: Contact`) and
 * writes the contact there from now on, mapped as a Contact.
 */
async function followConverted(deps: PushDeps, items: PushItem[], results: Results): Promise<void> {
  if (items.length === 0) return;
  const contactOf = await convertedContacts(deps.conn, items.map((i) => i.externalId as string));
  const targets = items.flatMap((item) => {
    const contactId = contactOf.get(item.externalId as string);
    if (contactId) return [{ item, id: contactId }];
    results.set(item.contactId, { contactId: item.contactId, outcome: 'rejected', message: 'This lead was converted in Salesforce, and Salesforce did not say into which contact. Link it again from Salesforce.', crmError: 'CANNOT_UPDATE_CONVERTED_LEAD: no ConvertedContactId' });
    return [];
  });
  await updateContactsOfConverted(deps, targets, results);
}

/** Writes Lead-connection contacts onto their Contacts (converted Leads), mapped as Contacts. */
async function updateContactsOfConverted(deps: PushDeps, targets: Array<{ item: PushItem; id: string }>, results: Results): Promise<void> {
  if (targets.length === 0) return;
  const org = await deps.orgOf('Contact');
  const entries = targets.map((t) => ({ ...t, fields: fieldsToSend(mapContact(t.item.contact, 'Contact', org), {}, { create: false, object: 'Contact', org }) }));
  for (const [t, r] of await send(entries, (b) => updateRecords(deps.conn, 'Contact', b.map((e) => ({ id: e.id, fields: e.fields }))))) {
    if (r.ok) { results.set(t.item.contactId, { contactId: t.item.contactId, outcome: 'updated', externalId: r.id, aux: { ...t.item.aux, ...CONVERTED_AUX } }); continue; }
    const error = r.errors[0] ?? { statusCode: 'UNKNOWN', message: 'no error text', fields: [] };
    results.set(t.item.contactId, rejected(t.item, error, 'Contact'));
  }
}

/** Creates (or upserts on Ferry_Id__c); items a duplicate rule blocked go to `dups` with their matches. */
async function write(deps: PushDeps, items: PushItem[], results: Results, blocked: Map<PushItem, RecordError>): Promise<void> {
  const records: Array<{ item: PushItem; fields: SfRecordInput }> = items.map((item) => ({ item, fields: withAccount(deps, item, fieldsToSend(item.payload, {}, { create: true, object: deps.object, org: deps.org }), true) }));
  const call = deps.org.ferryId
    ? (b: typeof records) => upsertByFerryId(deps.conn, deps.object, b.map((e) => e.fields))
    : (b: typeof records) => createRecords(deps.conn, deps.object, b.map((e) => e.fields));
  for (const [e, r] of await send(records, call)) {
    if (r.ok) { results.set(e.item.contactId, { contactId: e.item.contactId, outcome: r.created === false ? 'updated' : 'created', externalId: r.id }); continue; }
    const error = r.errors[0] ?? { statusCode: 'UNKNOWN', message: 'no error text', fields: [] };
    if (error.statusCode === 'DUPLICATES_DETECTED') blocked.set(e.item, error);
    else if (error.statusCode === 'DUPLICATE_EXTERNAL_ID') results.set(e.item.contactId, conflict(e.item, externalIdMatches(error), crmErrorOf(error), deps.object));
    else results.set(e.item.contactId, rejected(e.item, error, deps.object));
  }
}

/** Items without a link and without Ferry_Id__c: match by e-mail, then create the rest. */
async function matchByEmail(deps: PushDeps, items: PushItem[], results: Results, blocked: Map<PushItem, RecordError>): Promise<void> {
  const withEmail = items.filter((i) => emailOf(i));
  const found = withEmail.length > 0 ? await findByEmail(deps.conn, deps.object, withEmail.map(emailOf)) : new Map<string, string[]>();
  const updates: Array<{ item: PushItem; id: string; link: boolean }> = [];
  const creates: PushItem[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const email = emailOf(item);
    if (!email) {
      // Without Ferry_Id__c nothing identifies a contact without e-mail: a resend after a
      // lost answer would create it a second time. Ferry_Id__c is the prerequisite.
      results.set(item.contactId, { contactId: item.contactId, outcome: 'rejected', message: NEEDS_FERRY_ID, crmError: 'no Ferry_Id__c external id and no e-mail to match on' });
      continue;
    }
    const ids = found.get(email) ?? [];
    if (ids.length > 1) { results.set(item.contactId, conflict(item, ids, `${ids.length} records with Email = ${email}`, deps.object)); continue; }
    if (ids.length === 1) { updates.push({ item, id: ids[0] as string, link: false }); continue; }
    if (email && seen.has(email)) {
      // two contacts of this batch would create two records with one address; the later one waits
      results.set(item.contactId, { contactId: item.contactId, outcome: 'retry', message: 'Another contact with the same e-mail address is being sent; Ferry will send this one next.', crmError: 'same e-mail twice in one batch' });
      continue;
    }
    if (email) seen.add(email);
    creates.push(item);
  }
  await updateByIds(deps, updates, results);
  await write(deps, creates, results, blocked);
}

/**
 * What a duplicate rule's matches allow. Standard matching rules are fuzzy (name
 * plus company or phone), and the standard Lead rule also matches Contacts, so:
 * only a match of the object Ferry writes may be linked, and a single match only
 * when its e-mail is this contact's (case-insensitive) or blank; anything else is a
 * conflict for the rep. Ferry never guesses.
 */
function decideDuplicate(item: PushItem, matches: DuplicateMatch[], object: string): { link: string } | { conflict: string[]; reason: string } | null {
  if (matches.length === 0) return null;
  const same = matches.filter((m) => m.entityType === undefined || m.entityType === object);
  if (same.length === 0) return { conflict: matches.map((m) => m.id), reason: `the duplicate rule matched ${matches.map((m) => `a ${m.entityType ?? 'record'} (${m.id})`).join(', ')}, not a ${object}` };
  if (same.length > 1) return { conflict: same.map((m) => m.id), reason: `${same.length} ${object} records match` };
  const [only] = same as [DuplicateMatch];
  const email = emailOf(item);
  const theirs = (only.email ?? '').trim().toLowerCase();
  if (only.email !== undefined && (theirs === '' || theirs === email)) return { link: only.id };
  return { conflict: [only.id], reason: only.email === undefined ? 'Salesforce did not say the matching record\'s e-mail' : `the matching ${object} has the e-mail ${theirs}` };
}

/** DUPLICATES_DETECTED: see decideDuplicate; a rule that named no record → look up by e-mail. */
async function resolveBlocked(deps: PushDeps, blocked: Map<PushItem, RecordError>, results: Results): Promise<void> {
  if (blocked.size === 0) return;
  const unnamed = [...blocked].filter(([, e]) => duplicateMatches(e).length === 0).map(([i]) => i).filter((i) => emailOf(i));
  const byEmail = unnamed.length > 0 ? await findByEmail(deps.conn, deps.object, unnamed.map(emailOf)) : new Map<string, string[]>();
  const updates: Array<{ item: PushItem; id: string; link: boolean }> = [];
  for (const [item, error] of blocked) {
    const decision = decideDuplicate(item, duplicateMatches(error), deps.object);
    if (decision && 'link' in decision) { updates.push({ item, id: decision.link, link: false }); continue; }
    if (decision) { results.set(item.contactId, conflict(item, decision.conflict, `${crmErrorOf(error)} (${decision.reason})`, deps.object)); continue; }
    const ids = byEmail.get(emailOf(item)) ?? [];
    if (ids.length === 1) updates.push({ item, id: ids[0] as string, link: false });
    else if (ids.length > 1) results.set(item.contactId, conflict(item, ids, crmErrorOf(error), deps.object));
    else results.set(item.contactId, rejected(item, error, deps.object));
  }
  await updateByIds(deps, updates, results);
}

export async function pushItems(deps: PushDeps, items: PushItem[]): Promise<PushResult[]> {
  const results: Results = new Map();
  const blocked = new Map<PushItem, RecordError>();
  await updateContactsOfConverted(deps, items.filter((i) => i.externalId !== null && isConvertedLink(deps, i)).map((item) => ({ item, id: item.externalId as string })), results);
  const linked = items.filter((i) => i.externalId !== null && !isConvertedLink(deps, i)).map((item) => ({ item, id: item.externalId as string, link: true }));
  const gone = await updateByIds(deps, linked, results);
  const unlinked = [...items.filter((i) => i.externalId === null), ...gone];
  if (deps.org.ferryId) await write(deps, unlinked, results, blocked);
  else await matchByEmail(deps, unlinked, results, blocked);
  await resolveBlocked(deps, blocked, results);
  return items.map((item) => results.get(item.contactId) ?? {
    contactId: item.contactId, outcome: 'retry', message: 'Salesforce did not confirm this contact. Ferry will send it again.', crmError: 'no result for this record',
  });
}
