import type { CrmFieldView } from '../../preload/schemas/mapping';
import { destination } from '../../destinations/index';
import { SyncError, type Connector, type Payload, type PushContext, type PushItem, type PushResult } from '../sync/connector';
import { isDefaultMapping, mappedTargets, mapWithMapping, movedDefaultKeys, policies } from './apply';
import { targetProblem, valueProblem } from './type-check';

/**
 * A destination's connector with the connection's mapping applied: map() puts
 * each Ferry field where the mapping says (apply.ts); push() first sets aside
 * the records whose mapped values the CRM would refuse (type checks against
 * the CRM's own field list, no call spent on them), then applies the write
 * policies, then hands the rest to the destination's push.
 *
 * Invariants:
 * - the items the engine planned are never changed (the link stores what was
 *   planned); policies work on copies;
 * - every item gets exactly one result, in the items' order;
 * - a field an earlier mapping wrote (`released`) is never cleared.
 */
export function withMapping(inner: Connector): Connector {
  /** the CRM's field list, asked once per connector (one call) and only when a mapping needs it */
  let fields: Promise<Map<string, CrmFieldView>> | null = null;
  const schemaFor = (ctx: PushContext): Promise<Map<string, CrmFieldView>> => {
    if (!inner.describeFields) return Promise.resolve(new Map());
    fields ??= inner.describeFields(ctx).then((list) => new Map(list.map((f) => [f.name.toLowerCase(), f])));
    fields.catch(() => { fields = null; });
    return fields;
  };

  const wrapped: Connector = {
    ...inner,
    map: (contact, connection, aux = {}) => mapWithMapping(wrapped, inner.map, contact, connection, aux),
    // the mapping itself is not part of the key: a mapping change queues the contacts it affects (mapping/save.ts)
    ...(inner.mappingKey ? { mappingKey: inner.mappingKey } : {}),
    async push(items: PushItem[], ctx: PushContext): Promise<PushResult[]> {
      const connection = ctx.connection;
      if (isDefaultMapping(connection.mapping) && connection.mapping.released.length === 0) return inner.push(items, ctx);
      const crm = destination(connection.kind).name;
      const results = new Map<number, PushResult>();
      // 1. type checks: every value the mapping writes must fit the CRM's field
      const targets = mappedTargets(wrapped, connection);
      if (targets.size > 0 && inner.describeFields) {
        const schema = await schemaFor(ctx);
        for (const item of items) {
          for (const [key, source] of targets) {
            if (!(key in item.payload)) continue;
            const field = schema.get(key.toLowerCase());
            const problem = targetProblem(key, field, crm) ?? (field ? valueProblem(field, item.payload[key] ?? '', crm) : null);
            if (problem) {
              results.set(item.contactId, { contactId: item.contactId, outcome: 'rejected', message: `${problem} (mapping of ${source})`, crmError: `mapping: ${key}` });
              break;
            }
          }
        }
      }
      // 2. write policies, on copies
      const released = new Set([...connection.mapping.released, ...movedDefaultKeys(wrapped, connection)]);
      const byPolicy = policies(wrapped, connection);
      const sendable = items.filter((i) => !results.has(i.contactId)).map((item) => ({
        ...item, payload: { ...item.payload }, previousPayload: dropKeys(item.previousPayload, (k) => released.has(k) && !(k in item.payload)),
      }));
      for (const item of sendable) {
        for (const [key, policy] of byPolicy) if (policy === 'create_only' && item.externalId !== null) strip(item, key);
      }
      const fillKeys = [...byPolicy].filter(([, p]) => p === 'fill_if_empty').map(([k]) => k);
      // the Mapping screen refuses this policy where the CRM cannot be read; an imported or
      // admin-set mapping may still carry it, and writing anyway would overwrite what the admin protected
      if (fillKeys.length > 0 && !inner.readCurrent && sendable.length > 0) {
        throw new SyncError('config', `${crm} cannot tell Ferry what it holds, so "fill only if empty" on ${fillKeys.join(', ')} cannot be honoured. Choose another write policy in the Mapping screen; nothing was sent.`);
      }
      if (fillKeys.length > 0 && inner.readCurrent && sendable.length > 0) {
        const current = await inner.readCurrent(sendable, fillKeys, ctx);
        for (const item of sendable) {
          const values = current.get(item.contactId);
          if (values) for (const key of fillKeys) if ((values[key] ?? '') !== '') strip(item, key);
        }
      }
      const pushed = sendable.length > 0 ? await inner.push(sendable, ctx) : [];
      for (const r of pushed) results.set(r.contactId, r);
      return items.map((item) => results.get(item.contactId) ?? {
        contactId: item.contactId, outcome: 'retry', message: `${crm} did not confirm this contact. Ferry will send it again.`, crmError: 'no result for this record',
      });
    },
  };
  return wrapped;
}

function dropKeys(payload: Payload, drop: (key: string) => boolean): Payload {
  return Object.fromEntries(Object.entries(payload).filter(([k]) => !drop(k)));
}

/** The CRM keeps its value of `key`: not sent, and not cleared. */
function strip(item: PushItem, key: string): void {
  delete item.payload[key];
  delete item.previousPayload[key];
}
