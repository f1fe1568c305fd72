import { removedVerb } from '../../destinations/index';
import type { Clock } from '../clock';
import type { CrmRecordActions, ActionContext } from '../crm/record-actions';
import type { Connection } from '../store/connections';
import type { Db } from '../store/db';
import { completeDelete, type PendingDelete } from '../store/delete-propagation';
import { completeMarkedDelete, completeUnmark, type PendingUnmark } from '../store/deleted-marks';
import { deferOutbox } from '../store/outbox';
import { recordEvent, type RunCounts } from '../store/sync-records';
import { SyncError } from './connector';
import type { RateLimiter } from './rate-limiter';

interface DeleteRunDeps {
  db: Db;
  clock: Clock;
  limiter: RateLimiter;
  signal: AbortSignal;
  crmName: string;
  runId: number;
  /** the connection's record actions; null when its destination cannot remove records */
  actions: CrmRecordActions | null;
}

/** A failed delete waits this long before the scheduler tries it again. */
const RETRY_DELETE_MS = 5 * 60_000;

/**
 * Sends a run's pending deletes (store/delete-propagation.ts), one request
 * each, paced by the connection's rate limiter like every push. Each outcome
 * is saved as soon as the CRM answered. A destination that cannot remove
 * records completes the delete with the sentence that its record was kept.
 * A removed record counts as `deleted`, a marked one as `marked`, never as
 * `updated` (the run's summary words them from the descriptor).
 */
export async function sendDeletes(deps: DeleteRunDeps, connection: Connection, items: PendingDelete[], counts: RunCounts): Promise<void> {
  const { db, clock, limiter } = deps;
  const ctx: ActionContext = {
    connection,
    beforeRequest: async () => { await limiter.acquire(deps.signal); counts.apiCalls++; },
    afterResponse: (info) => { limiter.release(); if (info.status === 429) counts.rateLimited++; limiter.observe(info); },
    signal: deps.signal,
  };
  // what the setting's sentence promised: HubSpot and Mailchimp archive, the others delete
  const verb = removedVerb(connection.kind) ?? 'deleted';
  const tag = connection.config.deletes === 'tag';
  for (const item of items) {
    if (deps.signal.aborted) return;
    counts.planned++;
    if (tag ? !deps.actions?.mark : !deps.actions?.remove) {
      completeDelete(db, connection.id, item, { runId: deps.runId, outcome: 'skipped', message: `Deleted in Ferry, kept in ${deps.crmName}: Ferry cannot ${tag ? 'mark' : 'delete'} records there.` }, clock.now());
      continue;
    }
    try {
      if (tag) {
        // the record stays and is marked; restoring the contact clears the mark (sendUnmarks)
        await deps.actions!.mark!(item.externalId, new Date(clock.now()).toISOString().slice(0, 10), ctx);
        completeMarkedDelete(db, connection.id, deps.runId, item, `Deleted in Ferry, kept in ${deps.crmName} and marked "Deleted in Ferry".`, clock.now());
        counts.marked++;
        continue;
      }
      const { note } = await deps.actions!.remove!(item.externalId, ctx);
      completeDelete(db, connection.id, item, { runId: deps.runId, outcome: 'deleted', message: `Deleted in Ferry, ${verb} in ${deps.crmName}.${note ? ` ${note}` : ''}` }, clock.now());
      counts.deleted++;
    } catch (error) {
      if (!(error instanceof SyncError)) throw error;
      const message = `Deleted in Ferry; ${deps.crmName} did not remove the record yet (${error.message}). Ferry will try again.`;
      db.transaction(() => {
        deferOutbox(db, connection.id, item.contactId, item.version, clock.now() + RETRY_DELETE_MS, message);
        recordEvent(db, { runId: deps.runId, connectionId: connection.id, contactId: item.contactId, outcome: 'failed', externalId: item.externalId, message, crmError: error.details.crmError ?? null, at: clock.now() });
      })();
      counts.failed++;
    }
  }
}

/**
 * Clears the "Deleted in Ferry" mark of records whose contact was restored,
 * one request each, paced like deletes. A failure leaves the record in the
 * list, so the next run tries again.
 */
export async function sendUnmarks(deps: DeleteRunDeps, connection: Connection, items: PendingUnmark[], counts: RunCounts): Promise<void> {
  const { db, clock, limiter } = deps;
  if (!deps.actions?.mark) return;
  const ctx: ActionContext = {
    connection,
    beforeRequest: async () => { await limiter.acquire(deps.signal); counts.apiCalls++; },
    afterResponse: (info) => { limiter.release(); if (info.status === 429) counts.rateLimited++; limiter.observe(info); },
    signal: deps.signal,
  };
  for (const item of items) {
    if (deps.signal.aborted) return;
    try {
      await deps.actions.mark(item.externalId, null, ctx);
      completeUnmark(db, connection.id, deps.runId, item, `Restored in Ferry: the "Deleted in Ferry" mark is cleared in ${deps.crmName}.`, clock.now());
      counts.updated++;
    } catch (error) {
      if (!(error instanceof SyncError)) throw error;
      counts.failed++;
    }
  }
}
