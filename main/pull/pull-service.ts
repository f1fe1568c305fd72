import type { Db } from '../store/db';
import type { SyncService } from '../sync/service-api';
import type {
  ConflictView, FieldRulesView, HistoryEntryView, PotentialDuplicateView, PullCountsView, PullSummaryView, SyncDirection, TwoWayRule,
} from '../../preload/schemas/pull';
import { displayName } from '../../preload/schemas/contact';
import { requireConnection } from '../store/connections';
import { getContact } from '../store/contacts';
import { countOpenConflicts, getConflict, listConflicts, type Conflict } from '../store/conflicts';
import { listHistory } from '../store/contact-history';
import { DEFAULT_FIELD, readFieldRules, setFieldRule } from '../store/field-rules';
import { countPotentialDuplicates, dismissPotentialDuplicate, listPotentialDuplicates, type PotentialDuplicateKey } from '../store/potential-duplicates';
import { readCheckpoint } from '../store/pull-checkpoints';
import { getSettings } from '../store/settings';
import { reverseMapping } from '../mapping/reverse';
import { fieldName } from './apply-page';
import { resolveConflict, type Resolution } from './resolve-conflict';
import { ServiceError } from '../services/errors';

/** Pull and two-way for the IPC router and the CLI (docs/pull.md): one service, both hosts. */
export function createPullService(deps: { db: Db; sync: SyncService; now: () => number }) {
  const { db, sync } = deps;

  async function rules(connectionId: number): Promise<FieldRulesView> {
    const connection = requireConnection(db, connectionId);
    const reverse = reverseMapping(await sync.connectorOf(connectionId), connection);
    const stored = readFieldRules(db, connectionId);
    return {
      connectionId, direction: connection.direction, defaultRule: stored.defaultRule, fields: stored.fields,
      readable: [...new Set(reverse.fields.map(fieldName))], notReadable: reverse.notReadable,
    };
  }

  const conflictView = (c: Conflict): ConflictView => {
    const contact = getContact(db, c.contactId);
    return { ...c, contactName: contact ? displayName(contact) : `contact ${c.contactId}` };
  };

  return {
    rules,
    async setDirection(connectionId: number, direction: SyncDirection): Promise<FieldRulesView> {
      sync.setDirection(connectionId, direction);
      return rules(connectionId);
    },
    async setFieldRule(connectionId: number, field: string, rule: TwoWayRule | null): Promise<FieldRulesView> {
      requireConnection(db, connectionId);
      setFieldRule(db, connectionId, field, field === DEFAULT_FIELD && rule === null ? null : rule);
      return rules(connectionId);
    },
    pull(connectionId: number, onPage?: (p: { runId: number; pages: number; read: number }) => void): Promise<PullSummaryView> {
      return sync.pullNow(connectionId, 'manual', onPage);
    },
    conflicts(f: { connectionId?: number | undefined; contactId?: number | undefined; state: 'open' | 'resolved' | 'all'; limit: number; offset: number }): { items: ConflictView[]; total: number } {
      const page = listConflicts(db, f);
      return { items: page.items.map(conflictView), total: page.total };
    },
    async resolve(conflictId: number, how: Resolution): Promise<ConflictView> {
      const conflict = getConflict(db, conflictId);
      if (!conflict) throw new ServiceError('not_found', `There is no conflict ${conflictId}.`);
      resolveConflict(db, await sync.connectorOf(conflict.connectionId), conflictId, how, getSettings(db).defaultPhoneRegion, deps.now());
      return conflictView(getConflict(db, conflictId) ?? conflict);
    },
    history(contactId: number, limit: number): HistoryEntryView[] {
      return listHistory(db, contactId, limit).map((h) => ({
        id: h.id, contactId: h.contactId, at: h.at, field: h.field, old: h.old, new: h.new,
        source: h.connectionId === null ? { kind: 'ferry' } : { kind: 'connection', connectionId: h.connectionId, label: h.connectionLabel ?? '' },
      }));
    },
    potentialDuplicates(f: { contactId?: number | undefined; connectionId?: number | undefined }): PotentialDuplicateView[] {
      return listPotentialDuplicates(db, f).map((d) => {
        const contact = getContact(db, d.contactId);
        return { ...d, contactName: contact ? displayName(contact) : `contact ${d.contactId}` };
      });
    },
    dismissPotentialDuplicate(key: PotentialDuplicateKey): void {
      if (!dismissPotentialDuplicate(db, key, deps.now())) {
        throw new ServiceError('not_found', `Contact ${key.contactId} has no potential duplicate ${key.externalId} in that connection (dismissed already, or never found).`);
      }
    },
    counts(connectionId: number): PullCountsView {
      const connection = requireConnection(db, connectionId);
      const checkpoint = readCheckpoint(db, connectionId);
      return {
        connectionId, direction: connection.direction, lastPullAt: checkpoint.lastPullAt, pulled: checkpoint.pulled,
        openConflicts: countOpenConflicts(db, connectionId), potentialDuplicates: countPotentialDuplicates(db, connectionId),
      };
    },
  };
}

export type PullService = ReturnType<typeof createPullService>;
