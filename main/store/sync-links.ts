import type { Db } from './db';
import { cachedStatement } from './statement-cache';

export interface SyncLink {
  connectionId: number;
  contactId: number;
  externalId: string | null;
  payloadHash: string | null;
  payload: Record<string, string | null>;
  aux: Record<string, string>;
  /**
   * What pushes of this contact that the CRM never confirmed said they would
   * write (Connector.attemptKey), oldest first: Ferry stopped between sending
   * and saving the answer, so the CRM may hold a record there. Cleared when a
   * push is confirmed (saveLink).
   */
  unconfirmed: Record<string, string>[];
  syncedVersion: number | null;
  syncedAt: number | null;
}

/**
 * Where unconfirmed attempts live: a key of the link's aux column that only
 * this module reads or writes (connectors see `aux` without it), so recording
 * them needs no schema change. A JSON list of string maps.
 */
const ATTEMPTS_KEY = 'ferry:unconfirmed';
/** the most unconfirmed attempts kept per link (each crash between send and save adds at most one) */
const MAX_UNCONFIRMED = 8;

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

function parseAttempts(text: string | undefined): Record<string, string>[] {
  if (text === undefined) return [];
  try {
    const v: unknown = JSON.parse(text);
    if (!Array.isArray(v)) return [];
    return v.filter((a): a is Record<string, string> => typeof a === 'object' && a !== null && !Array.isArray(a)
      && Object.values(a as object).every((x) => typeof x === 'string'));
  } catch {
    return [];
  }
}

/** The connector's aux and the engine's unconfirmed attempts, from the stored aux. */
function splitAux(text: string): { aux: Record<string, string>; unconfirmed: Record<string, string>[] } {
  const { [ATTEMPTS_KEY]: attempts, ...aux } = parseObject<Record<string, string>>(text);
  return { aux, unconfirmed: parseAttempts(attempts) };
}

const toLink = (r: LinkRow): SyncLink => ({
  connectionId: r.connection_id,
  contactId: r.contact_id,
  externalId: r.external_id,
  payloadHash: r.payload_hash,
  payload: parseObject(r.payload),
  ...splitAux(r.aux),
  syncedVersion: r.synced_version,
  syncedAt: r.synced_at,
});

export function getLinks(db: Db, connectionId: number, contactIds: number[]): Map<number, SyncLink> {
  const stmt = cachedStatement(db, 'SELECT * FROM sync_links WHERE connection_id = ? AND contact_id = ?');
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

/**
 * Records what the CRM confirmed (and so forgets the link's unconfirmed
 * attempts: the record they may have written is this one). Must run in the
 * transaction that completes the outbox row.
 */
export function saveLink(db: Db, link: LinkWrite): void {
  cachedStatement(db,
    `INSERT INTO sync_links(connection_id, contact_id, external_id, payload_hash, payload, aux, synced_version, synced_at)
     VALUES (@connectionId, @contactId, @externalId, @payloadHash, @payload, @aux, @syncedVersion, @syncedAt)
     ON CONFLICT(connection_id, contact_id) DO UPDATE SET external_id = excluded.external_id,
       payload_hash = excluded.payload_hash, payload = excluded.payload, aux = excluded.aux,
       synced_version = MAX(COALESCE(sync_links.synced_version, 0), excluded.synced_version), synced_at = excluded.synced_at`,
  ).run({ ...link, payload: JSON.stringify(link.payload), aux: JSON.stringify(link.aux) });
}

/** The payload did not change (the contact was edited back, or the mapping moved without touching it): the CRM already holds this version. */
export function markVersionSynced(db: Db, connectionId: number, contactId: number, version: number): void {
  cachedStatement(db, 'UPDATE sync_links SET synced_version = MAX(COALESCE(synced_version, 0), ?) WHERE connection_id = ? AND contact_id = ?').run(version, connectionId, contactId);
}

/** The contact a connection's CRM record is linked to, if any. */
export function contactIdByExternalId(db: Db, connectionId: number, externalId: string): number | undefined {
  const row = cachedStatement(db, 'SELECT contact_id FROM sync_links WHERE connection_id = ? AND external_id = ?').get(connectionId, externalId) as { contact_id: number } | undefined;
  return row?.contact_id;
}

/** The CRM record a contact is linked to on a connection (null: none yet). */
export function externalIdOf(db: Db, connectionId: number, contactId: number): string | null {
  const row = cachedStatement(db, 'SELECT external_id FROM sync_links WHERE connection_id = ? AND contact_id = ?').get(connectionId, contactId) as { external_id: string | null } | undefined;
  return row?.external_id ?? null;
}

/**
 * Before a push is sent: remembers, per contact, what the connector says the
 * push is about to write (Connector.attemptKey), beside the earlier attempts
 * still unconfirmed (a repeat of the last one adds nothing). A contact with no
 * link yet gets a row holding only this. Must run before the request leaves,
 * in one transaction, so a crash at any later point leaves it on disk.
 */
export function recordAttempts(db: Db, connectionId: number, attempts: { contactId: number; key: Record<string, string> }[]): void {
  const read = cachedStatement(db, 'SELECT aux FROM sync_links WHERE connection_id = ? AND contact_id = ?');
  const write = cachedStatement(db,
    `INSERT INTO sync_links(connection_id, contact_id, aux)
     SELECT @connectionId, id, @aux FROM contacts WHERE id = @contactId
     ON CONFLICT(connection_id, contact_id) DO UPDATE SET aux = excluded.aux`,
  );
  for (const { contactId, key } of attempts) {
    const row = read.get(connectionId, contactId) as { aux: string } | undefined;
    const stored = parseObject<Record<string, string>>(row?.aux ?? '{}');
    const earlier = parseAttempts(stored[ATTEMPTS_KEY]);
    const last = earlier[earlier.length - 1];
    if (last !== undefined && sameKey(last, key)) continue;
    const unconfirmed = [...earlier.filter((a) => !sameKey(a, key)), key].slice(-MAX_UNCONFIRMED);
    write.run({ connectionId, contactId, aux: JSON.stringify({ ...stored, [ATTEMPTS_KEY]: JSON.stringify(unconfirmed) }) });
  }
}

function sameKey(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
