import type { ReactNode } from 'react';

/** A determinate bar with its numbers written out; an unknown total shows an empty track. */
export function ProgressBar({ done, total, label, meta }: { done: number; total: number; label: string; meta?: ReactNode }) {
  const pct = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div className="progress">
      <div className="progress-track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} aria-valuetext={`${done} of ${total}`}>
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      {meta && <div className="progress-meta">{meta}</div>}
    </div>
  );
}
