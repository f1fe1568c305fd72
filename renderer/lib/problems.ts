import type { ConnectionView } from '../../preload/schemas/connection';
import { KIND_NAMES, isDelivery } from './kinds';

/** What a rep can do about a problem; the screen turns each into a button or link. */
export type NextStep = 'reconnect' | 'resume' | 'sync-now' | 'show-quarantined' | 'ask-admin' | 'check-network';

export interface Problem {
  tone: 'warning' | 'error';
  title: string;
  /** what happened and what is safe, in a rep's words */
  explanation: string;
  steps: NextStep[];
  /** the CRM's own words, shown behind a disclosure */
  detail: string | null;
}

const SCOPE = /scope/i;

/**
 * The one problem worth showing first for a connection, or null when all is well.
 * Order matters: a state that stops syncing outranks records set aside.
 */
export function problemOf(c: ConnectionView): Problem | null {
  const crm = KIND_NAMES[c.kind];
  const kept = c.pending > 0 ? ` ${c.pending} ${c.pending === 1 ? 'contact is' : 'contacts are'} kept and will be sent.` : ' Nothing is lost.';
  const detail = c.lastErrorDetail ?? c.lastError;
  if (c.status === 'needs_reauth') {
    return { tone: 'error', title: `${crm} needs you to sign in again`, explanation: `${crm} no longer accepts Ferry's sign-in, so syncing has stopped.${kept} Reconnect to resume.`, steps: ['reconnect'], detail };
  }
  if (c.status === 'paused' && c.lastError && SCOPE.test(c.lastError)) {
    return { tone: 'error', title: `${crm} is missing a permission`, explanation: `${c.lastError} Ask your ${crm} admin to grant it, then resume.`, steps: ['ask-admin', 'resume'], detail };
  }
  if (c.status === 'waiting_for_network') {
    return { tone: 'warning', title: `Ferry can't reach ${crm}`, explanation: `Check your network connection. Ferry retries on its own.${kept}`, steps: ['check-network', 'sync-now'], detail };
  }
  if (c.status === 'error') {
    return { tone: 'warning', title: `${crm} is having trouble`, explanation: `${c.lastError ?? `${crm} did not accept the last sync.`} Ferry retries on its own; you can also try now.`, steps: ['sync-now'], detail };
  }
  if (c.status === 'syncing' && c.lastError) {
    // The run is waiting out a 429 or a 5xx and says why; it carries on by itself.
    return { tone: 'warning', title: `${crm} is having trouble keeping up`, explanation: `${c.lastError} Nothing is lost.`, steps: [], detail };
  }
  if (c.quarantined > 0) {
    const n = c.quarantined;
    const what = isDelivery(c.kind) ? 'refused' : 'rejected';
    return { tone: 'warning', title: `${crm} ${what} ${n} ${n === 1 ? 'record' : 'records'}`, explanation: `Fix ${n === 1 ? 'it' : 'these records'} (the log shows why), then retry. Everything else keeps syncing.`, steps: ['show-quarantined'], detail };
  }
  if (c.lastError && c.status !== 'paused') {
    return { tone: 'warning', title: 'The last sync had a problem', explanation: c.lastError, steps: ['sync-now'], detail };
  }
  return null;
}
