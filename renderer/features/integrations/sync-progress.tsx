import type { SyncProgressView } from '../../../preload/schemas/connection';
import { formatCount, formatDuration } from '../../lib/format';
import { ProgressBar } from '../../ui/progress-bar';

/** The run in flight: done / total, records per second and time left, from syncProgress events. */
export function SyncProgress({ progress, label, cancelling }: { progress: SyncProgressView | null; label: string; cancelling: boolean }) {
  if (!progress) {
    return <ProgressBar done={0} total={0} label={label} meta={<span>Starting…</span>} />;
  }
  const { done, total, rate, etaMs } = progress;
  return (
    <ProgressBar
      done={done}
      total={total}
      label={label}
      meta={(
        <>
          <span className="num" data-testid="progress-count">{formatCount(done)} / {formatCount(total)}</span>
          <span className="num">{rate > 0 ? `${rate.toFixed(rate < 10 ? 1 : 0)} records/s` : ''}</span>
          <span className="num">{cancelling ? 'stopping after the batch in flight; nothing is lost' : etaMs !== null ? `about ${formatDuration(etaMs)} left` : 'estimating…'}</span>
        </>
      )}
    />
  );
}
