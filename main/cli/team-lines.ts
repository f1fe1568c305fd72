import { destination } from '../../destinations/index';
import type { ConnectionView } from '../../preload/schemas/connection';
import { LOCKED_SUBJECTS, lockedSentence } from '../../preload/schemas/policy';

/**
 * What `ferry status` adds under a connection for teams: the org's daily
 * allocation with the headroom (the card's numbers, from the same view), and
 * each setting the admin's policy locks, in the sentence the app shows beside
 * its lock.
 */
export function teamLines(c: ConnectionView): string[] {
  const name = destination(c.kind).name;
  const lines: string[] = [];
  const a = c.allocation;
  if (a) lines.push(`${a.line} ${a.advice}`);
  if (c.locks?.mode) lines.push(`Locked: ${lockedSentence(LOCKED_SUBJECTS.mode(name))}`);
  if (c.locks?.mapping) lines.push(`Locked: ${lockedSentence(LOCKED_SUBJECTS.mapping(name))}`);
  if (c.locks?.filter) lines.push(`Locked: ${lockedSentence(LOCKED_SUBJECTS.filter(name))}`);
  if (c.locks?.disconnect) lines.push(`Locked: ${lockedSentence(LOCKED_SUBJECTS.disconnect(name))}`);
  return lines;
}
