import type { Command } from 'commander';
import type { CommandRegistrar } from '../cli';
import { CRM_NAMES } from '../crm/registry';
import { checkAllocation, checkSetMode } from '../policy/index';
import { allocationView } from '../services/allocation-view';
import { SYNC_MODES, type SyncMode } from '../store/connections';
import { getSettings, updateSettings } from '../store/settings';
import { resolveConnections } from './connection-arg';
import { UsageError } from './context';

/**
 * `ferry mode <crm> <mode> [--every N]` and `ferry allocation [--stop-at N]`:
 * the settings an admin's policy may lock, changed from the command line; a
 * locked one is refused with the sentence the app shows beside its lock.
 */
export const registerSettingsCommands: CommandRegistrar = (program: Command, context) => {
  program.command('mode <crm> <mode>').description('set a connection\'s sync mode: manual, automatic or scheduled (with --every)')
    .option('--every <minutes>', 'scheduled: minutes between syncs')
    .action((crm: string, mode: string, o: { every?: string }) => {
      const ctx = context();
      if (!(SYNC_MODES as readonly string[]).includes(mode)) throw new UsageError(`The mode must be one of ${SYNC_MODES.join(', ')}.`);
      const every = o.every === undefined ? null : Number(o.every);
      if (mode === 'scheduled' && !(every !== null && Number.isSafeInteger(every) && every >= 1)) throw new UsageError('Scheduled mode needs --every N (minutes, at least 1).');
      for (const c of resolveConnections(ctx.db, ctx.card().id, crm)) {
        checkSetMode(ctx.policy.current(), c.kind, CRM_NAMES[c.kind], mode as SyncMode, mode === 'scheduled' ? every : null);
        const updated = ctx.engine.setMode(c.id, mode as SyncMode, mode === 'scheduled' ? every : null);
        ctx.out.result(updated);
        ctx.out.info(`${updated.label}: ${updated.mode}${updated.intervalMinutes ? ` every ${updated.intervalMinutes} min` : ''}.`);
      }
    });

  program.command('allocation').description('the daily API allocation each CRM reported, and the share Ferry leaves free')
    .option('--stop-at <percent>', 'stop automatic and scheduled syncs once the org has used this share (default 90)')
    .action((o: { stopAt?: string }) => {
      const ctx = context();
      if (o.stopAt !== undefined) {
        const stop = Number(o.stopAt);
        if (!Number.isSafeInteger(stop) || stop < 1 || stop > 100) throw new UsageError('--stop-at takes a whole percentage from 1 to 100.');
        if (stop !== getSettings(ctx.db).allocationStopPercent) checkAllocation(ctx.policy.current());
        updateSettings(ctx.db, { allocationStopPercent: stop });
      }
      const stop = getSettings(ctx.db).allocationStopPercent;
      const rows = resolveConnections(ctx.db, ctx.card().id, undefined).map((c) => ({ connectionId: c.id, label: c.label, allocation: allocationView(CRM_NAMES[c.kind], c.config.allocation, stop) }));
      ctx.out.result({ stopAtPercent: stop, connections: rows });
      ctx.out.info(`Automatic and scheduled syncs stop when the org has used ${stop} % of its daily API allocation; Sync now still sends.`);
      for (const r of rows) ctx.out.info(`${r.label}: ${r.allocation ? r.allocation.line : 'no daily allocation reported yet.'}`);
    });
};
