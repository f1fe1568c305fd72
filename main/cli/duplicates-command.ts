import type { Command } from 'commander';
import { displayName, type Contact } from '../../preload/schemas/contact';
import { DELETE_MODES, FROM_CRM_DELETE_MODES, MERGE_CHOICES, MERGE_FIELDS, type MergeChoice, type MergeField, type MergeFieldPreview } from '../../preload/schemas/duplicates';
import { DESTINATIONS, removedVerb } from '../../destinations/index';
import type { CliContext } from './context';
import { UsageError } from './context';
import { parsedInput } from './parsed-input';
import { resolveConnections } from './connection-arg';

/** `ferry duplicates`, `ferry merge <keep-id> <other-id>`, `ferry forget <id>`, `ferry deletes <crm> [off|archive|tag] [--from-crm off|delete|tag]`. */

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function parseId(text: string): number {
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id <= 0) throw new UsageError(`'${text}' is not a contact id (a positive number; see 'ferry contacts list').`);
  return id;
}

/** `--take title=other`, `--take tags=both`, or just `--take title` (= other). */
function parseTakes(takes: string[]): Partial<Record<MergeField, MergeChoice>> {
  const choices: Partial<Record<MergeField, MergeChoice>> = {};
  for (const take of takes) {
    const [field = '', choice = 'other'] = take.split('=').map((s) => s.trim());
    if (!(MERGE_FIELDS as readonly string[]).includes(field)) throw new UsageError(`--take: '${field}' is not a field. Fields: ${MERGE_FIELDS.join(', ')}.`);
    if (!(MERGE_CHOICES as readonly string[]).includes(choice)) throw new UsageError(`--take ${field}: '${choice}' is not keep, other or both.`);
    choices[field as MergeField] = choice as MergeChoice;
  }
  return choices;
}

const reasonText = { email: 'same e-mail', phone: 'same phone', name: 'similar name at' } as const;

function previewLines(fields: MergeFieldPreview[]): string[] {
  return fields
    .filter((f) => f.keep !== '' || f.other !== '')
    .map((f) => `  ${f.field.padEnd(13)} ${f.result || '(empty)'}${f.keep !== f.other ? `   [${f.choice}; keep: ${f.keep || '(empty)'} · other: ${f.other || '(empty)'}]` : ''}`);
}

const contactLine = (c: Contact): string => `  #${c.id}  ${displayName(c)}  ${c.emails[0]?.value ?? ''}  ${c.company}`;

/** "HubSpot and Mailchimp archive; Salesforce, Pipedrive, … delete": each destination that can remove records, from its descriptor. */
function removeVerbs(): string {
  const names = (verb: 'archived' | 'deleted'): string[] => DESTINATIONS.filter((d) => removedVerb(d.id) === verb).map((d) => d.name);
  const list = (n: string[]): string => (n.length < 2 ? n.join('') : `${n.slice(0, -1).join(', ')} and ${n.at(-1)!}`);
  return `${list(names('archived'))} archive; ${list(names('deleted'))} delete`;
}

export function registerDuplicateCommands(program: Command, context: () => CliContext): void {
  program.command('duplicates')
    .description('contacts that look like one person: same e-mail, same phone, or a similar name at the same company')
    .action(async () => {
      const ctx = context();
      const { services } = await ctx.runtime();
      const groups = services.duplicates.list(parsedInput('listDuplicates', {}));
      ctx.out.result(groups.map((g) => ({ contactIds: g.contacts.map((c) => c.id), reasons: g.reasons })));
      if (groups.length === 0) ctx.out.info('No duplicates found.');
      for (const g of groups) {
        ctx.out.info(g.reasons.map((r) => `${reasonText[r.rule]} ${r.value} (#${r.contactIds[0]} and #${r.contactIds[1]})`).join('; '));
        for (const c of g.contacts) ctx.out.info(contactLine(c));
      }
      if (groups.length > 0) ctx.out.info('Merge with: ferry merge <keep-id> <other-id> [--take field=other|both] [--preview]');
    });

  program.command('merge <keep-id> <other-id>')
    .description('merge the second contact into the first, field by field; every connected CRM is told')
    .option('--take <field=choice>', `take a field from the other contact (field=other), or both lists (field=both); fields: ${MERGE_FIELDS.join(', ')}`, collect, [])
    .option('--preview', 'show the merged contact and change nothing', false)
    .action(async (keep: string, other: string, o: { take: string[]; preview: boolean }) => {
      const ctx = context();
      const input = parsedInput('mergeContacts', { keepId: parseId(keep), otherId: parseId(other), choices: parseTakes(o.take) });
      const rt = await ctx.runtime();
      if (o.preview) {
        const preview = rt.services.duplicates.preview(input);
        ctx.out.result(preview);
        ctx.out.info(`Merging #${preview.otherId} into #${preview.keepId} would give:`);
        for (const l of previewLines(preview.fields)) ctx.out.info(l);
        return;
      }
      await rt.attachSandboxes();
      const result = await rt.services.duplicates.merge(input);
      ctx.out.result(result);
      ctx.out.info(`Merged #${result.otherId} into #${result.keepId}.`);
      for (const l of previewLines(result.fields)) ctx.out.info(l);
      for (const crm of result.crms) ctx.out.info(`${crm.crm}: ${crm.message}`);
    });

  program.command('forget <id>')
    .description('a data-protection request: erase this person in Ferry and in every connected CRM that allows it')
    .option('--preview', 'say what would happen in each CRM and change nothing', false)
    .action(async (id: string, o: { preview: boolean }) => {
      const ctx = context();
      const input = parsedInput('forgetContact', { id: parseId(id) });
      const rt = await ctx.runtime();
      if (o.preview) {
        const plan = await rt.services.duplicates.forgetPlan(input);
        ctx.out.result(plan);
        ctx.out.info(`Forgetting #${input.id} erases the contact and its history in Ferry for good${plan.crms.length > 0 ? ', and:' : '. No CRM holds a record of it.'}`);
        for (const c of plan.crms) ctx.out.info(`  ${c.crm}: ${c.action}`);
        return;
      }
      await rt.attachSandboxes();
      const record = await rt.services.duplicates.forget(input);
      ctx.out.result(record);
      ctx.out.info(`Forgotten in Ferry (reference ${record.reference}).`);
      for (const c of record.crms) ctx.out.info(`  ${c.crm}: ${c.message}`);
      if (record.crms.some((c) => c.outcome !== 'erased')) throw new Error('Some CRMs still hold this person: do what each line above says.');
    });

  program.command('deletes <crm> [mode]')
    .description(`deletes between Ferry and a CRM, off by default both ways. [mode]: contacts deleted in Ferry are off (kept there), archive (${removeVerbs()}) or tag (kept and marked "Deleted in Ferry": HubSpot property ferry_deleted, Salesforce field Ferry_Deleted__c which an admin adds); --from-crm: contacts the CRM deleted are off (kept in Ferry; Ferry does not look), delete (deleted in Ferry, restorable) or tag (kept, tagged), on pull`)
    .option('--from-crm <mode>', 'off | delete | tag: what a pull does with a contact whose record the CRM deleted')
    .action(async (crm: string, mode: string | undefined, opts: { fromCrm?: string }) => {
      const ctx = context();
      if (mode !== undefined && !(DELETE_MODES as readonly string[]).includes(mode)) throw new UsageError(`'${mode}' is not off, archive or tag.`);
      const fromCrm = opts.fromCrm;
      if (fromCrm !== undefined && !(FROM_CRM_DELETE_MODES as readonly string[]).includes(fromCrm)) throw new UsageError(`--from-crm '${fromCrm}' is not off, delete or tag.`);
      const rt = await ctx.runtime();
      const views = [];
      for (const c of await resolveConnections(rt, crm)) {
        const view = mode === undefined && fromCrm === undefined
          ? rt.services.duplicates.deletes(parsedInput('getDeletes', { connectionId: c.id }))
          : await rt.services.duplicates.setDeletes(parsedInput('setDeletes', {
            connectionId: c.id,
            ...(mode === undefined ? {} : { mode: mode as typeof DELETE_MODES[number] }),
            ...(fromCrm === undefined ? {} : { fromCrm: fromCrm as typeof FROM_CRM_DELETE_MODES[number] }),
          }));
        views.push(view);
        ctx.out.info(`${c.label}: ${view.sentence}`);
        if (view.fromCrmSupported) ctx.out.info(`${c.label}: ${view.fromCrmSentence}`);
      }
      ctx.out.result(views);
    });
}
