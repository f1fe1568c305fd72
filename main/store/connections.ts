import { z } from 'zod';
import type { Db } from './db';
import { AUTH_STYLES } from '../../destinations/index';
import { EMPTY_MAPPING, mappingSchema, type Mapping, type MappingInput } from '../../preload/schemas/mapping';

import { SYNC_DIRECTIONS, type SyncDirection } from '../../preload/schemas/pull';
import { CONNECTION_KINDS, plainSettingsShape, type ConnectionKind, type ConnectionStatus, type SyncMode } from '../../preload/schemas/connection';

// The lists are the contract's: the screens and the store can never disagree on them.
export { CONNECTION_KINDS, CONNECTION_STATUSES, SYNC_MODES, type ConnectionKind, type ConnectionStatus, type SyncMode } from '../../preload/schemas/connection';

/**
 * Non-secret settings of a connection. Secrets (tokens, hook URLs, webhook
 * secrets) are never here: they live in the vault under the connection id.
 */
const connectionConfigSchema = z.object({
  /** API base URL; set for sandboxes and Salesforce instances */
  baseUrl: z.string().url().optional(),
  /** true when this connection targets Ferry's built-in sandbox */
  sandbox: z.boolean().optional(),
  /** Salesforce: which object Ferry writes */
  object: z.enum(['Contact', 'Lead']).optional(),
  /** the name of an environment variable that holds the token (headless runs) */
  tokenEnv: z.string().optional(),
  /** requests allowed per window, overriding the CRM's default */
  rateLimit: z.object({ requests: z.number().int().positive(), perMs: z.number().int().positive() }).optional(),
  /** webhook: contacts per request */
  batchSize: z.number().int().min(1).max(1000).optional(),
  /** the OAuth account (portal id, org id) for display */
  account: z.string().optional(),
  /** the host of the CRM's web app for this account (HubSpot's uiDomain), for record links */
  appHost: z.string().optional(),
  /** the account's time zone (HubSpot: its daily limit resets at midnight there) */
  timeZone: z.string().max(100).optional(),
  /** when the CRM last told who the account is (account, appHost, timeZone): a new process re-reads it only after a day */
  accountReadAt: z.number().optional(),
  /** 'linked' when contacts are linked to CRM companies, else why not (Connector prepare's `companies`) */
  companies: z.string().max(500).optional(),
  /** what the mapping depended on at the last run (see Connector.mappingKey) */
  mappingKey: z.string().max(2000).optional(),
  /** how the connection authenticates */
  auth: z.enum(AUTH_STYLES).optional(),
  /** Zapier: the (secret) hook URL points to this computer, a local test receiver; shown on the card */
  localReceiver: z.boolean().optional(),
  /** the destination's own plain settings, as its descriptor declares them */
  ...plainSettingsShape,
  /** the org's daily API allocation as the CRM last stated it (sync/allocation.ts) */
  allocation: z.object({ used: z.number().int().min(0), limit: z.number().int().min(0), at: z.number() }).optional(),
  /** deletes in Ferry reach the CRM ('archive': HubSpot archives, Salesforce deletes; 'tag': kept and marked); absent or 'off': kept there (store/delete-propagation.ts) */
  deletes: z.enum(['off', 'archive', 'tag']).optional(),
  /** deletes in the CRM reach Ferry on pull ('delete': soft-deleted, 'tag': tagged); absent or 'off': kept, logged (pull/archived-records.ts) */
  deletesFromCrm: z.enum(['off', 'delete', 'tag']).optional(),
  /** what an admin's policy filters (stored; applied once filters exist) */
  filter: z.record(z.string(), z.unknown()).optional(),
}).passthrough();
export type ConnectionConfig = z.infer<typeof connectionConfigSchema>;

export interface Connection {
  id: number;
  cardId: number;
  kind: ConnectionKind;
  label: string;
  status: ConnectionStatus;
  mode: SyncMode;
  intervalMinutes: number | null;
  /** which way contacts flow: push (Ferry → CRM), pull (CRM → Ferry) or two-way (docs/pull.md) */
  direction: SyncDirection;
  config: ConnectionConfig;
  /** the field mapping (preload/schemas/mapping.ts); empty = the destination's defaults */
  mapping: Mapping;
  lastSuccessAt: number | null;
  /** the last problem as a sentence a rep understands */
  lastError: string | null;
  /** the CRM's own words for the last problem */
  lastErrorDetail: string | null;
  createdAt: number;
  updatedAt: number;
  disconnectedAt: number | null;
}

interface ConnectionRow {
  id: number;
  card_id: number;
  kind: ConnectionKind;
  label: string;
  status: ConnectionStatus;
  mode: SyncMode;
  interval_minutes: number | null;
  direction: string;
  config: string;
  mapping: string;
  last_success_at: number | null;
  last_error: string | null;
  last_error_detail: string | null;
  created_at: number;
  updated_at: number;
  disconnected_at: number | null;
}

function toConnection(r: ConnectionRow): Connection {
  const config = connectionConfigSchema.safeParse(JSON.parse(r.config));
  const mapping = mappingSchema.safeParse(JSON.parse(r.mapping));
  return {
    id: r.id,
    cardId: r.card_id,
    kind: r.kind,
    label: r.label,
    status: r.status,
    mode: r.mode,
    intervalMinutes: r.interval_minutes,
    // checked in code, not by SQL (migration 002): an unknown value reads as push, the safe direction
    direction: (SYNC_DIRECTIONS as readonly string[]).includes(r.direction) ? (r.direction as SyncDirection) : 'push',
    config: config.success ? config.data : {},
    mapping: mapping.success ? mapping.data : EMPTY_MAPPING,
    lastSuccessAt: r.last_success_at,
    lastError: r.last_error,
    lastErrorDetail: r.last_error_detail,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    disconnectedAt: r.disconnected_at,
  };
}

export class ConnectionExistsError extends Error {
  constructor(kind: ConnectionKind) {
    super(`This card already has a ${kind} connection. Disconnect it first, or reconnect it.`);
    this.name = 'ConnectionExistsError';
  }
}

export class ConnectionNotFoundError extends Error {
  constructor(what: string) {
    super(`There is no connection ${what}. Run 'ferry status' to see the connections.`);
    this.name = 'ConnectionNotFoundError';
  }
}

export function listConnections(db: Db, cardId?: number, opts: { includeDisconnected?: boolean } = {}): Connection[] {
  const rows = db.prepare(
    `SELECT * FROM connections WHERE (@cardId IS NULL OR card_id = @cardId) AND (@all OR disconnected_at IS NULL) ORDER BY id`,
  ).all({ cardId: cardId ?? null, all: opts.includeDisconnected ? 1 : 0 }) as ConnectionRow[];
  return rows.map(toConnection);
}

export function getConnection(db: Db, id: number): Connection | undefined {
  const row = db.prepare('SELECT * FROM connections WHERE id = ?').get(id) as ConnectionRow | undefined;
  return row && toConnection(row);
}

export function requireConnection(db: Db, id: number): Connection {
  const c = getConnection(db, id);
  if (!c) throw new ConnectionNotFoundError(`with id ${id}`);
  return c;
}

/** The active connection of a kind on a card, if any. */
export function findActiveConnection(db: Db, cardId: number, kind: ConnectionKind): Connection | undefined {
  const row = db.prepare('SELECT * FROM connections WHERE card_id = ? AND kind = ? AND disconnected_at IS NULL').get(cardId, kind) as ConnectionRow | undefined;
  return row && toConnection(row);
}

interface NewConnection {
  cardId: number;
  kind: ConnectionKind;
  label: string;
  mode?: SyncMode;
  intervalMinutes?: number | null;
  direction?: SyncDirection;
  config?: ConnectionConfig;
  mapping?: MappingInput;
}

export function createConnection(db: Db, input: NewConnection, now = Date.now()): Connection {
  // kinds are checked here, not by a CHECK in the schema: a new destination is data
  if (!(CONNECTION_KINDS as readonly string[]).includes(input.kind)) throw new Error(`Ferry has no destination called '${String(input.kind)}'.`);
  if (findActiveConnection(db, input.cardId, input.kind)) throw new ConnectionExistsError(input.kind);
  const info = db.prepare(
    `INSERT INTO connections(card_id, kind, label, status, mode, interval_minutes, direction, config, mapping, created_at, updated_at)
     VALUES (?, ?, ?, 'connected', ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    input.cardId,
    input.kind,
    input.label,
    input.mode ?? 'manual',
    input.intervalMinutes ?? null,
    input.direction ?? 'push',
    JSON.stringify(connectionConfigSchema.parse(input.config ?? {})),
    JSON.stringify(mappingSchema.parse(input.mapping ?? {})),
    now,
    now,
  );
  return requireConnection(db, Number(info.lastInsertRowid));
}

/** Removes a connection that never worked (a failed connect) with everything that hangs on it (ON DELETE CASCADE). */
export function deleteConnection(db: Db, id: number): void {
  db.prepare('DELETE FROM connections WHERE id = ?').run(id);
}

interface ConnectionPatch {
  label?: string;
  status?: ConnectionStatus;
  mode?: SyncMode;
  intervalMinutes?: number | null;
  direction?: SyncDirection;
  config?: ConnectionConfig;
  mapping?: MappingInput;
  lastSuccessAt?: number | null;
  lastError?: string | null;
  lastErrorDetail?: string | null;
  disconnectedAt?: number | null;
}

const PATCH_COLUMNS: Record<keyof ConnectionPatch, string> = {
  label: 'label',
  status: 'status',
  mode: 'mode',
  intervalMinutes: 'interval_minutes',
  direction: 'direction',
  config: 'config',
  mapping: 'mapping',
  lastSuccessAt: 'last_success_at',
  lastError: 'last_error',
  lastErrorDetail: 'last_error_detail',
  disconnectedAt: 'disconnected_at',
};

export function updateConnection(db: Db, id: number, patch: ConnectionPatch, now = Date.now()): Connection {
  const sets: string[] = ['updated_at = @now'];
  const params: Record<string, unknown> = { id, now };
  for (const [key, column] of Object.entries(PATCH_COLUMNS) as [keyof ConnectionPatch, string][]) {
    const value = patch[key];
    if (value === undefined) continue;
    sets.push(`${column} = @${key}`);
    params[key] = key === 'config' ? JSON.stringify(value) : key === 'mapping' ? JSON.stringify(mappingSchema.parse(value)) : value;
  }
  db.prepare(`UPDATE connections SET ${sets.join(', ')} WHERE id = @id`).run(params);
  return requireConnection(db, id);
}
