import pLimit from 'p-limit';
import type { Db } from '../store/db';
import type { Connection } from '../store/connections';
import { completeOutbox, deferOutbox, quarantineOutbox, sentAttempts } from '../store/outbox';
import { markVersionSynced, recordAttempts, saveLink } from '../store/sync-links';
import { forgetCompanyLinks, getCompanyLinks, saveCompanyLinks } from '../store/company-links';
import { emptyRunCounts, recordEvent, saveRunProgress, type RunCounts } from '../store/sync-records';
import type { Clock } from '../clock';
import { PartialPushError, SyncError, type Connector, type PushContext, type PushResult } from './connector';
import { diffPayloads } from './payload';
import { planChunk, type PlannedItem } from './planner';
import type { RateLimiter } from './rate-limiter';
import { decideRecordRetry, decideRetry, MAX_RECORD_ATTEMPTS, type RetryDecision } from './retry';
import type { SyncProgress } from './service-api';
import { holdSharedEmails, type HoldResult } from './shared-email';

interface RunDeps {
  db: Db;
  connector: Connector;
  limiter: RateLimiter;
  /** paces search requests, which the CRM counts apart (HubSpot: its own per-second limit, not the ten-second window) */
  searchLimiter: RateLimiter;
  clock: Clock;
  random: () => number;
  crmName: string;
  onProgress(progress: SyncProgress): void;
  /** true when the run must stop after the current batch (quit, pause, disconnect) */
  shouldStop(): boolean;
  /** renews the connection's lease; false means another process took it */
  renewLease(): boolean;
  /** a batch is being retried within the run (rate limit, 5xx): say so while it lasts */
  onRetry(decision: RetryDecision, crmError: string | null): void;
  /** tries to get a fresh token after a 401; true when there is a new one to try */
  refreshAuth(): Promise<boolean>;
  /** what the CRM said about the org's daily allocation, when it said it (sync/allocation.ts) */
  onQuota(quota: { used: number; limit: number }): void;
  signal: AbortSignal;
}

interface RunResult {
  counts: RunCounts;
  /** why the run stopped early, when it did */
  stoppedBy: RetryDecision | null;
  interrupted: boolean;
  /** the CRM's own words for the error that stopped the run */
  crmError: string | null;
}


/** Errors a connector threw that are not SyncErrors: a network failure looks like this, a bug does not. */
export function asSyncError(error: unknown, crmName: string): SyncError {
  if (error instanceof SyncError) return error;
  const text = error instanceof Error ? `${error.name}: ${error.message} ${String((error as { cause?: unknown }).cause ?? '')}` : String(error);
  if (/ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|socket hang up|fetch failed|network/i.test(text)) {
    return new SyncError('network', `Ferry can't reach ${crmName}.`, { crmError: text });
  }
  if (/timeout|timed out|ETIMEDOUT|AbortError/i.test(text)) return new SyncError('timeout', `${crmName} did not answer in time.`, { crmError: text });
  throw error;
}

/**
 * Executes one sync run for one connection. Each batch's outcome (links,
 * outbox, events, run counters) is saved in ONE transaction right after the
 * CRM answered, so a crash loses at most the knowledge of one batch — and the
 * CRM's upsert keys make resending that batch harmless. Where the key may change
 * before the resend (Mailchimp's address), what each push is about to write is
 * saved before it leaves (Connector.attemptKey). Records the CRM accepted before
 * it refused the rest of a batch (PartialPushError) are saved at once and never
 * sent again.
 */
export async function executeRun(deps: RunDeps, connection: Connection, runId: number, ids: number[]): Promise<RunResult> {
  const { db, connector, clock } = deps;
  const counts = emptyRunCounts();
  const started = clock.now();
  counts.planned = ids.length;
  let done = 0;

  const progress = (): void => {
    const elapsed = Math.max(1, clock.now() - started);
    const rate = (done * 1000) / elapsed;
    deps.onProgress({ connectionId: connection.id, runId, done, total: ids.length, rate, etaMs: rate > 0 ? Math.round(((ids.length - done) * 1000) / rate) : null });
  };
  progress();

  const batchSize = connector.capabilities.batchSize;
  let stop: RunResult | null = null;

  /**
   * One batch: planned, sent and saved in its own transaction. Up to
   * `concurrency` run at once (the rate limiter keeps them under the CRM's
   * limit); batches never share a contact, so their order does not matter.
   * Once one stops the run, no further batch starts.
   */
  const runBatch = async (offset: number): Promise<void> => {
    if (stop !== null) return;
    if (deps.shouldStop() || !deps.renewLease()) {
      stop ??= { counts, stoppedBy: null, interrupted: true, crmError: null };
      return;
    }
    const planned = planChunk(db, connection, connector, ids.slice(offset, offset + batchSize));
    // a contact whose e-mail another contact already has in the CRM is held, never sent over its record
    const shared = holdSharedEmails(db, connection, planned.send);
    if (shared.held.length > 0) saveBatch(deps, connection, runId, shared.held, shared.results, counts);
    const chunk = { ...planned, send: shared.send };
    const attempts = attemptsOf(connector, chunk.send);
    if (chunk.unchanged.length > 0 || attempts.length > 0) {
      // one transaction claims the batch: what needs no call is completed, and what the
      // sends are about to write is on disk before the first request leaves
      db.transaction(() => {
        for (const u of chunk.unchanged) {
          markVersionSynced(db, connection.id, u.contactId, u.version);
          completeOutbox(db, connection.id, u.contactId, u.version);
        }
        recordAttempts(db, connection.id, attempts);
      })();
      counts.unchanged += chunk.unchanged.length;
    }
    if (chunk.send.length > 0) {
      const outcome = await pushWithRetry(deps, connection, runId, chunk.send, counts);
      if ('stop' in outcome) {
        // What is left of the batch stays pending as it is: a failure of the CRM or the
        // network is not the records' fault, so it does not count against their attempts.
        // The engine holds the connection back for the decision's wait.
        saveRunProgress(db, runId, counts);
        stop ??= { counts, stoppedBy: outcome.stop, interrupted: false, crmError: outcome.crmError };
        return;
      }
      saveBatch(deps, connection, runId, outcome.batch, outcome.results, counts);
    }
    done += chunk.send.length + chunk.unchanged.length + shared.held.length;
    saveRunProgress(db, runId, counts);
    progress();
  };
  const limit = pLimit(Math.max(1, connector.capabilities.concurrency ?? 1));
  const offsets = Array.from({ length: Math.ceil(ids.length / batchSize) }, (_, i) => i * batchSize);
  await Promise.all(offsets.map((offset) => limit(() => runBatch(offset))));
  return stop ?? { counts, stoppedBy: null, interrupted: false, crmError: null };
}

/** What the connector says each push is about to write, for connectors that need it kept (Connector.attemptKey). */
function attemptsOf(connector: Connector, send: PlannedItem[]): { contactId: number; key: Record<string, string> }[] {
  if (!connector.attemptKey) return [];
  const attempts: { contactId: number; key: Record<string, string> }[] = [];
  for (const { item } of send) {
    const key = connector.attemptKey(item);
    if (key) attempts.push({ contactId: item.contactId, key });
  }
  return attempts;
}

/** A push context for one batch: counts its calls and gives back any slot its requests did not release. */
function batchContext(deps: RunDeps, connection: Connection, counts: RunCounts): { ctx: PushContext; settle(): void } {
  const general = pacedBy(deps, deps.limiter, counts);
  const search = pacedBy(deps, deps.searchLimiter, counts);
  const ctx: PushContext = {
    connection,
    ...general.hooks,
    signal: deps.signal,
    search: { connection, ...search.hooks, signal: deps.signal },
    companies: {
      get: (keys) => getCompanyLinks(deps.db, connection.id, keys),
      save: (links) => saveCompanyLinks(deps.db, connection.id, links, deps.clock.now()),
      forget: (keys) => forgetCompanyLinks(deps.db, connection.id, keys),
    },
  };
  return {
    ctx,
    settle: () => {
      general.settle();
      search.settle();
    },
  };
}

/** Request hooks paced by one limiter, counted in the run; `settle` gives back slots whose answer never came. */
function pacedBy(deps: RunDeps, limiter: RateLimiter, counts: RunCounts): { hooks: Pick<PushContext, 'beforeRequest' | 'afterResponse'>; settle(): void } {
  let open = 0;
  return {
    hooks: {
      beforeRequest: async () => {
        await limiter.acquire(deps.signal);
        open++;
        counts.apiCalls++;
      },
      afterResponse: (info) => {
        if (open > 0) {
          open--;
          limiter.release();
        }
        if (info.status === 429) counts.rateLimited++;
        limiter.observe(info);
        if (info.quota) deps.onQuota(info.quota);
      },
    },
    settle: () => {
      for (; open > 0; open--) limiter.release();
    },
  };
}

/** The results of what was left of the batch once the CRM answered for it, or why the run stops. */
type PushOutcome = { batch: PlannedItem[]; results: PushResult[] } | { stop: RetryDecision; crmError: string | null };

async function pushWithRetry(deps: RunDeps, connection: Connection, runId: number, planned: PlannedItem[], counts: RunCounts): Promise<PushOutcome> {
  let batch = planned;
  let attempt = 0;
  let rateLimitWaits = 0;
  let reauthorized = false;
  for (;;) {
    const { ctx, settle } = batchContext(deps, connection, counts);
    try {
      return { batch, results: await deps.connector.push(batch.map((p) => p.item), ctx) };
    } catch (thrown) {
      const error = asSyncError(thrown, deps.crmName);
      // the CRM wrote part of the batch before it refused: saved now, never sent again
      if (error instanceof PartialPushError && error.settled.length > 0) batch = saveSettled(deps, connection, runId, batch, error.settled, counts);
      if (batch.length === 0) return { batch, results: [] };
      if (error.kind === 'rate_limited') deps.limiter.penalize(error.details.retryAfterMs);
      const tries = error.kind === 'rate_limited' ? rateLimitWaits++ : error.kind === 'auth' ? (reauthorized ? 1 : 0) : attempt++;
      const decision = decideRetry(error, tries, deps.crmName, deps.random);
      if (decision.action === 'retry') {
        deps.onRetry(decision, error.details.crmError ?? null);
        await deps.clock.sleep(decision.waitMs, deps.signal);
        continue;
      }
      if (decision.action === 'reauthorize') {
        reauthorized = true;
        if (await deps.refreshAuth()) continue;
        return { stop: decideRetry(error, 1, deps.crmName, deps.random), crmError: error.details.crmError ?? null };
      }
      counts.failed += batch.length;
      return { stop: decision, crmError: error.details.crmError ?? error.message };
    } finally {
      // a request that threw before its response was reported still holds a slot
      settle();
    }
  }
}

/** Saves the results a connector settled before a whole request failed; returns the items still to send. */
function saveSettled(deps: RunDeps, connection: Connection, runId: number, batch: PlannedItem[], settled: PushResult[], counts: RunCounts): PlannedItem[] {
  const ids = new Set(settled.map((r) => r.contactId));
  saveBatch(deps, connection, runId, batch.filter((p) => ids.has(p.item.contactId)), settled, counts);
  return batch.filter((p) => !ids.has(p.item.contactId));
}

function saveBatch(deps: RunDeps, connection: Connection, runId: number, batch: PlannedItem[], results: (PushResult | HoldResult)[], counts: RunCounts): void {
  const { db, clock } = deps;
  const byId = new Map(results.map((r) => [r.contactId, r]));
  const at = clock.now();
  db.transaction(() => {
    for (const planned of batch) {
      const { item, hash } = planned;
      const result = byId.get(item.contactId);
      if (!result) {
        // A connector that forgets a record must not make it look synced: a transient failure of that record.
        retryRecord(deps, connection, runId, item, `${deps.crmName} gave no answer for this contact`, null, at, counts);
        continue;
      }
      switch (result.outcome) {
        case 'created':
        case 'updated': {
          saveLink(db, {
            connectionId: connection.id,
            contactId: item.contactId,
            externalId: result.externalId,
            payloadHash: hash,
            payload: item.payload,
            // a connector returns the complete new aux (a missing key means it is gone)
            aux: result.aux ?? item.aux,
            syncedVersion: item.contactVersion,
            syncedAt: at,
          });
          completeOutbox(db, connection.id, item.contactId, item.contactVersion);
          recordEvent(db, { runId, connectionId: connection.id, contactId: item.contactId, outcome: result.outcome, externalId: result.externalId, changes: diffPayloads(item.previousPayload, item.payload), at });
          counts[result.outcome]++;
          break;
        }
        case 'rejected':
        case 'conflict':
          quarantineOutbox(db, connection.id, item.contactId, item.contactVersion, result.message);
          recordEvent(db, { runId, connectionId: connection.id, contactId: item.contactId, outcome: result.outcome === 'rejected' ? 'quarantined' : 'conflict', message: result.message, crmError: result.crmError, changes: diffPayloads(item.previousPayload, item.payload), at });
          counts.quarantined++;
          break;
        case 'held':
          // set aside like a refusal, but the CRM never saw it: its own outcome and count
          quarantineOutbox(db, connection.id, item.contactId, item.contactVersion, result.message);
          recordEvent(db, { runId, connectionId: connection.id, contactId: item.contactId, outcome: 'held', message: result.message, crmError: result.crmError, changes: diffPayloads(item.previousPayload, item.payload), at });
          counts.held++;
          break;
        case 'retry':
          retryRecord(deps, connection, runId, item, result.message, result.crmError ?? null, at, counts);
          break;
      }
    }
    saveRunProgress(db, runId, counts);
  })();
}

/**
 * One record failed for a temporary reason while the rest of its batch went
 * through: it waits with capped backoff (the planner skips it until then) and,
 * after MAX_RECORD_ATTEMPTS, is set aside with the CRM's words. Runs inside
 * saveBatch's transaction.
 */
function retryRecord(deps: RunDeps, connection: Connection, runId: number, item: PlannedItem['item'], reason: string, crmError: string | null, at: number, counts: RunCounts): void {
  const { db } = deps;
  const before = sentAttempts(db, connection.id, item.contactId, item.contactVersion);
  // gone (deleted meanwhile) or replaced by a newer change: nothing to count
  if (before === null) return;
  const decision = decideRecordRetry(before + 1, deps.crmName, reason, deps.random);
  if (decision.action === 'quarantine') {
    quarantineOutbox(db, connection.id, item.contactId, item.contactVersion, decision.message);
    recordEvent(db, { runId, connectionId: connection.id, contactId: item.contactId, outcome: 'quarantined', message: decision.message, crmError, at });
    counts.quarantined++;
    return;
  }
  deferOutbox(db, connection.id, item.contactId, item.contactVersion, at + decision.waitMs, reason);
  const message = `${reason.replace(/[.\s]+$/u, '')}. Ferry will send it again in ${aboutDuration(decision.waitMs)} (try ${before + 1} of ${MAX_RECORD_ATTEMPTS}).`;
  recordEvent(db, { runId, connectionId: connection.id, contactId: item.contactId, outcome: 'failed', message, crmError, at });
  counts.failed++;
}

/** "3 seconds", "2 minutes": how long a rep waits, rounded up. */
function aboutDuration(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
