import type { Db } from '../store/db';
import { getConnection, type Connection } from '../store/connections';
import { requireContact } from '../store/contacts';
import { iterateDuplicateCandidates } from '../store/duplicate-candidates';
import { dismissDuplicates, dismissedPairs } from '../store/duplicate-dismissals';
import { mergeContactsLocally, recordCrmMerge, recordCrmMergeLeft } from '../store/merge-contacts';
import { getSettings } from '../store/settings';
import { ManualStepError, manualStep, standaloneContext, type CrmRecordActions } from '../crm/record-actions';
import { findDuplicates, type DuplicateGroup } from './find-duplicates';
import { planMerge, type MergeChoice, type MergeField, type MergePlan } from './merge-plan';

/** How a connection's record actions are made (the runtime's registry; tests pass their own). */
export type RecordActionsSource = (connection: Connection) => Promise<CrmRecordActions | null>;

/** What happened in one CRM after a merge. */
export interface CrmMergeOutcome {
  connectionId: number;
  crm: string;
  outcome: 'merged' | 'manual' | 'failed';
  message: string;
}

export interface MergeResult {
  keepId: number;
  otherId: number;
  preview: MergePlan['preview'];
  crms: CrmMergeOutcome[];
}

export function listDuplicates(db: Db, cardId: number): DuplicateGroup[] {
  return findDuplicates(iterateDuplicateCandidates(db, cardId), dismissedPairs(db, cardId));
}

export function markNotDuplicates(db: Db, contactIds: number[]): void {
  const first = requireContact(db, contactIds[0] ?? 0);
  dismissDuplicates(db, first.cardId, contactIds);
}

export function previewMerge(db: Db, keepId: number, otherId: number, choices: Partial<Record<MergeField, MergeChoice>> = {}): MergePlan {
  return planMerge(requireContact(db, keepId), requireContact(db, otherId), choices);
}

/**
 * Merges in Ferry first (one transaction: it works offline and can never be
 * half done), then tells every CRM where both people had a record: HubSpot
 * merges them and names the record it kept, which the survivor's link then
 * names; a CRM without a merge API, or one Ferry cannot reach now, gets a
 * sentence in the history saying what the user must do there. The other
 * person's record needs no push either way: its link is retired.
 */
export async function mergeContacts(
  deps: { db: Db; recordActions: RecordActionsSource; now: () => number },
  keepId: number, otherId: number, choices: Partial<Record<MergeField, MergeChoice>> = {},
): Promise<MergeResult> {
  const { db } = deps;
  const plan = previewMerge(db, keepId, otherId, choices);
  const local = mergeContactsLocally(db, keepId, otherId, plan.fields, getSettings(db).defaultPhoneRegion, deps.now());
  const crms: CrmMergeOutcome[] = [];
  for (const need of local.crmMerges) {
    const connection = getConnection(db, need.connectionId);
    if (!connection) continue;
    const actions = await deps.recordActions(connection).catch(() => null);
    if (!actions?.merge) {
      const message = manualStep('merge', connection.kind, need.label, [need.primaryId, need.otherId]);
      recordCrmMergeLeft(db, need.connectionId, keepId, need.primaryId, message, deps.now());
      crms.push({ connectionId: need.connectionId, crm: need.label, outcome: 'manual', message });
      continue;
    }
    try {
      const { externalId } = await actions.merge(need.primaryId, need.otherId, standaloneContext(connection));
      const message = `${need.label} merged record ${need.otherId} into ${need.primaryId}; the merged record is ${externalId}.`;
      recordCrmMerge(db, need.connectionId, keepId, externalId, message, deps.now());
      crms.push({ connectionId: need.connectionId, crm: need.label, outcome: 'merged', message });
    } catch (error) {
      if (error instanceof ManualStepError) {
        recordCrmMergeLeft(db, need.connectionId, keepId, need.primaryId, error.message, deps.now());
        crms.push({ connectionId: need.connectionId, crm: need.label, outcome: 'manual', message: error.message });
        continue;
      }
      const reason = error instanceof Error ? error.message : String(error);
      const message = `${need.label} did not merge record ${need.otherId} into ${need.primaryId} (${reason}). Merge them in ${need.label}; Ferry keeps updating ${need.primaryId}.`;
      recordCrmMergeLeft(db, need.connectionId, keepId, need.primaryId, message, deps.now());
      crms.push({ connectionId: need.connectionId, crm: need.label, outcome: 'failed', message });
    }
  }
  return { keepId, otherId, preview: plan.preview, crms };
}
