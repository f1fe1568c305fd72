import type { ConnectionKind } from '../../../preload/schemas/connection';
import type { SyncRunView } from '../../../preload/schemas/sync-log';
import { heldCount, sentCounts } from '../../../preload/status/run-sentences';
import { plural } from '../../lib/format';

export const TRIGGER_WORDS: Record<string, string> = { manual: 'Sync now', automatic: 'Automatic', scheduled: 'Scheduled', resume: 'Resumed', connect: 'Connected' };
/** Who started a run: a manual pull is "Pull now" (it read "Pull · Sync now"). */
export function triggerWord(r: Pick<SyncRunView, 'trigger' | 'kind'>): string {
  if (r.kind === 'pull' && r.trigger === 'manual') return 'Pull now';
  return TRIGGER_WORDS[r.trigger] ?? r.trigger;
}
export const STATE_WORDS: Record<string, string> = { succeeded: 'Succeeded', partial: 'Partly sent', failed: 'Failed', interrupted: 'Stopped', running: 'Running' };
export const STATE_TONE: Record<string, string> = { succeeded: 'healthy', partial: 'warning', failed: 'error', interrupted: 'warning', running: 'paused' };

/**
 * "3 records created, 1 record updated, 1 record archived, 1 record set aside (same e-mail as
 * another contact), 2 records not sent" — only the
 * numbers that are not zero, worded by preload/status/run-sentences.ts (null kind: the
 * connection is gone).
 */
export function runRecordsText(r: SyncRunView, kind: ConnectionKind | null): string {
  if (r.kind === 'pull') return pullRecordsText(r);
  const parts = sentRecordParts(kind, r);
  if (r.unchanged > 0) parts.push(`${plural(r.unchanged, 'record')} unchanged`);
  parts.push(...notSentParts(r));
  const text = parts.filter(Boolean).join(', ');
  return text || 'no record sent';
}

/**
 * "1 record set aside (same e-mail as another contact)", "2 records not sent": what the run did
 * not send, a contact held for a shared e-mail apart from what the CRM refused or kept failing.
 */
export function notSentParts(r: Pick<SyncRunView, 'failed' | 'quarantined' | 'held'>): string[] {
  const held = heldCount(r);
  return [
    held.count > 0 ? `${plural(held.count, 'record')} ${held.word}` : '',
    r.failed + r.quarantined > 0 ? `${plural(r.failed + r.quarantined, 'record')} not sent` : '',
  ].filter(Boolean);
}

/** "3 records created", "1 record archived", "2 changes delivered": the counts that are not zero. */
export function sentRecordParts(kind: ConnectionKind | null, r: Parameters<typeof sentCounts>[1]): string[] {
  return sentCounts(kind, r).filter((p) => p.count > 0).map((p) => (p.word === 'delivered' ? `${plural(p.count, 'change')} delivered` : `${plural(p.count, 'record')} ${p.word}`));
}

/** A pull's counts: what it read from the CRM and what that did to Ferry's contacts (linked ones count as unchanged). */
export function pullRecordsText(r: SyncRunView): string {
  const parts = [
    r.created > 0 ? `${plural(r.created, 'new contact')}` : '',
    r.updated > 0 ? `${plural(r.updated, 'contact')} updated` : '',
    r.unchanged > 0 ? `${r.unchanged} unchanged or linked` : '',
  ].filter(Boolean);
  return `${plural(r.planned, 'record')} read${parts.length ? `: ${parts.join(', ')}` : ''}`;
}
