import type { ReactNode } from 'react';

/** Details kept one click away (native <details>: keyboard and screen readers for free). */
export function Disclosure({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="disclosure">
      <summary>{summary}</summary>
      {children}
    </details>
  );
}
