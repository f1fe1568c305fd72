import { lockedSentence, SET_BY_YOUR_ADMIN } from '../../../preload/schemas/policy';

/**
 * A setting the admin's policy locks: a lock, what it is, and "set by your
 * admin", in place of the control that would change it. The full sentence (the
 * one the CLI refuses with) is its accessible name and tooltip.
 */
export function LockedSetting({ label, subject }: { label: string; subject: string }) {
  const sentence = lockedSentence(subject);
  return (
    <span className="locked-setting" data-testid="locked-setting" role="note" aria-label={sentence} title={sentence}>
      <span aria-hidden="true">🔒</span> {label} <span className="muted">· {SET_BY_YOUR_ADMIN}</span>
    </span>
  );
}
