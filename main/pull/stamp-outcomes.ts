import type { Connection } from '../store/connections';
import type { Db } from '../store/db';
import { findContactByUid } from '../store/contacts';
import { forgetStampJob, pendingStampJobs, rememberStampJobs } from '../store/stamp-jobs';
import { externalIdOf } from '../store/sync-links';
import { recordEvent } from '../store/sync-records';
import type { Connector, PullContext, StampJobLoss, StampJobs } from '../sync/connector';
import { stampJobLostSentence, stampRefusedSentence, stampsRefusedNote } from '../../preload/status/pull-sentences';

/**
 * Stamp jobs a CRM runs later (Mailchimp's FERRYID batches): remembered when the CRM
 * accepts them, read back on a later pull of the connection, so a stamp the CRM refused
 * is not silent (docs/pull.md, Mailchimp).
 *
 * Invariants:
 * - read back at most once per pull, at its start (so never the jobs that pull sends),
 *   oldest first, at most STAMP_JOBS_PER_PULL: one status call each (and, for a job
 *   with refusals, one download of its results);
 * - one try per job per pull: a job the CRM could not be asked about (network, 5xx, 429)
 *   stops the read-back for this pull and is asked about on the next; a job not run yet
 *   stops it too (Mailchimp runs one batch at a time, so the later ones wait as well);
 * - a job leaves when its outcome is read (each refused stamp a 'failed' record on that
 *   contact, in the pull's run, in the same transaction, and the run says how many), when the CRM no longer has it
 *   or its results, or when it is older than STAMP_JOB_HORIZON_MS: then one line on the
 *   pull run says how many stamps Ferry cannot account for. Nothing is asked forever;
 * - nothing here fails the pull: the caller reads back under a catch.
 */

/** Jobs read back per pull at most; the rest wait for the next pull. */
export const STAMP_JOBS_PER_PULL = 10;
/**
 * How long Ferry asks about a job. Mailchimp does not publish how long it keeps a batch
 * or its results ("after a certain period", mailchimp/mc-magento2#821); a week outlasts
 * its queue (minutes per batch) and the weekend a laptop is closed.
 */
export const STAMP_JOB_HORIZON_MS = 7 * 24 * 60 * 60_000;

/** Remembers the jobs stampLinks answered with, when it answered with any. */
export function rememberStamps(db: Db, connectionId: number, answer: StampJobs | void, now: number): void {
  if (answer && answer.jobs.length > 0) rememberStampJobs(db, connectionId, answer.jobs, now);
}

export interface StampReadDeps {
  db: Db;
  connector: Connector;
  crmName: string;
  runId: number;
  now: () => number;
}

/** Reads back this connection's pending stamp jobs; the line for the pull run, or null. */
export async function readStampOutcomes(deps: StampReadDeps, connection: Connection, ctx: PullContext): Promise<string | null> {
  const { db, connector, crmName } = deps;
  if (!connector.stampOutcome) return null;
  const lost: string[] = [];
  let refusedStamps = 0;
  const giveUp = (jobId: string, records: number, why: StampJobLoss): void => {
    forgetStampJob(db, connection.id, jobId);
    lost.push(stampJobLostSentence(crmName, records, why));
  };
  for (const job of pendingStampJobs(db, connection.id, STAMP_JOBS_PER_PULL)) {
    if (ctx.signal.aborted) break;
    if (deps.now() - job.sentAt > STAMP_JOB_HORIZON_MS) {
      giveUp(job.id, job.records, 'too-old');
      continue;
    }
    let outcome;
    try {
      outcome = await connector.stampOutcome(job.id, ctx);
    } catch {
      // could not ask (or the pull was cancelled): the next pull asks again
      break;
    }
    if (outcome.state === 'waiting') break;
    if (outcome.state === 'gone') {
      giveUp(job.id, job.records, outcome.why);
      continue;
    }
    const at = deps.now();
    db.transaction(() => {
      for (const refusal of outcome.refused) {
        // the uid of a contact deleted since (or never saved: a pull killed before its page was applied) names no one
        const contact = findContactByUid(db, connection.cardId, refusal.uid);
        if (!contact) continue;
        recordEvent(db, {
          runId: deps.runId, connectionId: connection.id, contactId: contact.id, outcome: 'failed', externalId: externalIdOf(db, connection.id, contact.id),
          message: stampRefusedSentence(crmName, refusal.detail), crmError: refusal.crmError, at,
        });
        refusedStamps++;
      }
      forgetStampJob(db, connection.id, job.id);
    })();
  }
  const lines = [...(refusedStamps > 0 ? [stampsRefusedNote(crmName, refusedStamps)] : []), ...lost];
  return lines.length > 0 ? lines.join(' ') : null;
}
