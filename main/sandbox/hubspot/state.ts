import { CompanyStore, type CompanyStoreData } from './companies-state';
import { PropertyRegistry, type PropertyDefinition } from './properties';

/** A stored CRM object. `properties` holds only writable values that are set (never ""). */
export interface CrmRecord {
  id: string;
  properties: Record<string, string>;
  createdAt: number;
  updatedAt: number;
}

export interface NoteRecord extends CrmRecord {
  contactIds: Set<string>;
}

/** What the search index holds for one contact: the values as of its last indexing. */
export interface IndexedSnapshot {
  id: string;
  values: Record<string, string>;
  createdAt: number;
  updatedAt: number;
}

interface PendingIndexUpdate {
  visibleAt: number;
  snapshot: IndexedSnapshot;
}

/** What a sandbox account keeps across restarts (Ferry keeps it in the data folder): its records and the properties created in it. */
export interface HubSpotStoreData {
  nextId: number;
  properties: { contacts: PropertyDefinition[]; notes: PropertyDefinition[]; companies?: PropertyDefinition[] };
  contacts: CrmRecord[];
  notes: Array<Omit<NoteRecord, 'contactIds'> & { contactIds: string[] }>;
  /** absent in data saved before the sandbox modelled companies */
  companies?: CompanyStoreData;
  /** merged-away id → merged record id; absent before the sandbox modelled merges */
  mergedInto?: [string, string][];
  /** archived contacts and when; absent before the sandbox modelled archives */
  archived?: { record: CrmRecord; archivedAt: number }[];
}

/**
 * The sandbox account's data: contacts, notes, their indexes and the lagging
 * search index.
 *
 * Invariants: `emailIndex` maps each stored contact's lowercased email to its id;
 * `uniqueIndex` does the same for every unique-value property; both are updated
 * in `putContact` only, so they never disagree with `contacts`.
 */
export class HubSpotStore {
  readonly properties = new PropertyRegistry();
  readonly contacts = new Map<string, CrmRecord>();
  /** archived ("deleted", restorable for 90 days) contacts by id, with when: what `?archived=true` lists */
  readonly archivedContacts = new Map<string, { record: CrmRecord; archivedAt: number }>();
  readonly notes = new Map<string, NoteRecord>();
  readonly companies = new CompanyStore(this.properties);
  private readonly emailIndex = new Map<string, string>();
  private readonly uniqueIndex = new Map<string, Map<string, string>>();
  private readonly notesByContact = new Map<string, Set<string>>();
  /** merged-away id → the id of the record it was merged into */
  private readonly mergedInto = new Map<string, string>();
  private searchIndex = new Map<string, IndexedSnapshot>();
  private pendingIndex: PendingIndexUpdate[] = [];
  private nextId = 101;

  constructor(readonly portalId: number) {}

  reset(): void {
    this.properties.reset();
    this.contacts.clear();
    this.archivedContacts.clear();
    this.notes.clear();
    this.companies.reset();
    this.emailIndex.clear();
    this.uniqueIndex.clear();
    this.notesByContact.clear();
    this.mergedInto.clear();
    this.searchIndex = new Map();
    this.pendingIndex = [];
    this.nextId = 101;
  }

  toData(): HubSpotStoreData {
    return {
      nextId: this.nextId,
      properties: { contacts: this.properties.custom('contacts'), notes: this.properties.custom('notes'), companies: this.properties.custom('companies') },
      contacts: [...this.contacts.values()].map((r) => ({ ...r, properties: { ...r.properties } })),
      notes: [...this.notes.values()].map((n) => ({ ...n, properties: { ...n.properties }, contactIds: [...n.contactIds] })),
      companies: this.companies.toData(),
      mergedInto: [...this.mergedInto],
      archived: [...this.archivedContacts.values()].map((a) => ({ record: { ...a.record, properties: { ...a.record.properties } }, archivedAt: a.archivedAt })),
    };
  }

  /** Replaces everything with saved data, rebuilding every index through the same writes the API uses. */
  loadData(data: HubSpotStoreData): void {
    this.reset();
    for (const def of data.properties.contacts) this.properties.restore('contacts', def);
    for (const def of data.properties.notes) this.properties.restore('notes', def);
    for (const def of data.properties.companies ?? []) this.properties.restore('companies', def);
    for (const c of data.contacts) {
      const r = this.putContact(c.id, c.properties, c.updatedAt, 0);
      r.createdAt = c.createdAt;
    }
    for (const n of data.notes) {
      const note = this.putNote(n.id, n.properties, n.contactIds, n.updatedAt);
      note.createdAt = n.createdAt;
    }
    this.companies.loadData(data.companies);
    for (const [from, to] of data.mergedInto ?? []) this.mergedInto.set(from, to);
    for (const a of data.archived ?? []) this.archivedContacts.set(a.record.id, { record: a.record, archivedAt: a.archivedAt });
    this.nextId = data.nextId;
  }

  /** Ids are numeric strings, unique across object types, as in HubSpot. */
  newId(): string {
    const id = String(this.nextId);
    this.nextId += 1;
    return id;
  }

  contactIdByEmail(email: string): string | undefined {
    return this.emailIndex.get(normaliseEmail(email));
  }

  /**
   * The contact whose stored (lower-cased) e-mail is exactly `email`, with no case
   * folding: what an upsert keyed on email matches.
   */
  contactIdByStoredEmail(email: string): string | undefined {
    return this.emailIndex.get(email);
  }

  /** The contact holding `value` in a unique property (email included). */
  contactIdByUnique(property: string, value: string): string | undefined {
    if (property === 'email') return this.contactIdByEmail(value);
    if (property === 'hs_object_id') return this.contacts.has(value) ? value : undefined;
    return this.uniqueIndex.get(property)?.get(value);
  }

  /**
   * Writes a contact's new property values (null or "" clears) and reindexes it.
   * The caller has validated values and checked uniqueness for the whole batch.
   */
  putContact(id: string, changes: Record<string, string | null>, now: number, searchLagMs: number): CrmRecord {
    const existing = this.contacts.get(id);
    const record: CrmRecord = existing ?? { id, properties: {}, createdAt: now, updatedAt: now };
    this.unindex(record);
    for (const [name, raw] of Object.entries(changes)) {
      const value = raw === null ? '' : name === 'email' ? normaliseEmail(raw) : raw;
      if (value === '') delete record.properties[name];
      else record.properties[name] = value;
    }
    record.updatedAt = now;
    this.contacts.set(id, record);
    this.index(record);
    this.pendingIndex.push({ visibleAt: now + searchLagMs, snapshot: snapshotOf(record) });
    return record;
  }

  putNote(id: string, changes: Record<string, string | null>, contactIds: string[], now: number): NoteRecord {
    const note: NoteRecord = this.notes.get(id) ?? { id, properties: {}, createdAt: now, updatedAt: now, contactIds: new Set() };
    for (const [name, value] of Object.entries(changes)) {
      if (value === null || value === '') delete note.properties[name];
      else note.properties[name] = value;
    }
    for (const contactId of contactIds) {
      note.contactIds.add(contactId);
      let set = this.notesByContact.get(contactId);
      if (!set) { set = new Set(); this.notesByContact.set(contactId, set); }
      set.add(id);
    }
    note.updatedAt = now;
    this.notes.set(id, note);
    return note;
  }

  /** Archives a note: it leaves the store and every contact's timeline. False when unknown. */
  archiveNote(id: string): boolean {
    const note = this.notes.get(id);
    if (!note) return false;
    for (const contactId of note.contactIds) this.notesByContact.get(contactId)?.delete(id);
    this.notes.delete(id);
    return true;
  }

  /**
   * HubSpot's contact merge since "Updated merge functionality for contacts and
   * companies" (developers.hubspot.com/changelog/updated-merge-functionality-for-contacts-and-companies):
   * a NEW record with a new id takes the primary's current values, the other's
   * values fill what the primary lacks, associations move to it, and both old
   * ids keep pointing to it (reads by an old id answer with the new record).
   * The other's e-mail stays with the person as an additional e-mail
   * (knowledge.hubspot.com: "the address of the primary contact is maintained").
   */
  mergeContacts(primaryId: string, otherId: string, now: number, searchLagMs: number): CrmRecord {
    const primary = this.contacts.get(primaryId);
    const other = this.contacts.get(otherId);
    if (!primary || !other) throw new Error('mergeContacts needs two stored contacts');
    const values: Record<string, string> = { ...other.properties, ...primary.properties };
    for (const def of this.properties.list('contacts')) {
      // a unique value belongs to one record: the primary's survives
      if (def.hasUniqueValue && def.name !== 'email' && primary.properties[def.name] === undefined) delete values[def.name];
    }
    const additional = [primary.properties.hs_additional_emails, other.properties.email, other.properties.hs_additional_emails].filter((v): v is string => v !== undefined && v !== '');
    if (other.properties.email !== undefined && other.properties.email !== primary.properties.email) values.hs_additional_emails = additional.join(';');
    this.removeContact(primaryId);
    this.removeContact(otherId);
    const merged = this.putContact(this.newId(), values, now, searchLagMs);
    merged.createdAt = Math.min(primary.createdAt, other.createdAt);
    for (const oldId of [primaryId, otherId]) {
      for (const noteId of this.noteIdsForContact(oldId)) this.putNote(noteId, {}, [merged.id], now);
      this.notesByContact.delete(oldId);
      this.mergedInto.set(oldId, merged.id);
    }
    // ids that pointed to either record now point to the merged one
    for (const [from, to] of this.mergedInto) if (to === primaryId || to === otherId) this.mergedInto.set(from, merged.id);
    return merged;
  }

  /** The live id an id stands for: itself, or the record it was merged into. */
  resolveContactId(id: string): string {
    return this.mergedInto.get(id) ?? id;
  }

  /** Removes a contact and everything indexed about it (an archive, a GDPR delete, a merge). False when unknown. */
  removeContact(id: string): boolean {
    const record = this.contacts.get(id);
    if (!record) return false;
    this.unindex(record);
    this.contacts.delete(id);
    this.searchIndex.delete(id);
    this.pendingIndex = this.pendingIndex.filter((u) => u.snapshot.id !== id);
    return true;
  }

  /** Archive (DELETE …/contacts/{id}): the record leaves every live view and is listed as archived. */
  archiveContact(id: string, now: number): boolean {
    const live = this.resolveContactId(id);
    const record = this.contacts.get(live);
    if (!record || !this.removeContact(live)) return false;
    this.archivedContacts.set(live, { record, archivedAt: now });
    return true;
  }

  /** GDPR delete: the record, its notes' links to it, and every alias that led to it. */
  eraseContact(id: string): boolean {
    const live = this.resolveContactId(id);
    this.archivedContacts.delete(live);
    if (!this.removeContact(live)) return false;
    this.notesByContact.delete(live);
    for (const [from, to] of this.mergedInto) if (to === live) this.mergedInto.delete(from);
    return true;
  }

  noteIdsForContact(contactId: string): string[] {
    return [...(this.notesByContact.get(contactId) ?? [])];
  }

  /**
   * The search index as of `now`: updates written more than the lag ago are
   * visible, newer ones are not (a just-updated contact shows its old values).
   */
  searchable(now: number): Iterable<IndexedSnapshot> {
    if (this.pendingIndex.length > 0) {
      const stillPending: PendingIndexUpdate[] = [];
      for (const update of this.pendingIndex) {
        if (update.visibleAt <= now) this.searchIndex.set(update.snapshot.id, update.snapshot);
        else stillPending.push(update);
      }
      this.pendingIndex = stillPending;
    }
    return this.searchIndex.values();
  }

  private index(record: CrmRecord): void {
    const email = record.properties.email;
    if (email !== undefined) this.emailIndex.set(email, record.id);
    for (const def of this.properties.list('contacts')) {
      if (!def.hasUniqueValue || def.name === 'email') continue;
      const value = record.properties[def.name];
      if (value === undefined) continue;
      let map = this.uniqueIndex.get(def.name);
      if (!map) { map = new Map(); this.uniqueIndex.set(def.name, map); }
      map.set(value, record.id);
    }
  }

  private unindex(record: CrmRecord): void {
    const email = record.properties.email;
    if (email !== undefined && this.emailIndex.get(email) === record.id) this.emailIndex.delete(email);
    for (const [name, map] of this.uniqueIndex) {
      const value = record.properties[name];
      if (value !== undefined && map.get(value) === record.id) map.delete(value);
    }
  }
}

/** HubSpot stores emails trimmed and lowercased and matches them case-insensitively. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Stored values plus the system properties HubSpot computes for a contact. */
export function contactValues(record: CrmRecord): Record<string, string> {
  return {
    ...record.properties,
    hs_object_id: record.id,
    createdate: new Date(record.createdAt).toISOString(),
    lastmodifieddate: new Date(record.updatedAt).toISOString(),
  };
}

export function noteValues(record: CrmRecord): Record<string, string> {
  return {
    ...record.properties,
    hs_object_id: record.id,
    hs_createdate: new Date(record.createdAt).toISOString(),
    hs_lastmodifieddate: new Date(record.updatedAt).toISOString(),
  };
}

function snapshotOf(record: CrmRecord): IndexedSnapshot {
  return { id: record.id, values: contactValues(record), createdAt: record.createdAt, updatedAt: record.updatedAt };
}
