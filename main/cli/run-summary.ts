import type { RunSummaryView } from '../../preload/schemas/sync-log';
import type { CliContext } from './context';

/**
 * One line per run. For delivery-only destinations (Zapier, webhooks) a 2xx
 * proves receipt, not that anything ran there, so the line says "delivered"
 * and never "created".
 */
export function printSummary(ctx: CliContext, label: string, s: RunSummaryView, deliversOnly: boolean): void {
  if (s.state === 'nothing_to_send') {
    ctx.out.info(`${label}: nothing was waiting to be sent — no API call made.`);
    return;
  }
  const seconds = ((s.finishedAt - s.startedAt) / 1000).toFixed(1);
  const sent = deliversOnly ? `${s.created + s.updated} delivered` : `${s.created} created, ${s.updated} updated`;
  ctx.out.info(
    `${label}: ${sent}, ${s.unchanged} unchanged, ${s.quarantined} rejected, ${s.failed} not sent — ${s.apiCalls} API call${s.apiCalls === 1 ? '' : 's'} in ${seconds} s.`,
  );
  if (s.error) ctx.out.warn(`${label}: ${s.error}`);
}
