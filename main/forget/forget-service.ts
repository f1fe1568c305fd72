import type { Db } from '../store/db';
import { destination } from '../../destinations/index';
import { getConnection, type Connection } from '../store/connections';
import { eraseContactLocally, forgetTargets, type ForgetOutcome, type ForgetRecord } from '../store/forget-contact';
import { manualStep, standaloneContext } from '../crm/record-actions';
import type { RecordActionsSource } from '../duplicates/merge-service';

/** "deletes record 7 in Pipedrive — Pipedrive erases it for good after 30 days; …": what its descriptor says erasing does there. */
function eraseAction(connection: Connection, externalId: string, label: string): string {
  const erased = destination(connection.kind).deletes.erased;
  return `deletes record ${externalId} in ${label}${erased ? ` — ${erased}` : ''}`;
}

/** What "Forget this person" will do in each CRM, for the confirmation (no call is made). */
export async function forgetPlan(db: Db, contactId: number, recordActions: RecordActionsSource): Promise<{ crm: string; action: string }[]> {
  const plan: { crm: string; action: string }[] = [];
  for (const target of forgetTargets(db, contactId)) {
    const connection = getConnection(db, target.connectionId);
    if (!connection) continue;
    const actions = await recordActions(connection).catch(() => null);
    plan.push({
      crm: target.label,
      action: actions?.erase ? eraseAction(connection, target.externalId, target.label) : manualStep('erase', connection.kind, target.label, [target.externalId]),
    });
  }
  return plan;
}

/**
 * A data-protection request: erase the person in every connected CRM that
 * allows it (HubSpot's GDPR delete, Salesforce's delete), then in Ferry for
 * good (store/forget-contact.ts). The CRMs go first because their record ids
 * live in Ferry's links, which the local erase removes; the local erase
 * happens whatever the CRMs answered (the person asked Ferry too), and the
 * record keeps a CRM's record id only where that CRM still holds the person,
 * so the user can finish there.
 */
export async function forgetContact(deps: { db: Db; recordActions: RecordActionsSource; now: () => number }, contactId: number): Promise<ForgetRecord> {
  const { db } = deps;
  const outcomes: ForgetOutcome[] = [];
  for (const target of forgetTargets(db, contactId)) {
    const connection = getConnection(db, target.connectionId);
    if (!connection) continue;
    const base = { connectionId: target.connectionId, crm: target.label };
    const actions = await deps.recordActions(connection).catch(() => null);
    if (!actions?.erase) {
      outcomes.push({ ...base, outcome: 'manual', message: manualStep('erase', connection.kind, target.label, [target.externalId]), externalId: target.externalId });
      continue;
    }
    try {
      const { note } = await actions.erase(target.externalId, standaloneContext(connection));
      outcomes.push({ ...base, outcome: 'erased', message: `Deleted in ${target.label}.${note ? ` ${note}` : ''}` });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      outcomes.push({ ...base, outcome: 'failed', message: `${target.label} did not delete the record (${reason}). Delete record ${target.externalId} there by hand.`, externalId: target.externalId });
    }
  }
  return eraseContactLocally(db, contactId, outcomes, deps.now());
}
