import type { Command } from 'commander';
import { displayName, type Contact, type ContactPatch } from '../../preload/schemas/contact';
import { createContact, deleteContact, listContacts, requireContact, searchContacts, updateContact } from '../store/contacts';
import { exportContactsCsv, importContactsFile, previewContactsFile } from '../import/index';
import { listDetails, printGuessed, printPreview } from './import-output';
import type { CliContext } from './context';
import { UsageError } from './context';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function parseId(text: string): number {
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id <= 0) throw new UsageError(`'${text}' is not a contact id (a positive number; see 'ferry contacts list').`);
  return id;
}

interface FieldOptions {
  first?: string;
  last?: string;
  email?: string[];
  phone?: string[];
  company?: string;
  title?: string;
  website?: string;
  notes?: string;
  tag?: string[];
  custom?: string[];
  metAt?: string;
  metWhere?: string;
  event?: string;
}

function withFieldOptions(cmd: Command): Command {
  return cmd
    .option('--first <name>', 'first name')
    .option('--last <name>', 'last name')
    .option('--email <address>', 'e-mail (repeat for several)', collect)
    .option('--phone <number>', 'phone (repeat for several)', collect)
    .option('--company <name>', 'company')
    .option('--title <title>', 'job title')
    .option('--website <url>', 'website')
    .option('--notes <text>', 'notes')
    .option('--tag <tag>', 'tag (repeat for several)', collect)
    .option('--custom <name=value>', 'custom field (repeat for several)', collect)
    .option('--met-at <date>', 'when you met (YYYY-MM-DD)')
    .option('--met-where <place>', 'where you met')
    .option('--event <name>', 'the event where you met');
}

/** Only the fields the user named: an update never clears what it was not told about. */
function toPatch(o: FieldOptions, existing?: Contact): ContactPatch {
  const patch: ContactPatch = {};
  if (o.first !== undefined) patch.firstName = o.first;
  if (o.last !== undefined) patch.lastName = o.last;
  if (o.email) patch.emails = o.email.map((value) => ({ value }));
  if (o.phone) patch.phones = o.phone.map((raw) => ({ raw }));
  if (o.company !== undefined) patch.company = o.company;
  if (o.title !== undefined) patch.title = o.title;
  if (o.website !== undefined) patch.website = o.website;
  if (o.notes !== undefined) patch.notes = o.notes;
  if (o.tag) patch.tags = o.tag;
  if (o.custom) {
    const fields: Record<string, string> = { ...(existing?.customFields ?? {}) };
    for (const pair of o.custom) {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new UsageError(`--custom expects name=value, got '${pair}'.`);
      fields[pair.slice(0, eq).trim()] = pair.slice(eq + 1);
    }
    patch.customFields = fields;
  }
  if (o.metAt !== undefined || o.metWhere !== undefined || o.event !== undefined) {
    const m = existing?.meeting ?? { at: null, place: '', event: '', notes: '' };
    patch.meeting = { ...m, at: o.metAt ?? m.at, place: o.metWhere ?? m.place, event: o.event ?? m.event };
  }
  return patch;
}

function line(c: Contact): string {
  const email = c.emails[0]?.value ?? '';
  return `${String(c.id).padStart(6)}  ${displayName(c).padEnd(28)}  ${email.padEnd(36)}  ${c.company}`;
}

function printContacts(ctx: CliContext, contacts: Contact[]): void {
  ctx.out.result(contacts);
  if (contacts.length === 0) ctx.out.info('No contacts.');
  for (const c of contacts) ctx.out.info(line(c));
}

export function registerContactCommands(program: Command, context: () => CliContext): void {
  const contacts = program.command('contacts').description('add, edit, search, import and export contacts');

  contacts.command('list').description('list contacts')
    .option('--limit <n>', 'at most this many', '1000')
    .action((o: { limit: string }) => {
      const ctx = context();
      printContacts(ctx, listContacts(ctx.db, ctx.card().id, { limit: Number(o.limit) }));
    });

  contacts.command('search <query>').description('full-text search over names, e-mails, company, notes and tags')
    .option('--limit <n>', 'at most this many', '100')
    .action((query: string, o: { limit: string }) => {
      const ctx = context();
      printContacts(ctx, searchContacts(ctx.db, ctx.card().id, query, Number(o.limit)));
    });

  withFieldOptions(contacts.command('add').description('add a contact')).action((o: FieldOptions) => {
    const ctx = context();
    const patch = toPatch(o);
    if (!patch.firstName && !patch.lastName && !patch.emails?.length && !patch.phones?.length && !patch.company) {
      throw new UsageError('A contact needs at least a name, an e-mail, a phone or a company.');
    }
    const c = createContact(ctx.db, ctx.card().id, { ...patch, source: 'cli' }, { region: ctx.region() });
    ctx.out.result(c);
    ctx.out.info(`Added contact ${c.id}: ${displayName(c)}`);
  });

  withFieldOptions(contacts.command('update <id>').description('change the named fields of a contact')).action((id: string, o: FieldOptions) => {
    const ctx = context();
    const existing = requireContact(ctx.db, parseId(id));
    const patch = toPatch(o, existing);
    if (Object.keys(patch).length === 0) throw new UsageError('Name at least one field to change, e.g. --company "New Co".');
    const c = updateContact(ctx.db, existing.id, patch, { region: ctx.region() });
    ctx.out.result(c);
    ctx.out.info(`Updated contact ${c.id}: ${displayName(c)} (version ${c.version})`);
  });

  contacts.command('delete <id>').description('delete a contact (kept as deleted, so history stays meaningful)')
    .action((id: string) => {
      const ctx = context();
      const c = deleteContact(ctx.db, parseId(id));
      ctx.out.result(c);
      ctx.out.info(`Deleted contact ${c.id}: ${displayName(c)}`);
    });

  contacts.command('import <file>')
    .description('import a CSV (Outlook in any language, Google, Thunderbird, LinkedIn, HubSpot, Salesforce, a spreadsheet) or vCard file')
    .option('--preview', 'show how the file is read and what would be added, updated or rejected; write nothing', false)
    .option('--strict', 'all or nothing: if any row is invalid, import nothing (default: import the valid rows, report the rest)', false)
    .option('--skip-invalid', 'the default now (import the valid rows, report the rest); kept for older scripts')
    .action((file: string, o: { preview: boolean; strict: boolean }) => {
      const ctx = context();
      const opts = { strict: o.strict, region: ctx.region() };
      if (o.preview) {
        const preview = previewContactsFile(ctx.db, ctx.card().id, file, opts);
        ctx.out.result(preview);
        printPreview(ctx, file, preview);
        if (preview.unusable) throw new Error(preview.message);
        return;
      }
      const report = importContactsFile(ctx.db, ctx.card().id, file, opts);
      ctx.out.result(report);
      listDetails(ctx, report);
      if (report.aborted) throw new Error(report.message);
      ctx.out.info(`Imported ${file}: ${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged, ` +
        `${report.merged} merged, ${report.rejected.length} rejected.`);
      ctx.out.info(report.message);
      printGuessed(ctx, report);
    });

  contacts.command('export <file>').description('export all contacts to a CSV file')
    .action(async (file: string) => {
      const ctx = context();
      const count = await exportContactsCsv(ctx.db, ctx.card().id, file);
      ctx.out.result({ file, count });
      ctx.out.info(`Exported ${count} contacts to ${file}.`);
    });
}
