import { markedWords, removedVerb } from '../../destinations/index';
import type { ConnectionKind } from '../schemas/connection';
import type { EventOutcome, SyncRunView } from '../schemas/sync-log';
import { isDelivery } from './connection-sentences';
import { HELD_VERB, HELD_WORDS } from './held-words';

/**
 * What a push run did to a destination's records, defined once and read by the
 * card's last-run line, the Sync log (runs, a run's detail, record outcomes),
 * `ferry sync` / `ferry agent` / `ferry demo` and `ferry log`. A delete sent to
 * the CRM is counted and worded apart from an update, in the destination's own
 * word from its descriptor (destinations/*.ts `deletes`): "archived" (HubSpot,
 * Mailchimp), "deleted" (the others), or 'marked "Deleted in Ferry"' when the
 * connection keeps the record and marks it. A contact held before any call because
 * another Ferry contact has its e-mail in the CRM (main/sync/shared-email.ts) is
 * "set aside (same e-mail as another contact)", never "rejected": the CRM never saw it.
 */

type SentCounts = Pick<SyncRunView, 'created' | 'updated' | 'deleted' | 'marked'>;

export interface SentCount {
  count: number;
  /** "created", "updated", "archived", "deleted", 'marked "Deleted in Ferry"' or "delivered" */
  word: string;
  /** said even when 0 (the CLI's line always says what was created and updated) */
  always: boolean;
}

/** The word for records a delete removed: the destination's (unknown connection: "deleted"). */
export function deletedWord(kind: ConnectionKind | null): string {
  return (kind === null ? null : removedVerb(kind)) ?? 'deleted';
}

/** The words for records kept and marked "Deleted in Ferry". */
export function markedWord(kind: ConnectionKind | null): string {
  return (kind === null ? null : markedWords(kind)) ?? 'marked "Deleted in Ferry"';
}

/**
 * The counts, in order. Zapier and webhooks only receive (no delete reaches them):
 * one "delivered" count, never "created".
 */
export function sentCounts(kind: ConnectionKind | null, r: SentCounts): SentCount[] {
  if (kind !== null && isDelivery(kind)) return [{ count: r.created + r.updated, word: 'delivered', always: true }];
  return [
    { count: r.created, word: 'created', always: true },
    { count: r.updated, word: 'updated', always: true },
    { count: r.deleted, word: deletedWord(kind), always: false },
    { count: r.marked, word: markedWord(kind), always: false },
  ];
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export { HELD_VERB, HELD_WORDS };

/** The run's contacts held for a shared e-mail, said only when there were some; never among the CRM's refusals. */
export const heldCount = (r: Pick<SyncRunView, 'held'>): SentCount => ({ count: r.held, word: HELD_WORDS, always: false });

/** The CLI's run lines: "1 set aside (same e-mail as another contact), " before the refusals, or nothing. */
export function heldClause(r: Pick<SyncRunView, 'held'>): string {
  const held = heldCount(r);
  return held.count > 0 ? `${held.count} ${held.word}, ` : '';
}

/**
 * A run's problem sentence for the records it did not send: the CRM's refusals, and the
 * contacts held for a shared e-mail, each said apart (null: none of either).
 */
export function notSentProblem(crmName: string, r: Pick<SyncRunView, 'quarantined' | 'held'>): string | null {
  const them = (n: number): string => (n === 1 ? 'it' : 'them');
  const parts = [
    r.quarantined > 0 ? `${crmName} rejected ${r.quarantined} contact${r.quarantined === 1 ? '' : 's'}. Fix ${them(r.quarantined)} and retry from the sync log.` : '',
    r.held > 0 ? `${r.held} contact${r.held === 1 ? '' : 's'} ${HELD_WORDS}: ${crmName} matches contacts by e-mail, so sending ${them(r.held)} would write over the other's record. Merge the two in Ferry (Contacts → Duplicates), or change one of the e-mail addresses.` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : null;
}

/** Records the run changed in the destination, whatever the change (a cancelled run's "N sent"). */
export const sentTotal = (r: SentCounts): number => r.created + r.updated + r.deleted + r.marked;

/** The Sync log's filter choices, one per record outcome (a delete's word differs per destination, so both are named). */
export const OUTCOME_WORDS: Record<EventOutcome, string> = {
  created: 'Created', updated: 'Updated', deleted: 'Deleted or archived', marked: 'Marked "Deleted in Ferry"', unchanged: 'Unchanged',
  failed: 'Failed', quarantined: 'Set aside (rejected)', held: capitalize(HELD_WORDS), conflict: 'Conflict', skipped: 'Skipped',
};

/** One record's outcome, as its row in the Sync log says it: a delete in the destination's word ("Archived"). */
export function outcomeWord(outcome: EventOutcome, kind: ConnectionKind | null): string {
  if (outcome === 'deleted') return capitalize(deletedWord(kind));
  if (outcome === 'marked') return capitalize(markedWord(kind));
  return OUTCOME_WORDS[outcome];
}

/** One record's outcome in `ferry log`: the stored word, except a delete, said in the destination's word ("archived"), and a held contact ("set aside"). */
export function outcomeVerb(outcome: EventOutcome, kind: ConnectionKind | null): string {
  if (outcome === 'deleted') return deletedWord(kind);
  if (outcome === 'marked') return markedWord(kind);
  if (outcome === 'held') return HELD_VERB;
  return outcome;
}
