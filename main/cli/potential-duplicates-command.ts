import type { Command } from 'commander';
import type { PotentialDuplicateView } from '../../preload/schemas/pull';
import type { ConnectionView } from '../../preload/schemas/connection';
import type { Runtime } from '../runtime/index';
import { resolveConnections } from './connection-arg';
import { UsageError, type CliContext } from './context';
import { parsedInput } from './parsed-input';

/**
 * `ferry potential-duplicates` and `ferry potential-duplicates dismiss`: the CRM records
 * a pull found that only look like a contact (docs/pull.md "Matching"), as the app's
 * contact page shows them, read from the same pull service.
 */

/** `#12 Sam Lee  ↔ HubSpot record 501: Sam Lee · sam@x.example · Acme (same name, different e-mail)` */
function potentialLine(d: PotentialDuplicateView, crm: string): string {
  const record = [d.crmName || '(no name)', d.crmEmail, d.crmCompany].filter((v) => v !== '').join(' · ');
  return `#${d.contactId}  ${d.contactName}  ↔ ${crm} record ${d.externalId}: ${record} (${d.why})`;
}

/** The potential duplicates not dismissed on the named connections (default: every active one on the default card). */
async function listed(rt: Runtime, which: string | undefined): Promise<{ items: PotentialDuplicateView[]; connections: ConnectionView[] }> {
  const connections = await resolveConnections(rt, which);
  const items = connections.flatMap((c) => rt.services.pull.potentialDuplicates(parsedInput('listPotentialDuplicates', { connectionId: c.id })));
  return { items, connections };
}

function parseContactId(text: string): number {
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id <= 0) throw new UsageError(`'${text}' is not a contact id (the #number 'ferry potential-duplicates' shows).`);
  return id;
}

export function registerPotentialDuplicateCommands(program: Command, context: () => CliContext): void {
  const potential = program.command('potential-duplicates')
    .description('CRM records a pull found that look like one of your contacts without a sure match (neither linked nor copied)')
    .option('--connection <crm|id>', 'only this connection')
    .action(async (o: { connection?: string }) => {
      const ctx = context();
      const rt = await ctx.runtime();
      const { items, connections } = await listed(rt, o.connection);
      const labels = new Map(connections.map((c) => [c.id, c.label]));
      if (items.length === 0) ctx.out.info('No potential duplicates.');
      for (const d of items) ctx.out.info(potentialLine(d, labels.get(d.connectionId) ?? 'CRM'));
      if (items.length > 0) ctx.out.info("Not the same person? ferry potential-duplicates dismiss <contact-id> <record-id> [--connection <crm|id>]");
      ctx.out.result(items);
    });

  potential.command('dismiss <contact-id> <record-id>')
    .description('not the same person: no longer listed or counted, even when a pull reads the record again')
    .option('--connection <crm|id>', 'the connection whose record it is (needed when two hold that record id)')
    .action(async (contact: string, record: string, o: { connection?: string }) => {
      const ctx = context();
      const contactId = parseContactId(contact);
      const rt = await ctx.runtime();
      const { items, connections } = await listed(rt, o.connection ?? potential.opts<{ connection?: string }>().connection);
      const matches = items.filter((d) => d.contactId === contactId && d.externalId === record);
      if (matches.length === 0) throw new UsageError(`Contact #${contactId} has no potential duplicate ${record}. Run 'ferry potential-duplicates' to see them.`);
      if (matches.length > 1) throw new UsageError(`Record ${record} is a potential duplicate of #${contactId} in more than one CRM: name one with --connection.`);
      const d = matches[0]!;
      rt.services.pull.dismissPotentialDuplicate(parsedInput('dismissPotentialDuplicate', { contactId, connectionId: d.connectionId, externalId: record }));
      const crm = connections.find((c) => c.id === d.connectionId)?.label ?? 'CRM';
      ctx.out.info(`Dismissed: ${crm} record ${record} is not ${d.contactName}. It is no longer listed.`);
      ctx.out.result(d);
    });
}
