import { LOCKED_SUBJECTS, lockedSentence } from '../../preload/schemas/policy';
import { CRM_NAMES } from '../crm/registry';
import { connectionLocks } from '../policy/index';
import { allocationView } from '../services/allocation-view';
import type { Connection } from '../store/connections';
import { getSettings } from '../store/settings';
import type { CliContext } from './context';

/**
 * What `ferry status` adds under a connection for teams: the org's daily
 * allocation with the headroom (the card's numbers), and each setting the
 * admin's policy locks, in the sentence the app shows beside its lock.
 */
export function statusPolicyLines(ctx: CliContext, c: Connection): string[] {
  const crm = CRM_NAMES[c.kind];
  const lines: string[] = [];
  const stop = getSettings(ctx.db).allocationStopPercent;
  const allocation = allocationView(crm, c.config.allocation, stop);
  if (allocation) {
    lines.push(`${allocation.line} ${allocation.held ? `Automatic and scheduled syncs wait (they stop at ${stop} %); Sync now still sends.` : `Automatic and scheduled syncs stop at ${stop} %.`}`);
  }
  const locks = connectionLocks(ctx.policy.current(), c.kind);
  if (locks.mode) lines.push(`Locked: ${lockedSentence(LOCKED_SUBJECTS.mode(crm))}`);
  if (locks.mapping) lines.push(`Locked: ${lockedSentence(LOCKED_SUBJECTS.mapping(crm))}`);
  if (locks.filter) lines.push(`Locked: ${lockedSentence(LOCKED_SUBJECTS.filter(crm))}`);
  if (locks.disconnect) lines.push(`Locked: ${lockedSentence(LOCKED_SUBJECTS.disconnect(crm))}`);
  return lines;
}
