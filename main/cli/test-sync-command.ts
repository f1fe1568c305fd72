import type { TestSyncReport } from '../../preload/schemas/test-sync';
import type { Runtime } from '../runtime/index';
import { resolveConnections } from './connection-arg';
import { heldClause } from '../../preload/status/run-sentences';
import { UsageError, type CliContext } from './context';

/**
 * `ferry sync --test [N] [--contacts id,…]`: the first N pending contacts (5 by
 * default), or the named ones, go first; then, field by field, what Ferry sent
 * beside what the CRM holds now. The rest waits for `ferry sync`.
 */
export function parseTestOptions(test: string | boolean, contacts: string | undefined): { count?: number; contactIds?: number[] } {
  const ids = contacts?.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    if (!/^\d+$/.test(s)) throw new UsageError(`'${s}' is not a contact id (see 'ferry contacts list').`);
    return Number(s);
  });
  if (ids && ids.length > 0) return { contactIds: ids };
  if (test === true) return { count: 5 };
  const n = Number(test);
  if (!Number.isInteger(n) || n < 1 || n > 50) throw new UsageError('--test takes how many contacts to send first: 1 to 50 (default 5).');
  return { count: n };
}

function print(ctx: CliContext, label: string, report: TestSyncReport): void {
  ctx.out.info(`${label}: test sync of ${report.contacts.length} contact${report.contacts.length === 1 ? '' : 's'} — ${report.run.created} created, ${report.run.updated} updated, ${heldClause(report.run)}${report.run.quarantined} rejected.`);
  for (const c of report.contacts) {
    ctx.out.info(`  ${c.name} (#${c.contactId}): ${c.outcome}${c.externalId ? `, ${label} record ${c.externalId}` : ''}${c.problem ? ` — ${c.problem}` : ''}`);
    for (const f of c.fields) {
      const same = (f.sent ?? '') === (f.crm ?? '');
      ctx.out.info(`    ${same ? ' ' : '≠'} ${f.field}: sent ${f.sent === null ? '(empty)' : `“${f.sent}”`}; ${label} holds ${f.crm === null ? '(empty)' : `“${f.crm}”`}`);
    }
  }
  ctx.out.info(`${report.stillPending} more wait for the full sync ('ferry sync').`);
}

export async function runTestSync(ctx: CliContext, rt: Runtime, which: string | undefined, options: { count?: number; contactIds?: number[] }): Promise<void> {
  const connections = await resolveConnections(rt, which);
  if (connections.length !== 1) throw new UsageError("A test sync goes to one connection: name it with --connection (e.g. 'ferry sync --test --connection hubspot').");
  const [connection] = connections as [typeof connections[number]];
  const report = await rt.services.connections.testSync({ connectionId: connection.id, ...options });
  print(ctx, connection.label, report);
  ctx.out.result(report);
}
