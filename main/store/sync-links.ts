import type { Db } from './db';

export interface SyncLink {
  connectionId: number;
  contactId: number;
  externalId: string | null;
  payloadHash: string | null;
  payload: Record<string, string | null>;
  aux: Record<string, string>;
  syncedVersion: number | null;
  syncedAt: number | null;
}

interface LinkRow {
  connection_id: number;
  contact_id: number;
  external_id: string | null;
  payload_hash: string | null;
  payload: string;
  aux: string;
  synced_version: number | null;
  synced_at: number | null;
}

function parseObject<T>(text: string): T {
  try {
    const v: unknown = JSON.parse(text);
    return (typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {}) as T;
  } catch {
    return {} as T;
  }
}

const toLink = (r: LinkRow): SyncLink => ({
  connectionId: r.connection_id,
  contactId: r.contact_id,
  externalId: r.external_id,
  payloadHash: r.payload_hash,
  payload: parseObject(r.payload),
  aux: parseObject(r.aux),
  syncedVersion: r.synced_version,
  syncedAt: r.synced_at,
});

export function getLinks(db: Db, connectionId: number, contactIds: number[]): Map<number, SyncLink> {
  const stmt = db.prepare('SELECT * FROM sync_links WHERE connection_id = ? AND contact_id = ?');
  const links = new Map<number, SyncLink>();
  for (const id of contactIds) {
    const row = stmt.get(connectionId, id) as LinkRow | undefined;
    if (row) links.set(id, toLink(row));
  }
  return links;
}

interface LinkWrite {
  connectionId: number;
  contactId: number;
  externalId: string | null;
  payloadHash: string;
  payload: Record<string, string | null>;
  aux: Record<string, string>;
  syncedVersion: number;
  syncedAt: number;
}

/** Records what the CRM confirmed. Must run in the transaction that completes the outbox row. */
export function saveLink(db: Db, link: LinkWrite): void {
  db.prepare(
    `INSERT INTO sync_links(connection_id, contact_id, external_id, payload_hash, payload, aux, synced_version, synced_at)
     VALUES (@connectionId, @contactId, @externalId, @payloadHash, @payload, @aux, @syncedVersion, @syncedAt)
     ON CONFLICT(connection_id, contact_id) DO UPDATE SET external_id = excluded.external_id,
       payload_hash = excluded.payload_hash, payload = excluded.payload, aux = excluded.aux,
       synced_version = MAX(COALESCE(sync_links.synced_version, 0), excluded.synced_version), synced_at = excluded.synced_at`,
  ).run({ ...link, payload: JSON.stringify(link.payload), aux: JSON.stringify(link.aux) });
}

/** The payload did not change (the contact was edited back, or the mapping moved without touching it): the CRM already holds this version. */
export function markVersionSynced(db: Db, connectionId: number, contactId: number, version: number): void {
  db.prepare('UPDATE sync_links SET synced_version = MAX(COALESCE(synced_version, 0), ?) WHERE connection_id = ? AND contact_id = ?').run(version, connectionId, contactId);
}

/** The contact a connection's CRM record is linked to, if any. */
export function contactIdByExternalId(db: Db, connectionId: number, externalId: string): number | undefined {
  const row = db.prepare('SELECT contact_id FROM sync_links WHERE connection_id = ? AND external_id = ?').get(connectionId, externalId) as { contact_id: number } | undefined;
  return row?.contact_id;
}

/** The CRM record a contact is linked to on a connection (null: none yet). */
export function externalIdOf(db: Db, connectionId: number, contactId: number): string | null {
  const row = db.prepare('SELECT external_id FROM sync_links WHERE connection_id = ? AND contact_id = ?').get(connectionId, contactId) as { external_id: string | null } | undefined;
  return row?.external_id ?? null;
}
