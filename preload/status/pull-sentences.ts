import type { PullCountsView, PullSummaryView, SyncDirection, TwoWayRule } from '../schemas/pull';

/**
 * Every sentence about pull and two-way sync (docs/pull.md), defined once and
 * read by the app's card, Mapping screen, Conflicts list and Sync log.
 * Pure functions of the views in preload/schemas/pull.ts.
 */

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The three directions, each with the one sentence that says what it does. */
export const DIRECTION_WORDS: Record<SyncDirection, { label: string; sentence: (crm: string) => string }> = {
  push: { label: 'Push', sentence: (crm) => `Ferry sends your changes to ${crm}; nothing comes back.` },
  pull: { label: 'Pull', sentence: (crm) => `Ferry reads ${crm} into your contacts; it sends nothing.` },
  'two-way': { label: 'Two-way', sentence: (crm) => `Changes flow both ways between Ferry and ${crm}; when both sides changed a field, the rules below decide.` },
};

/** The per-field rules, with who wins when both sides changed a field. */
export const RULE_WORDS: Record<TwoWayRule, { label: string; sentence: (crm: string) => string }> = {
  ask: { label: 'Ask me', sentence: () => 'Both values are kept as a conflict for you to settle; nothing is overwritten.' },
  'crm-wins': { label: 'CRM wins', sentence: (crm) => `${crm}'s value is kept when both sides changed it.` },
  'ferry-wins': { label: 'Ferry wins', sentence: () => 'Ferry\'s value is kept when both sides changed it.' },
  'latest-wins': { label: 'Latest change wins', sentence: () => 'The later change wins, by each side\'s modification time.' },
  'crm-owns': { label: 'Belongs to the CRM', sentence: (crm) => `${crm}'s value always; an edit in Ferry is replaced on the next pull.` },
  'ferry-owns': { label: 'Belongs to Ferry', sentence: (crm) => `${crm}'s changes are never applied; Ferry's value is sent back.` },
};

/** Why a destination Ferry cannot read (its descriptor's `reads` is false) stays on push. */
export const cannotReadSentence = (crm: string): string => `Ferry cannot read contacts from ${crm}: it only receives them, so its direction stays Push.`;

/** Whether a connection reads from its CRM (and so offers Pull now and pulled counts). */
export const pulls = (direction: SyncDirection): boolean => direction !== 'push';

/** "Read 12: 3 new, 2 updated, 4 linked, 3 unchanged, 1 conflict" — only what is not zero after "read". */
export function pullSummaryText(s: PullSummaryView): string {
  if (s.state === 'not_pulling') return 'This connection only pushes: switch it to pull or two-way to read the CRM.';
  if (s.state === 'failed') return `The pull stopped: ${s.error ?? 'the CRM refused it'}`;
  const parts = [
    s.created > 0 ? `${plural(s.created, 'new contact')}` : '',
    s.updated > 0 ? `${plural(s.updated, 'contact')} updated` : '',
    s.linked > 0 ? `${plural(s.linked, 'contact')} linked` : '',
    s.unchanged > 0 ? `${s.unchanged.toLocaleString('en-US')} unchanged` : '',
    s.conflicts > 0 ? plural(s.conflicts, 'conflict') : '',
    s.potentialDuplicates > 0 ? plural(s.potentialDuplicates, 'potential duplicate') : '',
  ].filter(Boolean);
  const head = `Read ${plural(s.read, 'record')}`;
  const tail = s.state === 'interrupted' ? ' (stopped early; the next pull goes on from there)' : '';
  return `${parts.length ? `${head}: ${parts.join(', ')}` : head}${tail}.`;
}

/** A pull in flight: "Pulling from HubSpot… 1,200 records read". */
export function pullProgressText(crm: string, read: number): string {
  return read === 0 ? `Pulling from ${crm}…` : `Pulling from ${crm}… ${plural(read, 'record')} read`;
}

/** The card's pull line: "Pulled 1,204 records · last pull 3 min ago" is built by the card from these parts. */
export function pulledText(c: PullCountsView): string {
  return c.lastPullAt === null ? 'Not pulled yet' : `${plural(c.pulled, 'record')} pulled`;
}

export function openConflictsText(n: number): string {
  return n === 0 ? 'No open conflicts' : `${plural(n, 'open conflict')}`;
}

/**
 * A stamp of Ferry's ID the CRM refused, read back from the job that carried it (Mailchimp's
 * batch results, main/pull/stamp-outcomes.ts), on that contact in the Sync log. `detail` is
 * the CRM's own sentence. The record stays linked by the CRM's id; the stamp is sent again
 * when the pull next reads the record (when it changes in the CRM). Only Mailchimp stamps
 * later, so the record is called by its word: a member.
 */
export const stampRefusedSentence = (crm: string, detail: string): string =>
  `${crm} did not take Ferry's ID for this member: ${detail} The contact stays linked; Ferry writes its ID again when the member next changes in ${crm}.`;

/** The pull run's line when stamps read back were refused; each has its record on its contact. */
export const stampsRefusedNote = (crm: string, members: number): string => `${crm} did not take Ferry's ID for ${plural(members, 'member')}: see the log.`;

/** Why Ferry can no longer learn what became of a stamp job (main/sync/connector.ts StampJobLoss). */
const STAMP_LOSS_WORDS: Record<'forgotten' | 'results-gone' | 'unreadable' | 'too-old', (crm: string) => string> = {
  forgotten: (crm) => `${crm} no longer has that batch of stamps.`,
  'results-gone': (crm) => `${crm} no longer keeps the results of that batch of stamps.`,
  unreadable: (crm) => `the results ${crm} gave for that batch of stamps could not be read.`,
  'too-old': (crm) => `a week after Ferry sent that batch of stamps, ${crm} had still not given its outcome.`,
};

/** The one line a pull run carries for a stamp job it gave up on: how many records, and why. */
export const stampJobLostSentence = (crm: string, records: number, why: keyof typeof STAMP_LOSS_WORDS): string =>
  `Ferry could not learn whether ${crm} took Ferry's ID on ${plural(records, 'member')}: ${STAMP_LOSS_WORDS[why](crm)}`;
