import type { ConnectionView } from '../../../preload/schemas/connection';
import { LOCKED_SUBJECTS } from '../../../preload/schemas/policy';
import { LockedSetting } from './locked-setting';
import { usePolicy } from './use-policy';

/**
 * The org's daily API allocation, which every laptop of the team and the org's
 * other tools share, with the headroom Ferry leaves (main/sync/allocation.ts
 * writes the sentence, so the card and `ferry status` say the same).
 */
export function AllocationLine({ c }: { c: ConnectionView }) {
  const locked = usePolicy()?.allocationLocked === true;
  const a = c.allocation;
  if (!a) return null;
  return (
    <p className={a.held ? 'allocation-line warning-text' : 'allocation-line muted'} data-testid="allocation-line">
      {a.line} {a.advice}
      {locked && <> <LockedSetting label={`Headroom ${100 - a.stopAtPercent} %`} subject={LOCKED_SUBJECTS.allocation} /></>}
    </p>
  );
}
