import type { ReactNode } from 'react';

/** A captioned table; the caption is for screen readers when the screen already has a heading. */
export function Table({ caption, head, children, testId }: { caption: string; head: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <table className="table" data-testid={testId}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>{head}</thead>
      <tbody>{children}</tbody>
    </table>
  );
}
