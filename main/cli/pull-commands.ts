import type { Command } from 'commander';
import { FIELD_RULES, SYNC_DIRECTIONS, type ConflictView, type PullSummaryView, type SyncDirection, type TwoWayRule } from '../../preload/schemas/pull';
import { resolveConnections } from './connection-arg';
import { UsageError, type CliContext } from './context';

/** `ferry pull`, `ferry direction`, `ferry rules`, `ferry conflicts`: pull and two-way (docs/pull.md). */

export function parseDirection(text: string): SyncDirection {
  if (!(SYNC_DIRECTIONS as readonly string[]).includes(text)) throw new UsageError(`The direction must be one of ${SYNC_DIRECTIONS.join(', ')}.`);
  return text as SyncDirection;
}

/** What to run after connecting, by the connection's direction. */
export function nextStep(direction: SyncDirection | undefined): string {
  return direction === 'pull' ? "Run 'ferry pull' to read its contacts." : direction === 'two-way' ? "Run 'ferry pull' and 'ferry sync'." : "Run 'ferry sync' to push your contacts.";
}

function parseRule(text: string): TwoWayRule | null {
  if (text === 'default') return null;
  if (!(FIELD_RULES as readonly string[]).includes(text)) throw new UsageError(`The rule must be one of ${FIELD_RULES.join(', ')} (or 'default' to drop a field's own rule).`);
  return text as TwoWayRule;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** One line like sync's: what the pull did, in a rep's words. */
export function pullLine(label: string, s: PullSummaryView): string {
  if (s.state === 'not_pulling') return `${label}: ${s.error ?? 'not pulling'}`;
  const secs = ((s.finishedAt - s.startedAt) / 1000).toFixed(1);
  const parts = [`${plural(s.read, 'record')} read`, `${s.created} new`, `${s.updated} updated`, `${s.linked} linked`, `${s.unchanged} unchanged`];
  if (s.conflicts > 0) parts.push(plural(s.conflicts, 'conflict'));
  if (s.potentialDuplicates > 0) parts.push(`${plural(s.potentialDuplicates, 'potential duplicate')} (see 'ferry potential-duplicates')`);
  const head = s.state === 'succeeded' ? 'pulled' : s.state === 'interrupted' ? 'pull stopped' : 'pull failed';
  return `${label}: ${head}: ${parts.join(', ')} (${plural(s.apiCalls, 'API call')}, ${secs} s)${s.error ? `. ${s.error}` : ''}`;
}

/** `crm`: the connection whose value it is, by its label (several CRMs may each hold one). */
function conflictLine(c: ConflictView, crm: string): string {
  return `#${c.id}  ${c.contactName}  ${c.field}: Ferry “${c.ferryValue}” · ${crm} “${c.crmValue}”${c.state === 'resolved' ? `  (resolved: ${c.resolution ?? ''})` : ''}`;
}

export function registerPullCommands(program: Command, context: () => CliContext): void {
  program.command('pull').description('read every new or changed CRM record into Ferry (connections whose direction is pull or two-way)')
    .option('--connection <crm|id>', 'only this connection')
    .action(async (o: { connection?: string }) => {
      const ctx = context();
      const rt = await ctx.runtime();
      const chosen = (await resolveConnections(rt, o.connection)).filter((c) => o.connection !== undefined || rt.services.pull.counts(c.id).direction !== 'push');
      if (chosen.length === 0) ctx.out.info("No connection pulls. Set one with 'ferry direction <crm> pull' (or two-way).");
      const summaries: PullSummaryView[] = [];
      let failed = false;
      for (const c of chosen) {
        const tty = !ctx.globals.json && Boolean(process.stderr.isTTY);
        const summary = await rt.services.pull.pull(c.id, (p) => { if (tty) process.stderr.write(`\r${c.label}: ${plural(p.read, 'record')} read…`); });
        if (tty) process.stderr.write('\r\x1b[K');
        summaries.push(summary);
        ctx.out.info(pullLine(c.label, summary));
        if (summary.state === 'failed' || summary.state === 'interrupted') failed = true;
      }
      ctx.out.result(summaries);
      if (failed) throw new Error("Not every record was read; the next pull resumes where this one stopped.");
    });

  program.command('direction <crm> <direction>').description('push (Ferry → CRM), pull (CRM → Ferry) or two-way')
    .action(async (crm: string, text: string) => {
      const ctx = context();
      const rt = await ctx.runtime();
      const direction = parseDirection(text);
      const views = [];
      for (const c of await resolveConnections(rt, crm)) {
        views.push(await rt.services.pull.setDirection(c.id, direction));
        ctx.out.info(`${c.label} now ${direction === 'push' ? 'only receives from Ferry' : direction === 'pull' ? 'only sends to Ferry' : 'syncs both ways'}.`);
      }
      ctx.out.result(views);
    });

  program.command('rules <crm> [field] [rule]').description(`two-way rules: show them, or set one field's (or '*' for every field): ${FIELD_RULES.join(', ')}`)
    .action(async (crm: string, field: string | undefined, text: string | undefined) => {
      const ctx = context();
      const rt = await ctx.runtime();
      if (field !== undefined && text === undefined) throw new UsageError('Name a rule too, e.g. ferry rules hubspot title crm-wins.');
      for (const c of await resolveConnections(rt, crm)) {
        const view = field === undefined ? await rt.services.pull.rules(c.id) : await rt.services.pull.setFieldRule(c.id, field, parseRule(text ?? ''));
        ctx.out.info(`${c.label} (${view.direction}): every field ${view.defaultRule}${Object.entries(view.fields).map(([f, r]) => `, ${f} ${r}`).join('')}.`);
        ctx.out.info(`    read back: ${view.readable.join(', ')}`);
        for (const n of view.notReadable) ctx.out.info(`    not read: ${n.field} (${n.why})`);
        ctx.out.result(view);
      }
    });

  const conflicts = program.command('conflicts').description('fields both sides changed that the rules could not settle')
    .option('--connection <crm|id>', 'only this connection')
    .option('--all', 'resolved ones too', false)
    .action(async (o: { connection?: string; all: boolean }) => {
      const ctx = context();
      const rt = await ctx.runtime();
      const ids = o.connection === undefined ? [undefined] : (await resolveConnections(rt, o.connection)).map((c) => c.id);
      const labels = new Map((await rt.services.connections.list(undefined)).map((c) => [c.id, c.label]));
      const items = ids.flatMap((connectionId) => rt.services.pull.conflicts({ connectionId, state: o.all ? 'all' : 'open', limit: 500, offset: 0 }).items);
      if (items.length === 0) ctx.out.info('No conflicts.');
      for (const c of items) ctx.out.info(conflictLine(c, labels.get(c.connectionId) ?? 'CRM'));
      ctx.out.result(items);
    });

  conflicts.command('resolve <id>').description("settle a conflict: --take ferry, --take crm, or --value 'typed value'")
    .option('--take <side>', 'ferry or crm')
    .option('--value <value>', 'a value of your own')
    .action(async (id: string, o: { take?: string; value?: string }) => {
      const ctx = context();
      const rt = await ctx.runtime();
      const conflictId = Number(id);
      if (!Number.isSafeInteger(conflictId) || conflictId < 1) throw new UsageError(`'${id}' is not a conflict number.`);
      if ((o.take === undefined) === (o.value === undefined)) throw new UsageError('Give exactly one of --take ferry|crm or --value.');
      if (o.take !== undefined && o.take !== 'ferry' && o.take !== 'crm') throw new UsageError('--take is ferry or crm.');
      const view = await rt.services.pull.resolve(conflictId, o.value !== undefined ? { value: o.value } : { take: o.take === 'crm' ? 'crm' : 'ferry' });
      ctx.out.info(`Resolved #${view.id}: ${view.contactName} keeps ${o.value !== undefined ? `“${o.value}”` : o.take === 'crm' ? "the CRM's value" : "Ferry's value"} for ${view.field}.`);
      ctx.out.result(view);
    });
}
