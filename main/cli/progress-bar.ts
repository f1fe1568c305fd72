import type { SyncProgress } from '../sync/service-api';

/** A one-line progress bar on a terminal; nothing when stderr is not a terminal or output is JSON. */
export function progressPrinter(label: string, enabled: boolean): { update(p: SyncProgress): void; done(): void } {
  let drawn = false;
  return {
    update(p) {
      if (!enabled || p.total === 0) return;
      const width = 30;
      const filled = Math.round((p.done / p.total) * width);
      const eta = p.etaMs === null ? '' : ` ~${Math.ceil(p.etaMs / 1000)} s left`;
      process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total} ${p.rate.toFixed(0)}/s${eta}   `);
      drawn = true;
    },
    done() {
      if (drawn) process.stderr.write('\n');
      drawn = false;
    },
  };
}
