import { destination, DESTINATIONS } from '../../destinations/index';
import type { ConnectionKind, ConnectionStatus, SyncMode } from '../schemas/connection';
import { HELD_WORDS } from './held-words';

/**
 * Every sentence that says how a connection is doing, defined once and read by
 * the app (card, problem panel, overall line), `ferry status` and the tray.
 * Pure functions of the facts below, so each state is tested in one place
 * (tests/unit/status-sentences.test.ts). A sentence never promises what the
 * facts cannot back: "up to date" needs a sync that worked and nothing left
 * behind; "Ferry retries" is said only by the engine's own message, which
 * knows whether a retry is planned.
 */

/** Each destination's display name, from its descriptor (destinations/). */
export const KIND_NAMES = Object.fromEntries(DESTINATIONS.map((d) => [d.id, d.name])) as Record<ConnectionKind, string>;

/** "Zoho CRM · EU org": the destination and the connection's own label, said once when they are the same ("Dynamics 365"). */
export function connectionTitle(c: Pick<StatusFacts, 'kind' | 'label'>): string {
  const name = KIND_NAMES[c.kind];
  return c.label === name ? name : `${name} · ${c.label}`;
}

/** Zapier and webhooks only receive: Ferry cannot know a CRM got the record, so the words are "delivered", never "synced". */
export function isDelivery(kind: ConnectionKind): boolean {
  return destination(kind).deliversOnly;
}

/** What the sentences need; ConnectionView has all of it, and the CLI and tray build it from the store. */
export interface StatusFacts {
  kind: ConnectionKind;
  label: string;
  status: ConnectionStatus;
  mode: SyncMode;
  /** the outbox's count: changes not yet at the destination */
  pending: number;
  /** contacts set aside: the destination refused them, or Ferry held them for a shared e-mail */
  quarantined: number;
  /** of `quarantined`, the contacts held for a shared e-mail (the CRM never saw them); absent: none */
  held?: number;
  lastError: string | null;
  lastErrorDetail: string | null;
  lastSuccessAt: number | null;
  /** which way contacts flow (docs/pull.md); absent = push */
  direction?: 'push' | 'pull' | 'two-way';
  /** fields both sides changed that wait for the rep (pull and two-way) */
  openConflicts?: number;
  /** when Ferry last read the CRM completely (null: never) */
  lastPullAt?: number | null;
}

const count = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** "2 changes", as the pending count is worded everywhere. */
export function changesWord(n: number): string {
  return count(n, 'change');
}

function refusedWord(kind: ConnectionKind): string {
  return isDelivery(kind) ? 'refused' : 'rejected';
}

/** The contacts set aside, split by why: the destination refused them, or Ferry held them for a shared e-mail. */
function setAside(c: Pick<StatusFacts, 'quarantined' | 'held'>): { refused: number; held: number } {
  const held = Math.min(c.held ?? 0, c.quarantined);
  return { refused: c.quarantined - held, held };
}

/** Where the waiting changes go next, by mode (only said when some are waiting). */
function whenSent(c: Pick<StatusFacts, 'mode' | 'pending'>): string {
  const one = c.pending === 1;
  switch (c.mode) {
    case 'manual': return `${one ? 'waits' : 'wait'} for Sync now`;
    case 'automatic': return `${one ? 'is' : 'are'} being sent shortly`;
    case 'scheduled': return `${one ? 'goes' : 'go'} with the next scheduled sync`;
  }
}

/**
 * The one line under a connection's name (the card), and the status column of
 * `ferry status`. Pulls are mentioned only where the connection pulls: a
 * pull-only connection never claims to send, and open conflicts are said.
 */
export function statusLine(c: StatusFacts): string {
  const push = pushLine(c);
  if (c.direction === undefined || c.direction === 'push' || c.status !== 'connected') return push;
  const conflicts = (c.openConflicts ?? 0) > 0 ? ` · ${count(c.openConflicts ?? 0, 'conflict')} to settle` : '';
  const crm = destination(c.kind).sentenceName;
  if (c.direction === 'pull') return `${c.lastPullAt ? `Reads changes from ${crm}` : `Not read from ${crm} yet`}${conflicts}`;
  return `${push}${c.lastPullAt ? '' : ` · not read from ${crm} yet`}${conflicts}`;
}

function pushLine(c: StatusFacts): string {
  const kept = c.pending > 0 ? `; ${changesWord(c.pending)} kept` : '';
  switch (c.status) {
    case 'syncing': return isDelivery(c.kind) ? 'Delivering…' : 'Syncing…';
    case 'paused': return `Paused${c.pending > 0 ? ` — ${changesWord(c.pending)} kept, sent when you resume` : ''}`;
    case 'needs_reauth': return `Needs you to sign in again${kept}`;
    case 'waiting_for_network': return `Waiting for the network${kept}`;
    case 'error': return `Not syncing${kept}`;
    case 'disconnected': return 'Disconnected';
    case 'connected': break;
  }
  const { refused, held } = setAside(c);
  const rejected = [
    refused > 0 ? `${count(refused, 'record')} ${refusedWord(c.kind)}` : '',
    held > 0 ? `${count(held, 'contact')} ${HELD_WORDS}` : '',
  ].filter(Boolean).join(' · ');
  if (c.pending > 0) return `${changesWord(c.pending)} ${whenSent(c)}${rejected ? ` · ${rejected}` : ''}`;
  if (c.lastSuccessAt === null) return rejected ? `${rejected}; nothing else to send` : 'Connected — nothing sent yet';
  if (rejected) return `${rejected}; everything else is ${isDelivery(c.kind) ? 'delivered' : 'up to date'}`;
  return isDelivery(c.kind) ? 'Everything delivered' : 'Up to date';
}

/** What a rep can do about a problem; the screen turns each into a button. */
export type NextStep = 'reconnect' | 'resume' | 'sync-now' | 'show-quarantined' | 'ask-admin' | 'check-network';

export interface Problem {
  tone: 'warning' | 'error';
  title: string;
  /** the title without its subject, so any name can stand before it ("HubSpot Sandbox needs you to sign in again") */
  predicate: string;
  /** what happened and what is safe, in a rep's words */
  explanation: string;
  steps: NextStep[];
  /** the CRM's own words, shown behind a disclosure */
  detail: string | null;
}

const SCOPE = /scope|permission/i;

function keptSentence(pending: number): string {
  return pending > 0 ? ` ${changesWord(pending)} ${pending === 1 ? 'is' : 'are'} kept and will be sent.` : ' Nothing is lost.';
}

/**
 * The one problem worth showing first for a connection, or null when all is
 * well. Order matters: a state that stops syncing outranks records set aside.
 * The engine's own sentence (lastError) says whether it retries by itself; this
 * adds nothing that could contradict it.
 */
export function problemOf(c: StatusFacts): Problem | null {
  const crm = KIND_NAMES[c.kind];
  const kept = keptSentence(c.pending);
  const detail = c.lastErrorDetail ?? null;
  if (c.status === 'needs_reauth') {
    return { tone: 'error', title: `${crm} needs you to sign in again`, predicate: 'needs you to sign in again', explanation: `${crm} no longer accepts Ferry's sign-in, so syncing has stopped.${kept} Reconnect to resume.`, steps: ['reconnect'], detail };
  }
  if (c.status === 'paused' && c.lastError && SCOPE.test(c.lastError)) {
    return { tone: 'error', title: `${crm} is missing a permission`, predicate: 'is missing a permission', explanation: c.lastError, steps: ['ask-admin', 'resume'], detail };
  }
  if (c.status === 'waiting_for_network') {
    return { tone: 'warning', title: `Ferry can't reach ${crm}`, predicate: "can't be reached", explanation: `Check your network connection.${kept}`, steps: ['check-network', 'sync-now'], detail };
  }
  if (c.status === 'error') {
    const steps: NextStep[] = isDelivery(c.kind) ? ['reconnect', 'sync-now'] : ['sync-now'];
    return { tone: 'error', title: `${crm} is not syncing`, predicate: 'is not syncing', explanation: `${c.lastError ?? `${crm} did not accept the last sync.`}${kept}`, steps, detail };
  }
  if (c.status === 'syncing' && c.lastError) {
    // The run is waiting out a 429 or a 5xx and says why; it carries on by itself.
    return { tone: 'warning', title: `${crm} is having trouble keeping up`, predicate: 'is having trouble keeping up', explanation: `${c.lastError} Nothing is lost.`, steps: [], detail };
  }
  const { refused, held } = setAside(c);
  if (refused > 0) {
    const n = refused;
    const predicate = `${refusedWord(c.kind)} ${count(n, 'record')}`;
    const alsoHeld = held > 0 ? ` ${count(held, 'other contact')} ${held === 1 ? 'is' : 'are'} ${HELD_WORDS}.` : '';
    return {
      tone: 'warning',
      title: `${crm} ${predicate}`,
      predicate,
      explanation: `Fix ${n === 1 ? 'it' : 'these records'} (the log shows why), then retry.${alsoHeld} Everything else keeps syncing.`,
      steps: ['show-quarantined'],
      detail,
    };
  }
  if (held > 0) {
    // Ferry held them before any call: never worded as the CRM's refusal
    const predicate = `has ${count(held, 'contact')} ${HELD_WORDS}`;
    return {
      tone: 'warning',
      title: `${crm} ${predicate}`,
      predicate,
      explanation: `${held === 1 ? 'It has' : 'Each has'} the e-mail address of another contact in Ferry, and ${destination(c.kind).sentenceName} matches contacts by e-mail: sending ${held === 1 ? 'it' : 'them'} would write over the other's record. Merge the two in Ferry (Contacts → Duplicates), or change one of the e-mail addresses, and ${held === 1 ? 'it is' : 'they are'} sent. Everything else keeps syncing.`,
      steps: ['show-quarantined'],
      detail,
    };
  }
  if (c.lastError && c.status !== 'paused') {
    return { tone: 'warning', title: 'The last sync had a problem', predicate: 'had a problem in its last sync', explanation: c.lastError, steps: ['sync-now'], detail };
  }
  return null;
}

/** One short sentence per connection that needs a person (the tray's tooltip, a collapsed banner). */
export function attentionSentence(c: StatusFacts): string | null {
  // Offline is normal for a rep (everything is kept); it is said, but it asks nothing of anyone.
  if (c.status === 'disconnected' || c.status === 'waiting_for_network') return null;
  const problem = problemOf(c);
  if (!problem) return null;
  if (problem.tone === 'warning' && c.status === 'syncing') return null;
  return `${c.label} ${problem.predicate}`;
}

export interface OverallSentence {
  tone: 'healthy' | 'warning' | 'error' | 'paused';
  text: string;
}

/** The line above the cards, and the summary of `ferry status`. */
export function overallSentence(connections: readonly StatusFacts[]): OverallSentence {
  const active = connections.filter((c) => c.status !== 'disconnected');
  if (active.length === 0) return { tone: 'paused', text: 'No integration yet: your contacts stay on this computer until you add one.' };
  const problems = active.filter((c) => problemOf(c) !== null && !(c.status === 'syncing'));
  if (problems.length > 0) {
    const tone = problems.some((c) => problemOf(c)?.tone === 'error') ? 'error' : 'warning';
    return { tone, text: `${problems.map((c) => c.label).join(', ')} ${problems.length === 1 ? 'needs' : 'need'} attention — see below for what to do.` };
  }
  const paused = active.filter((c) => c.status === 'paused');
  const running = active.filter((c) => c.status !== 'paused');
  const pausedNote = paused.length > 0 ? ` ${paused.map((c) => c.label).join(', ')} ${paused.length === 1 ? 'is' : 'are'} paused.` : '';
  if (running.length === 0) return { tone: 'paused', text: `Syncing is paused.${pausedNote.replace(/^ /, ' ')} Changes are kept until you resume.` };
  const pending = running.reduce((n, c) => n + c.pending, 0);
  if (running.some((c) => c.status === 'syncing')) return { tone: 'healthy', text: `Syncing now${pending > 0 ? `: ${changesWord(pending)} on the way` : ''}.${pausedNote}` };
  if (pending > 0) {
    const manual = running.filter((c) => c.pending > 0 && c.mode === 'manual');
    const next = manual.length > 0 ? ` Press Sync now on ${manual.map((c) => c.label).join(', ')} to send them.` : ' They are sent on schedule.';
    return { tone: 'healthy', text: `${changesWord(pending)} waiting to be sent.${next}${pausedNote}` };
  }
  if (running.every((c) => c.lastSuccessAt === null)) return { tone: 'healthy', text: `Connected. Nothing has been sent yet, and nothing is waiting.${pausedNote}` };
  return { tone: 'healthy', text: `Up to date: every change has reached its destination.${pausedNote}` };
}

/**
 * Why contacts are not linked to companies on this connection, when they are not
 * (the connector's own reason, e.g. a sign-in or key without the company scopes);
 * null when they are linked or the destination does not link companies.
 */
export function companiesOffSentence(c: { companies?: string | null }): string | null {
  if (!c.companies || c.companies === 'linked') return null;
  const why = c.companies.replace(/^not linked:\s*/u, '');
  return `Companies are off: ${why}. Contacts still sync, with the company name as text; grant the company scopes and reconnect to link them.`;
}
