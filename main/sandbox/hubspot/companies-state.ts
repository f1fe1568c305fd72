import type { PropertyRegistry } from './properties';
import type { CrmRecord, IndexedSnapshot } from './state';

/** What a sandbox account keeps of its companies across restarts. */
export interface CompanyStoreData {
  companies: CrmRecord[];
  /** contact id → the company ids it is associated with (default, unlabeled association) */
  associations: Array<{ contactId: string; companyIds: string[] }>;
}

/**
 * The sandbox account's companies, their unique-value indexes, the lagging
 * search index and the contact ↔ company associations.
 *
 * What HubSpot does that this models:
 * - `domain` is "the primary unique identifier to avoid duplicate companies"
 *   (companies guide, developers.hubspot.com/docs/api-reference/latest/crm/objects/companies/guide),
 *   but it is not a unique-value property: the API creates a second company with
 *   the same domain without complaint. Only unique-value custom properties refuse
 *   a duplicate, and only they can key an upsert;
 * - search lags writes (crm-facts: "never do search, then create");
 * - an association is a set: associating the same pair twice leaves one.
 *
 * Invariant: `uniqueIndex` and `byContact`/`byCompany` change only through
 * `put` and `associate`/`dissociate`, so they never disagree with `records`.
 */
export class CompanyStore {
  readonly records = new Map<string, CrmRecord>();
  private readonly uniqueIndex = new Map<string, Map<string, string>>();
  private readonly byContact = new Map<string, Set<string>>();
  private readonly byCompany = new Map<string, Set<string>>();
  private searchIndex = new Map<string, IndexedSnapshot>();
  private pending: Array<{ visibleAt: number; snapshot: IndexedSnapshot }> = [];

  constructor(private readonly properties: PropertyRegistry) {}

  reset(): void {
    this.records.clear();
    this.uniqueIndex.clear();
    this.byContact.clear();
    this.byCompany.clear();
    this.searchIndex = new Map();
    this.pending = [];
  }

  toData(): CompanyStoreData {
    return {
      companies: [...this.records.values()].map((r) => ({ ...r, properties: { ...r.properties } })),
      associations: [...this.byContact.entries()].map(([contactId, ids]) => ({ contactId, companyIds: [...ids] })),
    };
  }

  loadData(data: CompanyStoreData | undefined): void {
    this.reset();
    for (const c of data?.companies ?? []) this.put(c.id, c.properties, c.updatedAt, 0).createdAt = c.createdAt;
    for (const a of data?.associations ?? []) for (const companyId of a.companyIds) this.associate(a.contactId, companyId);
  }

  /** The company holding `value` in a unique-value property (or `hs_object_id`). */
  idByUnique(property: string, value: string): string | undefined {
    if (property === 'hs_object_id') return this.records.has(value) ? value : undefined;
    return this.uniqueIndex.get(property)?.get(value);
  }

  /** Writes new values (null or "" clears) and reindexes; the caller validated them. */
  put(id: string, changes: Record<string, string | null>, now: number, searchLagMs: number): CrmRecord {
    const record: CrmRecord = this.records.get(id) ?? { id, properties: {}, createdAt: now, updatedAt: now };
    this.unindex(record);
    for (const [name, value] of Object.entries(changes)) {
      if (value === null || value === '') delete record.properties[name];
      else record.properties[name] = value;
    }
    record.updatedAt = now;
    this.records.set(id, record);
    this.index(record);
    this.pending.push({ visibleAt: now + searchLagMs, snapshot: { id, values: companyValues(record), createdAt: record.createdAt, updatedAt: record.updatedAt } });
    return record;
  }

  associate(contactId: string, companyId: string): void {
    link(this.byContact, contactId, companyId);
    link(this.byCompany, companyId, contactId);
  }

  dissociate(contactId: string, companyId: string): void {
    this.byContact.get(contactId)?.delete(companyId);
    this.byCompany.get(companyId)?.delete(contactId);
  }

  companyIdsForContact(contactId: string): string[] {
    return [...(this.byContact.get(contactId) ?? [])];
  }

  contactIdsForCompany(companyId: string): string[] {
    return [...(this.byCompany.get(companyId) ?? [])];
  }

  /** The search index as of `now`: writes younger than the lag are not visible yet. */
  searchable(now: number): Iterable<IndexedSnapshot> {
    if (this.pending.length > 0) {
      const still: typeof this.pending = [];
      for (const update of this.pending) {
        if (update.visibleAt <= now) this.searchIndex.set(update.snapshot.id, update.snapshot);
        else still.push(update);
      }
      this.pending = still;
    }
    return this.searchIndex.values();
  }

  private index(record: CrmRecord): void {
    for (const def of this.properties.list('companies')) {
      if (!def.hasUniqueValue) continue;
      const value = record.properties[def.name];
      if (value === undefined) continue;
      let map = this.uniqueIndex.get(def.name);
      if (!map) { map = new Map(); this.uniqueIndex.set(def.name, map); }
      map.set(value, record.id);
    }
  }

  private unindex(record: CrmRecord): void {
    for (const [name, map] of this.uniqueIndex) {
      const value = record.properties[name];
      if (value !== undefined && map.get(value) === record.id) map.delete(value);
    }
  }
}

function link(map: Map<string, Set<string>>, from: string, to: string): void {
  let set = map.get(from);
  if (!set) { set = new Set(); map.set(from, set); }
  set.add(to);
}

/** Stored values plus the system properties HubSpot computes for a company. */
export function companyValues(record: CrmRecord): Record<string, string> {
  return {
    ...record.properties,
    hs_object_id: record.id,
    createdate: new Date(record.createdAt).toISOString(),
    hs_lastmodifieddate: new Date(record.updatedAt).toISOString(),
  };
}
