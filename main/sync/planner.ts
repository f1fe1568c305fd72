import type { Db } from '../store/db';
import type { Connection } from '../store/connections';
import type { Contact } from '../../preload/schemas/contact';
import { liveContactsByIds } from '../store/contacts';
import { pendingContactIds } from '../store/outbox';
import { getLinks, type SyncLink } from '../store/sync-links';
import type { Connector, Payload, PushItem } from './connector';
import { diffPayloads, hashPayload } from './payload';
import type { DryRunItem, DryRunPlan } from './service-api';
import { displayName } from '../../preload/schemas/contact';
import { conflictHold, type ConflictHold } from '../pull/hold-conflicts';
import { holdSharedEmails } from './shared-email';

/**
 * The plan: every contact the outbox holds as pending (store/outbox.ts, the one
 * definition of pending work) is mapped and hashed; only those whose hash
 * differs from what the CRM last confirmed are sent, the rest are completed
 * without a call. A re-sync with nothing pending plans nothing and makes zero
 * API calls.
 */
export interface PlannedItem {
  item: PushItem;
  hash: string;
  action: 'create' | 'update';
}

interface PlanChunk {
  send: PlannedItem[];
  /** the version moved but the payload is the same (e.g. only the avatar changed) */
  unchanged: { contactId: number; version: number }[];
}


function withoutKeys(payload: Readonly<Payload>, keys: readonly string[]): Payload {
  const out: Payload = { ...payload };
  for (const key of keys) delete out[key];
  return out;
}

function planItem(contact: Contact, link: SyncLink | undefined, connector: Connector, connection: Connection, hold: ConflictHold | null): PlannedItem | null {
  const mapped = connector.map(contact, connection, link?.aux ?? {});
  const held = hold?.(contact.id) ?? [];
  // a field in conflict is neither written nor cleared (pull/hold-conflicts.ts)
  const payload = held.length > 0 ? withoutKeys(mapped, held) : mapped;
  const previousPayload = held.length > 0 ? withoutKeys(link?.payload ?? {}, held) : link?.payload ?? {};
  const hash = hashPayload(payload);
  if (link?.payloadHash === hash) return null;
  return {
    hash,
    action: link?.externalId ? 'update' : 'create',
    item: {
      contactId: contact.id,
      contactVersion: contact.version,
      uid: contact.uid,
      externalId: link?.externalId ?? null,
      payload,
      previousPayload,
      aux: link?.aux ?? {},
      ...(link && link.unconfirmed.length > 0 ? { unconfirmed: link.unconfirmed } : {}),
      contact,
    },
  };
}

export function planChunk(db: Db, connection: Connection, connector: Connector, ids: number[]): PlanChunk {
  const contacts = liveContactsByIds(db, ids);
  const links = getLinks(db, connection.id, ids);
  const chunk: PlanChunk = { send: [], unchanged: [] };
  const hold = conflictHold(db, connection, connector);
  for (const contact of contacts) {
    const planned = planItem(contact, links.get(contact.id), connector, connection, hold);
    if (planned) chunk.send.push(planned);
    else chunk.unchanged.push({ contactId: contact.id, version: contact.version });
  }
  return chunk;
}

/**
 * The contacts a run sends, lowest id first. `dueBy` honours per-record retry
 * delays (Automatic and Scheduled runs); null takes every pending contact
 * (Sync now and the dry run: the person asked for it now).
 */
export function planCandidates(db: Db, connection: Connection, dueBy: number | null): number[] {
  return pendingContactIds(db, connection.id, dueBy);
}

/** What the next Sync now would create or update, field by field; writes nothing. */
export function dryRunPlan(db: Db, connection: Connection, connector: Connector, limit: number): DryRunPlan {
  const ids = planCandidates(db, connection, null);
  const plan: DryRunPlan = { connectionId: connection.id, pending: ids.length, unchanged: 0, total: 0, creates: 0, updates: 0, held: 0, items: [] };
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = planChunk(db, connection, connector, ids.slice(i, i + 500));
    plan.unchanged += chunk.unchanged.length;
    // what the sync would hold rather than send (main/sync/shared-email.ts), with its sentence
    const shared = holdSharedEmails(db, connection, chunk.send);
    plan.held += shared.held.length;
    shared.results.forEach((r, j) => {
      const p = shared.held[j];
      if (p && plan.items.length < limit) plan.items.push({ contactId: r.contactId, name: displayName(p.item.contact), action: 'held', reason: r.message, changes: [] });
    });
    for (const p of shared.send) {
      plan.total++;
      if (p.action === 'create') plan.creates++;
      else plan.updates++;
      if (plan.items.length < limit) {
        const item: DryRunItem = {
          contactId: p.item.contactId,
          name: displayName(p.item.contact),
          action: p.action,
          changes: diffPayloads(p.item.previousPayload, p.item.payload),
        };
        plan.items.push(item);
      }
    }
  }
  return plan;
}
