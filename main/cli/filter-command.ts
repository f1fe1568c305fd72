import type { Command } from 'commander';
import { contactFilterSchema, filterSentences, type ContactFilter, type FieldRule, type FilterView } from '../../preload/schemas/filter';
import { resolveConnections } from './connection-arg';
import { UsageError, type CliContext } from './context';

/** `ferry filter show|set|clear <crm>`: which contacts a connection sends. */

/** `company=Globex` (is), `title~Head` (contains), `website?` (not empty), `notes!` (empty). */
function parseWhere(text: string): FieldRule {
  const m = /^([A-Za-z]+(?:\.[^=~?!]+)?)(?:(=|~)(.+)|(\?)|(!))$/.exec(text.trim());
  if (!m) throw new UsageError(`'${text}' is not a field rule. Use field=value (is), field~value (contains), field? (not empty) or field! (empty).`);
  const [, field = '', sign, value, notEmpty] = m;
  const op: FieldRule['op'] = sign === '=' ? 'equals' : sign === '~' ? 'contains' : notEmpty ? 'notEmpty' : 'empty';
  return value === undefined ? { field, op } : { field, op, value };
}

const list = (text: string | undefined): string[] | undefined => (text === undefined ? undefined : text.split(',').map((t) => t.trim()).filter(Boolean));

interface SetOptions { tag?: string; allTags?: string; excludeTag?: string; where?: string[]; createdAfter?: string; changedAfter?: string }

function filterFrom(o: SetOptions): ContactFilter {
  const raw = {
    ...(list(o.tag) ? { tags: list(o.tag) } : {}),
    ...(list(o.allTags) ? { allTags: list(o.allTags) } : {}),
    ...(list(o.excludeTag) ? { excludeTags: list(o.excludeTag) } : {}),
    ...(o.where?.length ? { fields: o.where.map(parseWhere) } : {}),
    ...(o.createdAfter ? { createdAfter: o.createdAfter } : {}),
    ...(o.changedAfter ? { changedAfter: o.changedAfter } : {}),
  };
  const parsed = contactFilterSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`That filter is not valid: ${parsed.error.issues[0]?.message ?? 'check the options'}.`);
  return parsed.data;
}

function describe(ctx: CliContext, name: string, view: FilterView): void {
  const lines = filterSentences(view.filter);
  ctx.out.info(lines.length === 0 ? `${name} gets every contact.` : `${name} gets contacts ${lines.join(', and ')}.`);
  if (view.locked) ctx.out.info(`    What Ferry sends to ${name} is set by your admin.`);
  ctx.out.info(`    ${view.matching} of ${view.total} contacts match now.`);
  ctx.out.info(`    ${view.pending} contact${view.pending === 1 ? '' : 's'} wait${view.pending === 1 ? 's' : ''} to be sent.`);
}

export function registerFilterCommands(program: Command, context: () => CliContext): void {
  const filter = program.command('filter').description('which contacts a connection sends: by tags, any field, created or changed after a day');
  const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

  const each = async (crm: string, change: (id: number) => FilterView): Promise<void> => {
    const ctx = context();
    const rt = await ctx.runtime();
    const views: FilterView[] = [];
    for (const c of await resolveConnections(rt, crm)) {
      const view = change(c.id);
      views.push(view);
      describe(ctx, c.label, view);
    }
    ctx.out.result(views);
  };

  filter.command('show <crm>').description("the connection's filter and how many contacts wait for it")
    .action(async (crm: string) => {
      const rt = await context().runtime();
      await each(crm, (id) => rt.services.connections.getFilter({ connectionId: id }));
    });

  filter.command('set <crm>').description('replace the filter (contacts that stop matching are no longer sent, never deleted in the CRM)')
    .option('--tag <tags>', 'only contacts with one of these tags (comma-separated)')
    .option('--all-tags <tags>', 'only contacts with every one of these tags (comma-separated)')
    .option('--exclude-tag <tags>', 'never contacts with one of these tags')
    .option('--where <rule>', 'field=value, field~value (contains), field? (not empty), field! (empty); fields: firstName, lastName, company, title, website, email, phone, source, city, country, event, notes, custom.<Name>; repeatable', collect)
    .option('--created-after <day>', 'only contacts added on or after this day (2026-01-31)')
    .option('--changed-after <day>', 'only contacts changed on or after this day')
    .action(async (crm: string, o: SetOptions) => {
      const next = filterFrom(o);
      const rt = await context().runtime();
      await each(crm, (id) => rt.services.connections.setFilter({ connectionId: id, filter: next }));
    });

  filter.command('clear <crm>').description('send every contact again (the next sync sends what it had held back)')
    .action(async (crm: string) => {
      const rt = await context().runtime();
      await each(crm, (id) => rt.services.connections.setFilter({ connectionId: id, filter: {} }));
    });
}
