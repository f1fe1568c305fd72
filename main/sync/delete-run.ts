import type { Clock } from '../clock';
import type { CrmRecordActions, ActionContext } from '../crm/record-actions';
import type { Connection } from '../store/connections';
import type { Db } from '../store/db';
import { completeDelete, type PendingDelete } from '../store/delete-propagation';
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
 */
export async function sendDeletes(deps: DeleteRunDeps, connection: Connection, items: PendingDelete[], counts: RunCounts): Promise<void> {
  const { db, clock, limiter } = deps;
  const ctx: ActionContext = {
    connection,
    beforeRequest: async () => { await limiter.acquire(deps.signal); counts.apiCalls++; },
    afterResponse: (info) => { limiter.release(); if (info.status === 429) counts.rateLimited++; limiter.observe(info); },
    signal: deps.signal,
  };
  const verb = connection.kind === 'hubspot' ? 'archived' : 'deleted';
  for (const item of items) {
    if (deps.signal.aborted) return;
    counts.planned++;
    if (!deps.actions?.remove) {
      completeDelete(db, connection.id, item, `Deleted in Ferry, kept in ${deps.crmName}: Ferry cannot delete records there.`, clock.now());
      continue;
    }
    try {
      const { note } = await deps.actions.remove(item.externalId, ctx);
      completeDelete(db, connection.id, item, `Deleted in Ferry, ${verb} in ${deps.crmName}.${note ? ` ${note}` : ''}`, clock.now());
      counts.updated++;
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
