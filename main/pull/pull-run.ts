import type { Db } from '../store/db';
import type { Connection } from '../store/connections';
import type { Clock } from '../clock';
import type { PullSummaryView } from '../../preload/schemas/pull';
import { cannotReadSentence } from '../../preload/status/pull-sentences';
import type { Connector, PullContext, PushContext } from '../sync/connector';
import type { RateLimiter } from '../sync/rate-limiter';
import type { RunTrigger } from '../sync/service-api';
import { decideRetry, MAX_ATTEMPTS_IN_RUN, type RetryDecision } from '../sync/retry';
import { asSyncError } from '../sync/run';
import { advanceCheckpoint, markPulled, readCheckpoint } from '../store/pull-checkpoints';
import { readFieldRules } from '../store/field-rules';
import { getSettings } from '../store/settings';
import { getContact, liveNameIndex } from '../store/contacts';
import { emptyRunCounts, finishRun, markPullRun, startRun } from '../store/sync-records';
import { reverseMapping } from '../mapping/reverse';
import { applyPage, emptyCounts, type PageCounts } from './apply-page';
import { pageMatcher } from './match';
import { listedVerb } from '../../destinations/index';
import { applyCrmDeletes } from './archived-records';
import { readStampOutcomes, rememberStamps } from './stamp-outcomes';

/**
 * One pull of one connection: pages from the connector's cursor until it says
 * it is done, each page matched, applied and checkpointed in one transaction
 * (apply-page.ts). The caller holds the connection's lease (no push and pull of
 * one connection at once) and gives the limiters: every list or stamp request
 * waits on the general one, every search on the search budget.
 */
export interface PullDeps {
  db: Db;
  connector: Connector;
  limiter: RateLimiter;
  searchLimiter: RateLimiter;
  clock: Clock;
  random: () => number;
  crmName: string;
  signal: AbortSignal;
  shouldStop(): boolean;
  /** after each page: pages and records so far (a kill test keys to it) */
  onPage?(progress: { runId: number; pages: number; read: number }): void;
}

export interface PullOutcome {
  summary: PullSummaryView;
  /** why the pull stopped early, when it failed */
  decision: RetryDecision | null;
}

function paced(connection: Connection, limiter: RateLimiter, signal: AbortSignal, onCall: () => void): PushContext {
  return {
    connection,
    beforeRequest: () => limiter.acquire(signal),
    afterResponse: (info) => { limiter.release(); limiter.observe(info); onCall(); },
    signal,
  };
}

export async function runPull(deps: PullDeps, connection: Connection, trigger: RunTrigger): Promise<PullOutcome> {
  const { db, connector, clock } = deps;
  const startedAt = clock.now();
  const runId = startRun(db, connection.id, trigger, startedAt);
  markPullRun(db, runId);
  const totals: PageCounts = emptyCounts();
  let read = 0;
  let pages = 0;
  let apiCalls = 0;
  const count = (): void => { apiCalls++; };
  const ctx: PullContext = {
    ...paced(connection, deps.limiter, deps.signal, count),
    search: paced(connection, deps.searchLimiter, deps.signal, count),
  };
  const reverse = reverseMapping(connector, connection);
  const keys = reverse.fields.map((f) => f.key);
  const rules = readFieldRules(db, connection.id);
  const region = getSettings(db).defaultPhoneRegion;
  const names = liveNameIndex(db, connection.cardId);
  let decision: RetryDecision | null = null;
  let interrupted = false;
  let deletedInCrm = 0;
  let deletesGap: string | null = null;
  let stampNote: string | null = null;
  try {
    if (!connector.pull) throw new Error(cannotReadSentence(deps.crmName));
    // stamps a CRM ran after an earlier pull (Mailchimp's batches): once per pull, before
    // this pull sends any; its failures stay its own (stamp-outcomes.ts), never the pull's
    stampNote = await readStampOutcomes({ db, connector, crmName: deps.crmName, runId, now: () => clock.now() }, connection, ctx);
    for (;;) {
      if (deps.shouldStop()) { interrupted = true; break; }
      const { cursor } = readCheckpoint(db, connection.id);
      const page = await withRetries(deps, () => connector.pull!(cursor, keys, ctx));
      const now = clock.now();
      const matcher = pageMatcher(db, connection, reverse.fields, region, names, now);
      const matched = page.records.map((record) => ({ record, match: matcher.match(record) }));
      // Ferry's key goes on every record it links before the links are saved: a crash in
      // between leaves keys that name no contact, which the next pull simply replaces.
      const stamps = matched.flatMap(({ record, match }) => {
        const uid = match.kind === 'new' ? match.uid : match.kind === 'linked' || match.kind === 'sure' ? getContact(db, match.contactId)?.uid : undefined;
        return uid && record.ferryUid !== uid ? [{ externalId: record.externalId, uid }] : [];
      });
      if (stamps.length > 0 && connector.stampLinks) rememberStamps(db, connection.id, await withRetries(deps, () => connector.stampLinks!(stamps, ctx)), clock.now());
      const counts = applyPage({ db, connection, connector, readable: reverse.fields, rules, region, runId, now }, matched, names,
        // "N records pulled" counts records that reached Ferry (new, changed, linked), not re-reads and echoes:
        // an incremental pull reads its checkpoint's second again every time (Pipedrive, Mailchimp)
        (c) => advanceCheckpoint(db, connection.id, page.next, c.created + c.updated + c.linked, now));
      for (const key of Object.keys(totals) as (keyof PageCounts)[]) totals[key] += counts[key];
      read += page.records.length;
      pages++;
      deps.onPage?.({ runId, pages, read });
      if (page.done) break;
    }
    if (!interrupted) {
      const gone = await applyCrmDeletes({ db, connector, crmName: deps.crmName, region, runId, now: () => clock.now() }, connection, ctx, (call) => withRetries(deps, call));
      deletedInCrm = gone.kept + gone.deleted + gone.tagged + gone['kept-unsent'];
      deletesGap = gone.gap;
    }
  } catch (thrown) {
    decision = failure(thrown, deps);
  }
  const finishedAt = clock.now();
  if (!decision && !interrupted) markPulled(db, connection.id, finishedAt);
  const state = decision ? 'failed' : interrupted ? 'interrupted' : 'succeeded';
  const conflictNote = totals.conflicts > 0 ? `${totals.conflicts} field${totals.conflicts === 1 ? '' : 's'} changed on both sides: see Conflicts.` : null;
  const deletedNote = deletedInCrm > 0 ? `${deletedInCrm} contact${deletedInCrm === 1 ? ' was' : 's were'} ${listedVerb(connection.kind)} in ${deps.crmName}: see the log.` : null;
  // a stamp job given up is said even when the pull failed after it: the job is forgotten either way
  const error = (decision ? [decision.message, stampNote] : [conflictNote, deletedNote, deletesGap, stampNote]).filter((n) => n !== null).join(' ') || null;
  finishRun(db, runId, state, {
    ...emptyRunCounts(), planned: read, created: totals.created, updated: totals.updated, unchanged: totals.unchanged + totals.linked, apiCalls,
  }, error, finishedAt);
  return {
    decision,
    summary: { connectionId: connection.id, runId, state, read, ...totals, apiCalls, startedAt, finishedAt, error },
  };
}

async function withRetries<T>(deps: PullDeps, call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (thrown) {
      const error = asSyncError(thrown, deps.crmName);
      const decision = decideRetry(error, attempt, deps.crmName, deps.random);
      if (decision.action !== 'retry' || attempt >= MAX_ATTEMPTS_IN_RUN) throw error;
      await deps.clock.sleep(decision.waitMs, deps.signal);
    }
  }
}

function failure(thrown: unknown, deps: PullDeps): RetryDecision {
  try {
    return decideRetry(asSyncError(thrown, deps.crmName), MAX_ATTEMPTS_IN_RUN, deps.crmName, deps.random);
  } catch {
    const text = thrown instanceof Error ? thrown.message : String(thrown);
    return { action: 'give_up', waitMs: 5 * 60_000, status: 'error', message: `Something unexpected went wrong while reading from ${deps.crmName}: ${text}` };
  }
}
