import { displayName } from '../../preload/schemas/contact';
import type { ContactSyncLinkView } from '../../preload/schemas/contacts-api';
import type { DailyCount, EventOutcome, RunState, SyncEventView, SyncRunView } from '../../preload/schemas/sync-log';
import type { Db } from './db';
import { MAY_RECEIVE } from './outbox';

/**
 * Read side of sync_runs / sync_events / sync_links for the screens. The engine
 * writes these tables; nothing here writes.
 */

export interface RunFilter {
  connectionId?: number | undefined;
  from?: number | undefined;
  to?: number | undefined;
  /** words to look for (LIKE, case-insensitive for ASCII) */
  query?: string | undefined;
  limit: number;
  offset: number;
}

export interface RunListFilter extends RunFilter {
  states?: readonly RunState[] | undefined;
}

export interface EventFilter extends RunFilter {
  runId?: number | undefined;
  contactId?: number | undefined;
  contactIds?: readonly number[] | undefined;
  outcomes?: readonly EventOutcome[] | undefined;
}

interface RunRow {
  id: number;
  connection_id: number;
  trigger: string;
  kind: string;
  state: string;
  started_at: number;
  finished_at: number | null;
  planned: number;
  created: number;
  updated: number;
  deleted: number;
  marked: number;
  unchanged: number;
  failed: number;
  quarantined: number;
  held: number;
  api_calls: number;
  rate_limited: number;
  error: string | null;
}

const toRun = (r: RunRow): SyncRunView => ({
  id: r.id,
  connectionId: r.connection_id,
  trigger: r.trigger,
  kind: r.kind === 'pull' ? 'pull' : 'push',
  state: r.state,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  durationMs: r.finished_at === null ? null : r.finished_at - r.started_at,
  planned: r.planned,
  created: r.created,
  updated: r.updated,
  deleted: r.deleted,
  marked: r.marked,
  unchanged: r.unchanged,
  failed: r.failed,
  quarantined: r.quarantined,
  held: r.held,
  apiCalls: r.api_calls,
  rateLimited: r.rate_limited,
  error: r.error,
});

/** `%words%` for LIKE with its wildcards taken literally; null for no text filter. */
export function likePattern(query: string | undefined): string | null {
  const q = query?.trim();
  return q ? `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : null;
}

const RUN_WHERE = `(@connectionId IS NULL OR r.connection_id = @connectionId)
  AND (@from IS NULL OR r.started_at >= @from) AND (@to IS NULL OR r.started_at < @to)
  AND (@states IS NULL OR r.state IN (SELECT value FROM json_each(@states)))
  AND (@like IS NULL OR r.error LIKE @like ESCAPE '\\' OR c.label LIKE @like ESCAPE '\\' OR r.trigger LIKE @like ESCAPE '\\' OR r.state LIKE @like ESCAPE '\\')`;
const RUN_FROM = 'sync_runs r JOIN connections c ON c.id = r.connection_id';

function runParams(f: Omit<RunListFilter, 'limit' | 'offset'>): Record<string, unknown> {
  return {
    connectionId: f.connectionId ?? null,
    from: f.from ?? null,
    to: f.to ?? null,
    states: f.states && f.states.length > 0 ? JSON.stringify(f.states) : null,
    like: likePattern(f.query),
  };
}

export function listRuns(db: Db, f: RunListFilter): { items: SyncRunView[]; total: number } {
  const params = runParams(f);
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM ${RUN_FROM} WHERE ${RUN_WHERE}`).get(params) as { n: number }).n;
  const rows = db.prepare(`SELECT r.* FROM ${RUN_FROM} WHERE ${RUN_WHERE} ORDER BY r.started_at DESC, r.id DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: f.limit, offset: f.offset }) as RunRow[];
  return { items: rows.map(toRun), total };
}

/** Every run matching the filter, newest first, without loading them all (the CSV export). */
export function* iterateRuns(db: Db, f: Omit<RunListFilter, 'limit' | 'offset'>): Generator<SyncRunView> {
  const stmt = db.prepare(`SELECT r.* FROM ${RUN_FROM} WHERE ${RUN_WHERE} ORDER BY r.started_at DESC, r.id DESC`);
  for (const row of stmt.iterate(runParams(f)) as IterableIterator<RunRow>) yield toRun(row);
}

export function getRun(db: Db, runId: number): SyncRunView | undefined {
  const row = db.prepare('SELECT * FROM sync_runs WHERE id = ?').get(runId) as RunRow | undefined;
  return row && toRun(row);
}

/** The newest run of a connection, to know whether its last problem belongs to a given run. */
export function latestRunId(db: Db, connectionId: number): number | null {
  const row = db.prepare('SELECT id FROM sync_runs WHERE connection_id = ? ORDER BY started_at DESC, id DESC LIMIT 1').get(connectionId) as { id: number } | undefined;
  return row?.id ?? null;
}

interface EventRow {
  id: number;
  run_id: number | null;
  connection_id: number;
  contact_id: number | null;
  at: number;
  outcome: EventOutcome;
  external_id: string | null;
  changes: string;
  message: string | null;
  crm_error: string | null;
  first_name: string | null;
  last_name: string | null;
  emails: string | null;
  company: string | null;
}

function parseChanges(text: string): SyncEventView['changes'] {
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [];
    return value.flatMap((c: unknown) => {
      if (typeof c !== 'object' || c === null) return [];
      const o = c as Record<string, unknown>;
      if (typeof o.field !== 'string') return [];
      const str = (v: unknown): string | null => (typeof v === 'string' ? v : v === null || v === undefined ? null : JSON.stringify(v));
      return [{ field: o.field, old: str(o.old), new: str(o.new) }];
    });
  } catch {
    // A row another version wrote in a shape we cannot read shows no field list rather than failing the page.
    return [];
  }
}

function parseEmails(text: string | null): { value: string }[] {
  if (!text) return [];
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((e): e is { value: string } => typeof e === 'object' && e !== null && typeof (e as { value?: unknown }).value === 'string') : [];
  } catch {
    return [];
  }
}

function toEvent(r: EventRow): SyncEventView {
  const contactName = r.contact_id === null || r.first_name === null
    ? null
    : displayName({ firstName: r.first_name, lastName: r.last_name ?? '', emails: parseEmails(r.emails), company: r.company ?? '' });
  return {
    id: r.id,
    runId: r.run_id,
    connectionId: r.connection_id,
    contactId: r.contact_id,
    contactName,
    at: r.at,
    outcome: r.outcome,
    externalId: r.external_id,
    changes: parseChanges(r.changes),
    message: r.message,
    crmError: r.crm_error,
  };
}

const EVENT_WHERE = `(@connectionId IS NULL OR e.connection_id = @connectionId)
    AND (@runId IS NULL OR e.run_id = @runId)
    AND (@contactId IS NULL OR e.contact_id = @contactId)
    AND (@contactIds IS NULL OR e.contact_id IN (SELECT value FROM json_each(@contactIds)))
    AND (@outcomes IS NULL OR e.outcome IN (SELECT value FROM json_each(@outcomes)))
    AND (@from IS NULL OR e.at >= @from) AND (@to IS NULL OR e.at < @to)
    AND (@like IS NULL OR e.message LIKE @like ESCAPE '\\' OR e.crm_error LIKE @like ESCAPE '\\' OR e.changes LIKE @like ESCAPE '\\'
      OR (k.first_name || ' ' || k.last_name) LIKE @like ESCAPE '\\' OR k.company LIKE @like ESCAPE '\\' OR k.emails LIKE @like ESCAPE '\\')`;
const EVENT_FROM = 'sync_events e LEFT JOIN contacts k ON k.id = e.contact_id';

function eventParams(f: Omit<EventFilter, 'limit' | 'offset'>): Record<string, unknown> {
  return {
    connectionId: f.connectionId ?? null,
    runId: f.runId ?? null,
    contactId: f.contactId ?? null,
    contactIds: f.contactIds && f.contactIds.length > 0 ? JSON.stringify(f.contactIds) : null,
    outcomes: f.outcomes && f.outcomes.length > 0 ? JSON.stringify(f.outcomes) : null,
    from: f.from ?? null,
    to: f.to ?? null,
    like: likePattern(f.query),
  };
}

/** Every record outcome matching the filter, newest first, streamed (the CSV export). */
export function* iterateEvents(db: Db, f: Omit<EventFilter, 'limit' | 'offset'>): Generator<SyncEventView> {
  const stmt = db.prepare(`SELECT e.*, k.first_name, k.last_name, k.emails, k.company FROM ${EVENT_FROM} WHERE ${EVENT_WHERE} ORDER BY e.at DESC, e.id DESC`);
  for (const row of stmt.iterate(eventParams(f)) as IterableIterator<EventRow>) yield toEvent(row);
}

export function listEvents(db: Db, f: EventFilter): { items: SyncEventView[]; total: number } {
  const params = eventParams(f);
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM ${EVENT_FROM} WHERE ${EVENT_WHERE}`).get(params) as { n: number }).n;
  const rows = db.prepare(
    `SELECT e.*, k.first_name, k.last_name, k.emails, k.company FROM ${EVENT_FROM}
      WHERE ${EVENT_WHERE} ORDER BY e.at DESC, e.id DESC LIMIT @limit OFFSET @offset`,
  ).all({ ...params, limit: f.limit, offset: f.offset }) as EventRow[];
  return { items: rows.map(toEvent), total };
}

/** Records created or updated per local day and connection; `utcOffsetMinutes` shifts UTC to the user's day. */
export function dailySyncedCounts(db: Db, q: { from: number; to: number; connectionId?: number | undefined; utcOffsetMinutes: number }): DailyCount[] {
  const rows = db.prepare(
    `SELECT strftime('%Y-%m-%d', (at + @shift) / 1000, 'unixepoch') AS day, connection_id AS connectionId, COUNT(*) AS count
       FROM sync_events
      WHERE outcome IN ('created', 'updated') AND at >= @from AND at < @to
        AND (@connectionId IS NULL OR connection_id = @connectionId)
      GROUP BY day, connection_id ORDER BY day, connection_id`,
  ).all({ from: q.from, to: q.to, connectionId: q.connectionId ?? null, shift: q.utcOffsetMinutes * 60_000 }) as DailyCount[];
  return rows;
}

export interface ConnectionCounters {
  syncedToday: number;
  syncedTotal: number;
  errorsToday: number;
}

/**
 * The Integrations card's numbers for one connection; `since` is the start of
 * the user's day. errorsToday counts what went wrong today: records that
 * failed, were rejected or were held for a shared e-mail, and runs that failed as a whole (an outage, an
 * expired sign-in), so a connection that is not syncing never shows 0 problems.
 */
export function connectionCounters(db: Db, connectionId: number, since: number): ConnectionCounters {
  const row = db.prepare(
    `SELECT
       COALESCE(SUM(outcome IN ('created', 'updated')), 0) AS syncedTotal,
       COALESCE(SUM(outcome IN ('created', 'updated') AND at >= @since), 0) AS syncedToday,
       COALESCE(SUM(outcome IN ('failed', 'quarantined', 'held', 'conflict') AND at >= @since), 0)
         + (SELECT COUNT(*) FROM sync_runs WHERE connection_id = @connectionId AND state = 'failed' AND started_at >= @since) AS errorsToday
     FROM sync_events WHERE connection_id = @connectionId`,
  ).get({ connectionId, since }) as ConnectionCounters;
  return row;
}

/**
 * Of the contacts a connection set aside, those held for a shared e-mail (main/sync/shared-email.ts):
 * their latest record outcome on the connection is 'held'. The outbox keeps one state for every
 * contact set aside; the outcome that put it there says why.
 */
export function heldContactCount(db: Db, connectionId: number): number {
  return db.prepare(
    `SELECT COUNT(*) FROM outbox o
      WHERE o.connection_id = @connectionId AND o.state = 'quarantined'
        AND (SELECT e.outcome FROM sync_events e WHERE e.contact_id = o.contact_id AND e.connection_id = o.connection_id ORDER BY e.id DESC LIMIT 1) = 'held'`,
  ).pluck().get({ connectionId }) as number;
}

/** The contacts a connection set aside (quarantined in its outbox), lowest id first. */
export function quarantinedContactIds(db: Db, connectionId: number, limit: number): number[] {
  return db.prepare(
    `SELECT contact_id FROM outbox WHERE connection_id = ? AND state = 'quarantined' ORDER BY contact_id LIMIT ?`,
  ).pluck().all(connectionId, limit) as number[];
}

interface LinkRow {
  connection_id: number;
  kind: string;
  external_id: string | null;
  synced_at: number | null;
  state: 'pending' | 'quarantined' | null;
  last_error: string | null;
  deleted: number;
  held_back: number;
}

/** Where one contact stands in each active connection of its card; the service adds the record's address. */
export function contactSyncStatus(db: Db, contactId: number): Omit<ContactSyncLinkView, 'recordUrl'>[] {
  const rows = db.prepare(
    `SELECT c.id AS connection_id, c.kind, l.external_id, l.synced_at, o.state, o.last_error, k.deleted_at IS NOT NULL AS deleted,
            NOT ${MAY_RECEIVE} AS held_back
       FROM contacts k
       JOIN connections c ON c.card_id = k.card_id AND c.disconnected_at IS NULL
       LEFT JOIN sync_links l ON l.connection_id = c.id AND l.contact_id = k.id
       LEFT JOIN outbox o ON o.connection_id = c.id AND o.contact_id = k.id
      WHERE k.id = ? ORDER BY c.id`,
  ).all(contactId) as LinkRow[];
  return rows.map((r) => ({
    connectionId: r.connection_id,
    kind: r.kind,
    // the outbox decides; no row means the CRM confirmed the current version
    state: r.deleted ? 'deleted' : r.held_back ? 'demo' : r.state === 'quarantined' ? 'set_aside' : r.state === 'pending' ? 'waiting' : 'synced',
    externalId: r.external_id,
    syncedAt: r.synced_at,
    lastError: r.last_error,
  }));
}
