import type { Command } from 'commander';
import fs from 'node:fs';
import { displayName, type Contact, type ContactPatch } from '../../preload/schemas/contact';
import { listDetails, printGuessed, printPreview } from './import-output';
import type { CliContext } from './context';
import { UsageError } from './context';
import { parsedInput } from './parsed-input';

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

/** The file's bytes: the importer detects UTF-16, Latin-1 and the rest itself. */
function readFileBytes(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `There is no file ${file}.` : `Ferry could not read ${file} (${code ?? String(error)}).`);
  }
}

export function registerContactCommands(program: Command, context: () => CliContext): void {
  const contacts = program.command('contacts').description('add, edit, search, import and export contacts');

  contacts.command('list').description('list contacts')
    .option('--limit <n>', 'at most this many', '1000')
    .action(async (o: { limit: string }) => {
      const ctx = context();
      const { services } = await ctx.runtime();
      printContacts(ctx, services.contacts.list(parsedInput('listContacts', { limit: Number(o.limit), offset: 0 })).items);
    });

  contacts.command('search <query>').description('full-text search over names, e-mails, company, title, phones, notes and tags')
    .option('--limit <n>', 'at most this many', '100')
    .action(async (query: string, o: { limit: string }) => {
      const ctx = context();
      const { services } = await ctx.runtime();
      const found = services.contacts.search(parsedInput('searchContacts', { query, limit: Number(o.limit) }));
      printContacts(ctx, found.items);
      if (found.total > found.items.length) ctx.out.info(`${found.items.length} of ${found.total} matches shown; --limit N shows more.`);
    });

  withFieldOptions(contacts.command('add').description('add a contact')).action(async (o: FieldOptions) => {
    const ctx = context();
    const patch = toPatch(o);
    if (!patch.firstName && !patch.lastName && !patch.emails?.length && !patch.phones?.length && !patch.company) {
      throw new UsageError('A contact needs at least a name, an e-mail, a phone or a company.');
    }
    const { services } = await ctx.runtime();
    const c = services.contacts.create(parsedInput('createContact', { contact: { ...patch, source: 'cli' } }));
    ctx.out.result(c);
    ctx.out.info(`Added contact ${c.id}: ${displayName(c)}`);
  });

  withFieldOptions(contacts.command('update <id>').description('change the named fields of a contact')).action(async (id: string, o: FieldOptions) => {
    const ctx = context();
    const { services } = await ctx.runtime();
    const existing = services.contacts.get(parsedInput('getContact', { id: parseId(id) })).contact;
    const patch = toPatch(o, existing);
    if (Object.keys(patch).length === 0) throw new UsageError('Name at least one field to change, e.g. --company "New Co".');
    const c = services.contacts.update(parsedInput('updateContact', { id: existing.id, patch }));
    ctx.out.result(c);
    ctx.out.info(`Updated contact ${c.id}: ${displayName(c)} (version ${c.version})`);
  });

  contacts.command('delete <id>').description('delete a contact (kept as deleted, so history stays meaningful; CRM records stay)')
    .action(async (id: string) => {
      const ctx = context();
      const { services } = await ctx.runtime();
      const c = services.contacts.delete(parsedInput('deleteContact', { id: parseId(id) }));
      ctx.out.result(c);
      ctx.out.info(`Deleted contact ${c.id}: ${displayName(c)}. 'ferry contacts restore ${c.id}' brings it back.`);
    });

  contacts.command('restore <id...>').description('bring deleted contacts back (they are sent again like any change)')
    .action(async (ids: string[]) => {
      const ctx = context();
      const { services } = await ctx.runtime();
      const result = services.contacts.restore(parsedInput('restoreContacts', { ids: ids.map(parseId) }));
      ctx.out.result(result);
      ctx.out.info(`Restored ${result.restored} contact${result.restored === 1 ? '' : 's'}.`);
    });

  contacts.command('import <file>')
    .description('import a CSV (Outlook in any language, Google, Thunderbird, LinkedIn, HubSpot, Salesforce, a spreadsheet) or vCard file')
    .option('--preview', 'show how the file is read and what would be added, updated or rejected; write nothing', false)
    .option('--strict', 'all or nothing: if any row is invalid, import nothing (default: import the valid rows, report the rest)', false)
    .option('--skip-invalid', 'the default now (import the valid rows, report the rest); kept for older scripts')
    .action(async (file: string, o: { preview: boolean; strict: boolean }) => {
      const ctx = context();
      const request = { fileName: file, content: { encoding: 'bytes' as const, data: readFileBytes(file) }, strict: o.strict };
      const { services } = await ctx.runtime();
      if (o.preview) {
        const preview = await services.contacts.previewImport(request);
        ctx.out.result(preview);
        printPreview(ctx, file, preview);
        if (preview.unusable) throw new Error(preview.message);
        return;
      }
      const report = await services.contacts.import(request);
      ctx.out.result(report);
      listDetails(ctx, report);
      if (!report.written) throw new Error(report.message);
      ctx.out.info(`Imported ${file}: ${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged, ` +
        `${report.merged} merged, ${report.rejected.length} rejected.`);
      ctx.out.info(report.message);
      printGuessed(ctx, report);
    });

  contacts.command('export <file>').description('export all contacts to a CSV file (readable only by you)')
    .action(async (file: string) => {
      const ctx = context();
      const { services } = await ctx.runtime();
      const { csv } = await services.contacts.export(undefined);
      // 0600: an export holds the whole address book (the same as the app's)
      fs.writeFileSync(file, csv, { mode: 0o600 });
      fs.chmodSync(file, 0o600);
      const count = services.contacts.list(parsedInput('listContacts', { limit: 1, offset: 0 })).total;
      ctx.out.result({ file, count });
      ctx.out.info(`Exported ${count} contacts to ${file}.`);
    });
}
