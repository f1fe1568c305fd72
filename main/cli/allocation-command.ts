import type { Command } from 'commander';
import type { CommandRegistrar } from '../cli';
import { UsageError } from './context';
import { parsedInput } from './parsed-input';

/**
 * `ferry allocation [--stop-at N]`: the daily API allocation each CRM reported,
 * and the share of it Ferry leaves the org's other tools (the setting an
 * admin's policy may lock; the service refuses with the app's sentence).
 */
export const registerAllocationCommand: CommandRegistrar = (program: Command, context) => {
  program.command('allocation').description('the daily API allocation each CRM reported, and the share Ferry leaves free')
    .option('--stop-at <percent>', 'stop automatic and scheduled syncs once the org has used this share (default 90)')
    .action(async (o: { stopAt?: string }) => {
      const ctx = context();
      const rt = await ctx.runtime();
      if (o.stopAt !== undefined) {
        const stop = Number(o.stopAt);
        if (!Number.isSafeInteger(stop) || stop < 1 || stop > 100) throw new UsageError('--stop-at takes a whole percentage from 1 to 100.');
        rt.services.settings.update(parsedInput('updateSettings', { allocationStopPercent: stop }));
      }
      const stop = rt.services.settings.get().allocationStopPercent;
      const rows = (await rt.services.connections.list(undefined)).map((c) => ({ connectionId: c.id, label: c.label, allocation: c.allocation ?? null }));
      ctx.out.result({ stopAtPercent: stop, connections: rows });
      ctx.out.info(`Automatic and scheduled syncs stop when the org has used ${stop} % of its daily API allocation; Sync now still sends.`);
      for (const r of rows) ctx.out.info(`${r.label}: ${r.allocation ? r.allocation.line : 'no daily allocation reported yet.'}`);
    });
};
