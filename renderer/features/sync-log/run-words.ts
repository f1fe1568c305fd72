import type { SyncRunView } from '../../../preload/schemas/sync-log';
import { plural } from '../../lib/format';

export const TRIGGER_WORDS: Record<string, string> = { manual: 'Sync now', automatic: 'Automatic', scheduled: 'Scheduled', resume: 'Resumed', connect: 'Connected' };
/** Who started a run: a manual pull is "Pull now" (it read "Pull · Sync now"). */
export function triggerWord(r: Pick<SyncRunView, 'trigger' | 'kind'>): string {
  if (r.kind === 'pull' && r.trigger === 'manual') return 'Pull now';
  return TRIGGER_WORDS[r.trigger] ?? r.trigger;
}
export const STATE_WORDS: Record<string, string> = { succeeded: 'Succeeded', partial: 'Partly sent', failed: 'Failed', interrupted: 'Stopped', running: 'Running' };
export const STATE_TONE: Record<string, string> = { succeeded: 'healthy', partial: 'warning', failed: 'error', interrupted: 'warning', running: 'paused' };

/** "3 created, 1 updated, 2 not sent" — only the numbers that are not zero. */
export function runRecordsText(r: SyncRunView, delivered: boolean): string {
  if (r.kind === 'pull') return pullRecordsText(r);
  const parts = delivered
    ? [r.created + r.updated > 0 ? `${plural(r.created + r.updated, 'change')} delivered` : '']
    : [r.created > 0 ? `${plural(r.created, 'record')} created` : '', r.updated > 0 ? `${plural(r.updated, 'record')} updated` : ''];
  if (r.unchanged > 0) parts.push(`${plural(r.unchanged, 'record')} unchanged`);
  if (r.failed + r.quarantined > 0) parts.push(`${plural(r.failed + r.quarantined, 'record')} not sent`);
  const text = parts.filter(Boolean).join(', ');
  return text || 'no record sent';
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
