import type { ConnectionKind } from '../../preload/schemas/connection';
import type { RunSummaryView } from '../../preload/schemas/sync-log';
import { heldClause, sentCounts } from '../../preload/status/run-sentences';
import type { CliContext } from './context';

/**
 * One line per run, its counts worded by preload/status/run-sentences.ts (as
 * the app words them). For delivery-only destinations (Zapier, webhooks) a 2xx
 * proves receipt, not that anything ran there, so the line says "delivered"
 * and never "created". Deletes sent to the CRM are said in its word
 * ("1 archived") only when there were some; so are contacts held for a shared
 * e-mail ("1 set aside (same e-mail as another contact)"), never as "rejected".
 */
export function printSummary(ctx: CliContext, label: string, s: RunSummaryView, kind: ConnectionKind | null): void {
  if (s.state === 'nothing_to_send') {
    ctx.out.info(`${label}: nothing was waiting to be sent — no API call made.`);
    return;
  }
  const seconds = ((s.finishedAt - s.startedAt) / 1000).toFixed(1);
  const sent = sentCounts(kind, s).filter((p) => p.always || p.count > 0).map((p) => `${p.count} ${p.word}`).join(', ');
  ctx.out.info(
    `${label}: ${sent}, ${s.unchanged} unchanged, ${heldClause(s)}${s.quarantined} rejected, ${s.failed} not sent — ${s.apiCalls} API call${s.apiCalls === 1 ? '' : 's'} in ${seconds} s.`,
  );
  if (s.error) ctx.out.warn(`${label}: ${s.error}`);
}
