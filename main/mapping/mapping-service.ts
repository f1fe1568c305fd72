import { destination } from '../../destinations/index';
import { displayName } from '../../preload/schemas/contact';
import { LOCKED_SUBJECTS } from '../../preload/schemas/policy';
import type { CrmFieldView, FieldRule, Mapping, MappingPreviewView, MappingRowView, MappingView, Routing, ValueRule } from '../../preload/schemas/mapping';
import { connectionLocks, PolicyLockedError, type PolicyPort } from '../admin-policy/index';
import { requireConnection, type Connection } from '../store/connections';
import { listContacts, liveContactsByIds } from '../store/contacts';
import type { Db } from '../store/db';
import { customFieldNames } from '../store/outbox';
import type { SyncService } from '../sync/service-api';
import type { Connector } from '../sync/connector';
import { ruleTarget, mappedTargets } from './apply';
import { ferryFieldsOf } from './ferry-fields';
import { saveMapping } from './save';
import { targetProblem, valueProblem } from './type-check';
import { ServiceError } from '../services/errors';

/**
 * The field mapping as the Mapping screen and `ferry mapping` see it: the grid
 * of Ferry fields with where each goes, the CRM's fields to choose from, value
 * rules and routing, a live preview; and every change, checked against the CRM's
 * own schema and the admin's policy before it is saved (mapping/save.ts queues
 * the contacts it affects).
 */
interface MappingServiceDeps {
  db: Db;
  sync: SyncService;
  policy: PolicyPort;
  now: () => number;
}

function rowsOf(connection: Connection, connector: Connector, crmFields: CrmFieldView[] | null, fields: string[]): MappingRowView[] {
  const crm = destination(connection.kind).name;
  const byName = new Map((crmFields ?? []).map((f) => [f.name.toLowerCase(), f]));
  return fields.map((ferryField) => {
    const def = connector.defaultTarget?.(ferryField, connection) ?? { keys: [ferryField], label: ferryField };
    const rule = connection.mapping.fields[ferryField];
    const target = rule ? (rule.target === undefined ? ruleTarget(connector, connection, ferryField, rule) ?? def.label : rule.target) : def.label;
    const chosen = rule?.target ? byName.get(rule.target.toLowerCase()) : undefined;
    return {
      ferryField, defaultTarget: def.label, target, custom: rule !== undefined,
      targetType: chosen?.type ?? (def.keys.length === 1 ? byName.get((def.keys[0] as string).toLowerCase())?.type ?? null : null),
      transforms: rule?.transforms ?? [], policy: rule?.policy ?? 'overwrite', fixed: def.fixed === true,
      problem: rule?.target && crmFields ? targetProblem(rule.target, chosen, crm) : null,
    };
  });
}

export function createMappingService(deps: MappingServiceDeps) {
  const { db, sync, policy } = deps;

  const guardLock = (connection: Connection): void => {
    if (connectionLocks(policy.current(), connection.kind).mapping) throw new PolicyLockedError(LOCKED_SUBJECTS.mapping(destination(connection.kind).name));
  };

  async function view(connectionId: number): Promise<MappingView> {
    const { connector, crmFields } = await sync.mappingAccess(connectionId);
    const connection = requireConnection(db, connectionId);
    const fields = ferryFieldsOf([...customFieldNames(db, connection.cardId), ...Object.keys(connection.mapping.fields).filter((f) => f.startsWith('custom.')).map((f) => f.slice(7))]);
    return {
      connectionId, kind: connection.kind, crmName: destination(connection.kind).name,
      rows: rowsOf(connection, connector, crmFields, fields), crmFields,
      rules: connection.mapping.rules, routing: connection.mapping.routing ?? null, canRoute: connection.kind === 'salesforce',
      locked: connectionLocks(policy.current(), connection.kind).mapping, released: connection.mapping.released,
    };
  }

  async function save(connectionId: number, change: (m: Mapping) => Mapping): Promise<MappingView> {
    const connection = requireConnection(db, connectionId);
    guardLock(connection);
    saveMapping(db, connectionId, change(connection.mapping), deps.now());
    return view(connectionId);
  }

  return {
    view,

    /** Sends a Ferry field to `rule.target` (checked against the CRM's fields), with transforms and a policy. */
    async setField(connectionId: number, ferryField: string, given: FieldRule, opts: { merge?: boolean } = {}): Promise<MappingView> {
      const connection = requireConnection(db, connectionId);
      guardLock(connection);
      let rule: FieldRule = opts.merge ? { ...connection.mapping.fields[ferryField], ...given } : given;
      const { connector, crmFields } = await sync.mappingAccess(connectionId);
      const crm = destination(connection.kind).name;
      const def = connector.defaultTarget?.(ferryField, connection);
      if (def?.fixed && rule.target !== undefined) throw new ServiceError('invalid_input', `Ferry matches ${crm} records on the ${ferryField === 'emails' ? 'e-mail address' : ferryField}, so it stays in ${def.label}.`);
      if (rule.target && crmFields) {
        const field = crmFields.find((f) => f.name.toLowerCase() === rule.target?.toLowerCase());
        const problem = targetProblem(rule.target, field, crm);
        if (problem) throw new ServiceError('invalid_input', problem);
        const clash = Object.entries(connection.mapping.fields).find(([f, r]) => f !== ferryField && r.target?.toLowerCase() === rule.target?.toLowerCase());
        if (clash) throw new ServiceError('invalid_input', `${clash[0]} already goes to ${rule.target}. Map one of them elsewhere first.`);
        rule = { ...rule, target: field?.name ?? rule.target };
      }
      if (rule.policy === 'fill_if_empty' && !connector.readCurrent) throw new ServiceError('invalid_input', `${crm} cannot tell Ferry what it holds, so "fill only if empty" is not available there.`);
      return save(connectionId, (m) => ({ ...m, fields: { ...m.fields, [ferryField]: rule } }));
    },

    /** Back to the destination's default for one field, or for everything. */
    reset: (connectionId: number, ferryField?: string): Promise<MappingView> => save(connectionId, (m) => {
      if (ferryField === undefined) return { ...m, fields: {}, rules: [], routing: undefined };
      const fields = { ...m.fields };
      delete fields[ferryField];
      return { ...m, fields };
    }),

    setRules: (connectionId: number, rules: ValueRule[] | undefined, routing: Routing | null | undefined): Promise<MappingView> => {
      const connection = requireConnection(db, connectionId);
      if (routing && connection.kind !== 'salesforce') throw new ServiceError('invalid_input', 'Only Salesforce connections route contacts to Leads or Contacts.');
      return save(connectionId, (m) => ({ ...m, ...(rules ? { rules } : {}), ...(routing === undefined ? {} : { routing: routing ?? undefined }) }));
    },

    /** Three contacts (or the ones named) as the next sync would send them, with what the CRM would refuse. */
    async preview(connectionId: number, contactIds?: number[]): Promise<MappingPreviewView[]> {
      const { connector, crmFields } = await sync.mappingAccess(connectionId);
      const connection = requireConnection(db, connectionId);
      const crm = destination(connection.kind).name;
      const contacts = contactIds?.length ? liveContactsByIds(db, contactIds) : listContacts(db, connection.cardId, { limit: 3 });
      const byName = new Map((crmFields ?? []).map((f) => [f.name.toLowerCase(), f]));
      const targets = mappedTargets(connector, connection);
      return contacts.map((contact) => {
        const payload = connector.map(contact, connection, {});
        const problems: string[] = [];
        for (const [key] of targets) {
          if (!(key in payload) || !crmFields) continue;
          const field = byName.get(key.toLowerCase());
          const problem = targetProblem(key, field, crm) ?? (field ? valueProblem(field, payload[key] ?? '', crm) : null);
          if (problem) problems.push(problem);
        }
        const values = Object.keys(payload).filter((k) => !k.startsWith('__')).sort().map((field) => ({ field, value: payload[field] ?? null }));
        return { contactId: contact.id, name: displayName(contact), values, problems };
      });
    },
  };
}

export type MappingService = ReturnType<typeof createMappingService>;
