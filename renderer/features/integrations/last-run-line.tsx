import type { ConnectionView } from '../../../preload/schemas/connection';
import type { RunSummaryView } from '../../../preload/schemas/sync-log';
import { changesWord } from '../../../preload/status/connection-sentences';
import { formatDuration, plural } from '../../lib/format';
import { KIND_NAMES, isDelivery } from '../../lib/kinds';
import { RelativeTime } from '../../ui/relative-time';
import { notSentParts, sentRecordParts } from '../sync-log/run-words';

/** What the last run did, in the connection's own words ("delivered" for Zapier and webhooks). */
export function lastRunText(c: Pick<ConnectionView, 'kind'>, r: RunSummaryView): string {
  const crm = KIND_NAMES[c.kind];
  if (r.state === 'nothing_to_send') return `Nothing was waiting: ${crm} already has every change. No API call was made.`;
  // a delivery always says how many it delivered, even none
  const parts = isDelivery(c.kind) ? [`${plural(r.created + r.updated, 'change')} delivered`] : sentRecordParts(c.kind, r);
  const sent = parts.length > 0 ? parts.join(', ') : 'no record sent';
  const notSent = notSentParts(r).map((p) => `, ${p}`).join('');
  const slowed = r.rateLimited > 0 ? ` · ${crm} asked Ferry to slow down ${r.rateLimited}×; Ferry paced itself` : '';
  const head = r.state === 'interrupted' && r.error ? `${r.error} ` : '';
  return `${head}Last run: ${sent}${notSent} · ${plural(r.apiCalls, 'API call')} in ${formatDuration(r.finishedAt - r.startedAt)}${slowed}`;
}

/** Scheduled mode: when the next sync may start (it starts only if something is waiting then). */
export function NextSync({ c }: { c: ConnectionView }) {
  if (c.nextSyncAt === null || c.status === 'paused' || c.status === 'needs_reauth') return null;
  return <span data-testid="next-sync"> Next scheduled sync <RelativeTime ms={c.nextSyncAt} />{c.pending === 0 ? ' (only if something changed)' : ''}.</span>;
}

/** The idle activity line: what waits, and (scheduled) when the next sync may start. */
export function IdleLine({ c }: { c: ConnectionView }) {
  const delivered = isDelivery(c.kind) ? 'delivered' : 'synced';
  const next = <NextSync c={c} />;
  if (c.lastSuccessAt === null) {
    return (
      <p className="muted">
        Not {delivered} yet{c.pending > 0 ? `: ${changesWord(c.pending)} waiting` : ''}. Sync now sends them; Preview next sync shows exactly what would go.{next}
      </p>
    );
  }
  return <p className="muted">{c.pending > 0 ? `${changesWord(c.pending)} waiting to be sent.` : 'Nothing waiting to send.'}{next}</p>;
}
