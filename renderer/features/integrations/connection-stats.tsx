import type { ConnectionView } from '../../../preload/schemas/connection';
import { formatCount } from '../../lib/format';
import { isDelivery } from '../../lib/kinds';
import { RelativeTime } from '../../ui/relative-time';

/**
 * The numbers a rep checks: when it last worked, how much went through, what
 * waits and what failed. During a run the store reloads the view on a steady
 * beat, so these move with the bar.
 */
export function ConnectionStats({ c }: { c: ConnectionView }) {
  const verb = isDelivery(c.kind) ? 'Delivered' : 'Synced';
  return (
    <dl className="stats">
      <div>
        <dt>Last successful {isDelivery(c.kind) ? 'delivery' : 'sync'}</dt>
        <dd data-testid="last-sync">{c.lastSuccessAt === null ? 'Not yet' : <RelativeTime ms={c.lastSuccessAt} />}</dd>
      </div>
      <div>
        <dt>{verb} today</dt>
        <dd className="num" data-testid="synced-today">{formatCount(c.syncedToday)}</dd>
      </div>
      <div>
        <dt>{verb} in total</dt>
        <dd className="num" data-testid="synced-total">{formatCount(c.syncedTotal)}</dd>
      </div>
      <div>
        <dt>Waiting to send</dt>
        <dd className="num" data-testid="pending">{formatCount(c.pending)}</dd>
      </div>
      <div>
        <dt>Problems today</dt>
        <dd className={`num ${c.errorsToday > 0 ? 'stat-bad' : ''}`} data-testid="errors-today">{formatCount(c.errorsToday)}</dd>
      </div>
    </dl>
  );
}
