import type { DeletesView, DuplicateGroupView, ForgetPlanView, ForgetRecordView, MergePreviewView, MergeResultView } from '../../preload/schemas/duplicates';
import type { ParsedInput } from '../../preload/contract';
import type { Db } from '../store/db';
import { liveContactsByIds, requireContact } from '../store/contacts';
import { cardOf } from '../services/card-of';
import { ServiceError } from '../services/errors';
import type { Clock } from '../services/ports';
import type { EventHub } from '../services/event-hub';
import { forgetContact, forgetPlan } from '../forget/forget-service';
import {
  DeleteModeError, deleteMode, deleteModeSentence, deleteModeSupported, deleteTagSupported, fromCrmDeleteMode, fromCrmDeleteSentence, fromCrmDeleteSupported,
  setDeleteMode, setFromCrmDeleteMode,
} from '../forget/delete-setting';
import { getConnection, type Connection } from '../store/connections';
import { standaloneContext } from '../crm/record-actions';
import { MergeChoiceError } from './merge-plan';
import { listDuplicates, markNotDuplicates, mergeContacts, previewMerge, type RecordActionsSource } from './merge-service';

interface Deps {
  db: Db;
  clock: Clock;
  events: EventHub;
  /** the CRM side of merges and forgets; absent: every CRM gets a sentence of what to do there */
  recordActions?: RecordActionsSource;
}

const noRecordActions: RecordActionsSource = async () => null;

/** A merge only of two live contacts of one card, and a readable sentence when not. */
function checkMergeable(db: Db, keepId: number, otherId: number): void {
  const keep = requireContact(db, keepId);
  const other = requireContact(db, otherId);
  if (keepId === otherId) throw new ServiceError('invalid_input', 'Choose two different contacts to merge.');
  if (keep.deletedAt !== null || other.deletedAt !== null) throw new ServiceError('conflict', 'One of these contacts was deleted; restore it before merging.');
  if (keep.cardId !== other.cardId) throw new ServiceError('invalid_input', 'Only contacts of the same card can be merged.');
}

function requireActive(db: Db, connectionId: number): Connection {
  const connection = getConnection(db, connectionId);
  if (!connection || connection.disconnectedAt !== null) throw new ServiceError('not_found', `There is no active connection with id ${connectionId}.`);
  return connection;
}

const deletesView = (c: Connection): DeletesView => ({
  connectionId: c.id, mode: deleteMode(c), supported: deleteModeSupported(c), tagSupported: deleteTagSupported(c), sentence: deleteModeSentence(c),
  fromCrm: fromCrmDeleteMode(c), fromCrmSupported: fromCrmDeleteSupported(c), fromCrmSentence: fromCrmDeleteSentence(c),
});

function asServiceError(error: unknown): never {
  if (error instanceof MergeChoiceError) throw new ServiceError('invalid_input', error.message);
  throw error;
}

/** Duplicates, merge and "forget this person" for the app, the web mode and the CLI. */
export function createDuplicatesService(deps: Deps) {
  const { db, clock, events } = deps;
  const actionDeps = { db, recordActions: deps.recordActions ?? noRecordActions, now: () => clock.now() };
  return {
    list(input: ParsedInput<'listDuplicates'>): DuplicateGroupView[] {
      return listDuplicates(db, cardOf(db, input.cardId)).map((group) => ({
        contacts: liveContactsByIds(db, group.contactIds),
        reasons: group.reasons,
      }));
    },
    dismiss(input: ParsedInput<'dismissDuplicates'>): null {
      markNotDuplicates(db, input.ids);
      return null;
    },
    preview(input: ParsedInput<'previewMerge'>): MergePreviewView {
      checkMergeable(db, input.keepId, input.otherId);
      try {
        const plan = previewMerge(db, input.keepId, input.otherId, input.choices);
        return { keepId: plan.keepId, otherId: plan.otherId, fields: plan.preview };
      } catch (error) {
        return asServiceError(error);
      }
    },
    async merge(input: ParsedInput<'mergeContacts'>): Promise<MergeResultView> {
      checkMergeable(db, input.keepId, input.otherId);
      const cardId = requireContact(db, input.keepId).cardId;
      const result = await mergeContacts(actionDeps, input.keepId, input.otherId, input.choices).catch(asServiceError);
      events.emit('contactChanged', { cardId, ids: [input.keepId], kind: 'updated' });
      events.emit('contactChanged', { cardId, ids: [input.otherId], kind: 'deleted' });
      return { keepId: result.keepId, otherId: result.otherId, fields: result.preview, crms: result.crms };
    },
    async forgetPlan(input: ParsedInput<'forgetPlan'>): Promise<ForgetPlanView> {
      return { crms: await forgetPlan(db, input.id, actionDeps.recordActions) };
    },
    async forget(input: ParsedInput<'forgetContact'>): Promise<ForgetRecordView> {
      const cardId = requireContact(db, input.id).cardId;
      const record = await forgetContact(actionDeps, input.id);
      events.emit('contactChanged', { cardId, ids: [input.id], kind: 'deleted' });
      return record;
    },
    deletes(input: ParsedInput<'getDeletes'>): DeletesView {
      return deletesView(requireActive(db, input.connectionId));
    },
    async setDeletes(input: ParsedInput<'setDeletes'>): Promise<DeletesView> {
      const connection = requireActive(db, input.connectionId);
      if (input.mode === 'tag' && deleteTagSupported(connection)) {
        // a CRM that needs a field for the mark (Salesforce) says so now, not at the first delete
        const actions = await actionDeps.recordActions(connection);
        const missing = actions?.markReady ? await actions.markReady(standaloneContext(connection)) : null;
        if (missing) throw new ServiceError('invalid_input', missing);
      }
      try {
        if (input.mode === undefined && input.fromCrm === undefined) throw new ServiceError('invalid_input', 'Say which deletes to set: mode (Ferry → CRM) or fromCrm (CRM → Ferry).');
        if (input.mode !== undefined) setDeleteMode(db, input.connectionId, input.mode, clock.now());
        if (input.fromCrm !== undefined) setFromCrmDeleteMode(db, input.connectionId, input.fromCrm, clock.now());
        return deletesView(requireActive(db, input.connectionId));
      } catch (error) {
        if (error instanceof DeleteModeError) throw new ServiceError('invalid_input', error.message);
        throw error;
      }
    },
  };
}
