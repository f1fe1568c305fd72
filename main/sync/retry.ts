import type { ConnectionStatus } from '../store/connections';
import type { SyncError } from './connector';

/**
 * What to do about a failed request: a pure function of the error, the attempt
 * number and a random source, so every path is unit-tested on real shapes.
 */
type RetryAction =
  /** wait waitMs, then send the same batch again within this run */
  | 'retry'
  /** stop the run; the outbox keeps everything; try again when the network is back */
  | 'wait_for_network'
  /** refresh the token once, then send again */
  | 'reauthorize'
  /** stop and pause the connection until a person acts */
  | 'pause'
  /** stop this run; the scheduler tries again after waitMs */
  | 'give_up';

export interface RetryDecision {
  action: RetryAction;
  waitMs: number;
  /** the connection status while in this state */
  status: ConnectionStatus;
  /** a sentence a rep understands, with the next step */
  message: string;
}

const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 5 * 60_000;
/** transient failures retried inside one run before the run gives up and the scheduler takes over */
export const MAX_ATTEMPTS_IN_RUN = 5;
const MAX_RATE_LIMIT_WAITS_IN_RUN = 30;
/**
 * Longest wait a run sits through. A CRM that asks for more (HubSpot's 477
 * "Migration in Progress" can say hours) ends the run; the scheduler comes back
 * after the wait, with everything kept.
 */
const MAX_WAIT_IN_RUN_MS = 60_000;

/** Capped exponential backoff with jitter (between half and all of the step). */
export function backoffMs(attempt: number, random: () => number): number {
  const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 20));
  return Math.round(step / 2 + (random() * step) / 2);
}

/** Transient failures of one record (a CRM's per-record "try again") before it is set aside for the user. */
export const MAX_RECORD_ATTEMPTS = 8;

type RecordRetryDecision =
  | { action: 'retry'; waitMs: number }
  | { action: 'quarantine'; message: string };

/**
 * One record failed for a reason the CRM called temporary (the rest of its
 * batch went through). `failures` counts this one. It waits with the same
 * capped backoff as a batch, outside the run (the next run after the delay
 * sends it), and after MAX_RECORD_ATTEMPTS it is quarantined with a sentence,
 * so nothing is re-sent forever.
 */
export function decideRecordRetry(failures: number, crmName: string, reason: string, random: () => number): RecordRetryDecision {
  if (failures >= MAX_RECORD_ATTEMPTS) {
    return {
      action: 'quarantine',
      message: `${crmName} did not take this contact after ${failures} tries (${reason.replace(/[.\s]+$/u, '')}). Ferry set it aside: retry it from the sync log, or change the contact.`,
    };
  }
  return { action: 'retry', waitMs: backoffMs(failures, random) };
}

export function decideRetry(error: SyncError, attempt: number, crmName: string, random: () => number): RetryDecision {
  const backoff = backoffMs(attempt, random);
  switch (error.kind) {
    case 'network':
      return {
        action: 'wait_for_network',
        waitMs: backoff,
        status: 'waiting_for_network',
        message: `Ferry can't reach ${crmName} right now. Check your network; your changes are kept and will sync when the connection is back.`,
      };
    case 'timeout':
    case 'server':
      return attempt < MAX_ATTEMPTS_IN_RUN
        ? { action: 'retry', waitMs: backoff, status: 'syncing', message: `${crmName} is not answering properly right now; Ferry is trying again.` }
        : {
            action: 'give_up',
            waitMs: backoff,
            status: 'error',
            message: `${crmName} kept failing (${error.details.status ? `HTTP ${error.details.status}` : 'no answer in time'}). Ferry will try again in a few minutes; nothing is lost.`,
          };
    case 'rate_limited':
      if ((error.details.retryAfterMs ?? 0) > MAX_WAIT_IN_RUN_MS) {
        return { action: 'give_up', waitMs: error.details.retryAfterMs ?? BACKOFF_CAP_MS, status: 'error', message: error.message };
      }
      return attempt < MAX_RATE_LIMIT_WAITS_IN_RUN
        ? { action: 'retry', waitMs: error.details.retryAfterMs ?? backoff, status: 'syncing', message: `${crmName} asked Ferry to slow down; syncing continues at a lower pace.` }
        : { action: 'give_up', waitMs: BACKOFF_CAP_MS, status: 'error', message: `${crmName} keeps limiting Ferry's requests; another app may be using the same account's limit. Ferry will try again in a few minutes.` };
    case 'daily_limit':
      return {
        action: 'give_up',
        waitMs: error.details.retryAfterMs ?? 60 * 60_000,
        status: 'error',
        message: `Your ${crmName} account has used its daily API allowance. Ferry will continue automatically when it resets; nothing is lost.`,
      };
    case 'auth':
      return attempt === 0
        ? { action: 'reauthorize', waitMs: 0, status: 'syncing', message: `Refreshing Ferry's ${crmName} sign-in.` }
        : { action: 'pause', waitMs: 0, status: 'needs_reauth', message: `${crmName} no longer accepts Ferry's sign-in. Reconnect ${crmName} to resume syncing; your changes are kept.` };
    case 'permission':
      return {
        action: 'pause',
        waitMs: 0,
        status: 'paused',
        message: error.details.scope
          ? `Ferry's ${crmName} access is missing the '${error.details.scope}' permission. Ask a ${crmName} admin to grant it, then press Resume.`
          : `${crmName} refused access for Ferry (missing permission). Ask a ${crmName} admin to check Ferry's access, then press Resume.`,
      };
    case 'invalid_request':
    case 'config':
      return { action: 'pause', waitMs: 0, status: 'error', message: error.message };
  }
}
