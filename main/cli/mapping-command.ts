import type { Command } from 'commander';
import type { CommandRegistrar } from '../cli';
import { transformSchema, WRITE_POLICIES, type FieldRule, type MappingView, type Transform, type WritePolicy } from '../../preload/schemas/mapping';
import type { Runtime } from '../runtime/index';
import { resolveConnections } from './connection-arg';
import { UsageError, type CliContext } from './context';

/**
 * `ferry mapping show|set|unset|reset|rule|route <crm> …`: the Mapping screen on
 * the command line, over the same service (the same checks against the CRM's
 * fields, the same admin-policy lock, the same re-planning of affected contacts).
 */
async function oneConnection(rt: Runtime, crm: string): Promise<number> {
  const [connection, ...more] = await resolveConnections(rt, crm);
  if (!connection) throw new Error(`There is no ${crm} connection. Connect one with 'ferry connect ${crm}'.`);
  if (more.length > 0) throw new UsageError(`'${crm}' names several connections; use a connection id.`);
  if (connection.sandbox) await rt.attachSandboxes();
  return connection.id;
}

function printView(ctx: CliContext, view: MappingView): void {
  ctx.out.result(view);
  ctx.out.info(`${view.crmName} field mapping${view.locked ? ' (set by your admin)' : ''}:`);
  for (const row of view.rows) {
    const where = row.target === null ? '(not sent)' : row.target;
    const extras = [
      row.targetType ? row.targetType : '',
      row.transforms.length > 0 ? `transforms: ${row.transforms.map((t) => t.kind).join(', ')}` : '',
      row.policy !== 'overwrite' ? `policy: ${row.policy.replace(/_/g, ' ')}` : '',
      row.custom ? '' : 'default',
    ].filter(Boolean).join('; ');
    ctx.out.info(`  ${row.ferryField.padEnd(22)} → ${where}${extras ? `  (${extras})` : ''}${row.problem ? `\n      ⚠ ${row.problem}` : ''}`);
  }
  for (const rule of view.rules) ctx.out.info(`  rule: when ${'tag' in rule.when ? `tag "${rule.when.tag}"` : `${rule.when.field} = "${rule.when.equals}"`} set ${Object.entries(rule.set).map(([k, v]) => `${k} = ${v}`).join(', ')}`);
  if (view.routing) ctx.out.info(`  routing: ${view.routing.rules.map((r) => `${'tag' in r.when ? `tag "${r.when.tag}"` : `${r.when.field} = "${r.when.equals}"`} → ${r.object}`).join('; ')}; otherwise ${view.routing.otherwise}`);
  if (view.crmFields) ctx.out.info(`${view.crmName} has ${view.crmFields.filter((f) => f.writable).length} fields Ferry can write; --json lists them.`);
}

function parseTransforms(values: string[] | undefined): Transform[] | undefined {
  if (!values) return undefined;
  return values.map((text) => {
    let raw: unknown;
    try { raw = JSON.parse(text); } catch { throw new UsageError(`--transform takes JSON, e.g. '{"kind":"valueMap","map":{"Customer":"customer"}}'; got ${text}`); }
    const parsed = transformSchema.safeParse(raw);
    if (!parsed.success) throw new UsageError(`--transform ${text}: ${parsed.error.issues[0]?.message ?? 'not a transform'}`);
    return parsed.data;
  });
}

const pairs = (values: string[]): Record<string, string> => Object.fromEntries(values.map((v) => {
  const at = v.indexOf('=');
  if (at < 1) throw new UsageError(`--set takes field=value, got ${v}`);
  return [v.slice(0, at), v.slice(at + 1)];
}));

export const registerMappingCommands: CommandRegistrar = (program: Command, context) => {
  const mapping = program.command('mapping').description('which CRM field each Ferry field goes to, how it is transformed, when it may overwrite');

  mapping.command('show <crm>').description('the mapping: each Ferry field → CRM field, with type, transforms and policy')
    .action(async (crm: string) => {
      const ctx = context();
      const rt = await ctx.runtime();
      printView(ctx, await rt.services.mapping.view(await oneConnection(rt, crm)));
    });

  mapping.command('set <crm> <ferryField> [crmField]').description('send a Ferry field (e.g. custom.Department) to a CRM field (e.g. industry)')
    .option('--transform <json...>', 'transforms in order, e.g. \'{"kind":"phone","format":"e164"}\'')
    .option('--policy <policy>', `write policy: ${WRITE_POLICIES.join(', ')}`)
    .action(async (crm: string, ferryField: string, crmField: string | undefined, o: { transform?: string[]; policy?: string }) => {
      const ctx = context();
      if (o.policy !== undefined && !(WRITE_POLICIES as readonly string[]).includes(o.policy)) throw new UsageError(`--policy is one of ${WRITE_POLICIES.join(', ')}.`);
      const transforms = parseTransforms(o.transform);
      const rule: FieldRule = { ...(crmField ? { target: crmField } : {}), ...(transforms ? { transforms } : {}), ...(o.policy ? { policy: o.policy as WritePolicy } : {}) };
      const rt = await ctx.runtime();
      const id = await oneConnection(rt, crm);
      // a policy or transform alone keeps the rest of what the field had
      printView(ctx, await rt.services.mapping.setField(id, ferryField, rule, { merge: true }));
    });

  mapping.command('unset <crm> <ferryField>').description('stop sending a Ferry field (the CRM keeps what it has)')
    .action(async (crm: string, ferryField: string) => {
      const ctx = context();
      const rt = await ctx.runtime();
      printView(ctx, await rt.services.mapping.setField(await oneConnection(rt, crm), ferryField, { target: null }));
    });

  mapping.command('reset <crm> [ferryField]').description('one field, or the whole mapping, back to Ferry\'s defaults')
    .action(async (crm: string, ferryField: string | undefined) => {
      const ctx = context();
      const rt = await ctx.runtime();
      printView(ctx, await rt.services.mapping.reset(await oneConnection(rt, crm), ferryField));
    });

  mapping.command('rule <crm>').description('set CRM fields by rule, e.g. --tag customer --set lifecyclestage=customer (--clear removes all rules)')
    .option('--tag <tag>', 'contacts with this tag')
    .option('--field <ferryField>', 'contacts whose field …').option('--equals <value>', '… equals this')
    .option('--set <field=value...>', 'the CRM fields to set')
    .option('--clear', 'remove every rule', false)
    .action(async (crm: string, o: { tag?: string; field?: string; equals?: string; set?: string[]; clear: boolean }) => {
      const ctx = context();
      const rt = await ctx.runtime();
      const id = await oneConnection(rt, crm);
      if (o.clear) return printView(ctx, await rt.services.mapping.setRules(id, [], undefined));
      if (!o.set || (!o.tag && !(o.field && o.equals !== undefined))) throw new UsageError('A rule needs --tag TAG (or --field F --equals V) and --set field=value.');
      const when = o.tag ? { tag: o.tag } : { field: o.field as string, equals: o.equals as string };
      const view = await rt.services.mapping.view(id);
      printView(ctx, await rt.services.mapping.setRules(id, [...view.rules, { when, set: pairs(o.set) }], undefined));
    });

  mapping.command('route <crm>').description('Salesforce: new contacts with --tag go to --to (Lead or Contact), the rest to --otherwise')
    .option('--tag <tag>', 'contacts with this tag').option('--to <object>', 'Lead or Contact')
    .option('--otherwise <object>', 'where the rest go', 'Lead')
    .option('--clear', 'no routing: every contact goes to the connection\'s object', false)
    .action(async (crm: string, o: { tag?: string; to?: string; otherwise: string; clear: boolean }) => {
      const ctx = context();
      const rt = await ctx.runtime();
      const id = await oneConnection(rt, crm);
      if (o.clear) return printView(ctx, await rt.services.mapping.setRules(id, undefined, null));
      const objects = ['Lead', 'Contact'];
      if (!o.tag || !o.to || !objects.includes(o.to) || !objects.includes(o.otherwise)) throw new UsageError('route needs --tag TAG --to Lead|Contact [--otherwise Lead|Contact].');
      const current = (await rt.services.mapping.view(id)).routing;
      const rules = [...(current?.rules ?? []), { when: { tag: o.tag }, object: o.to as 'Lead' | 'Contact' }];
      printView(ctx, await rt.services.mapping.setRules(id, undefined, { rules, otherwise: o.otherwise as 'Lead' | 'Contact' }));
    });
};
