import type { Contact } from '../../preload/schemas/contact';
import type { Connection } from '../../main/store/connections';
import type { PushContext, PushItem } from '../../main/sync/connector';
import type { Connector } from '../../main/sync/connector';
import { EMPTY_MAPPING } from '../../preload/schemas/mapping';

/** Contacts, connections and push contexts for the delivery connectors' tests (Zapier and webhook). */

export function contact(n: number, overrides: Partial<Contact> = {}): Contact {
  return {
    id: n,
    uid: `c-uid-${n}`,
    cardId: 1,
    firstName: `Ada${n}`,
    lastName: 'Lovelace',
    emails: [{ value: `ada${n}@example.com`, label: 'work' }, { value: `ada${n}@home.example` }],
    phones: [{ raw: '+44 20 7946 0018', label: 'mobile', e164: '+442079460018' }],
    company: 'Analytical Engines Ltd',
    title: 'Engineer',
    website: 'https://example.com',
    addresses: [{ label: 'office', street: '1 Main St', city: 'London', region: '', postalCode: 'N1', country: 'UK' }],
    notes: 'Met at the stand; wants a demo.',
    tags: ['vip', 'expo-2026'],
    customFields: { Budget: '10k' },
    meeting: { at: '2026-03-01', place: 'Hall B', event: 'Expo', notes: 'coffee' },
    source: 'manual',
    hasAvatar: true,
    hasLogo: true,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_100_000,
    deletedAt: null,
    version: 3,
    ...overrides,
  };
}

export function connection(kind: Connection['kind'], overrides: Partial<Connection> = {}): Connection {
  return {
    id: 7, cardId: 1, kind, label: kind, status: 'connected', mode: 'manual', intervalMinutes: null, direction: 'push',
    config: { sandbox: true }, mapping: EMPTY_MAPPING, lastSuccessAt: null, lastError: null, lastErrorDetail: null,
    createdAt: 0, updatedAt: 0, disconnectedAt: null, ...overrides,
  };
}

export function pushItem(connector: Connector, conn: Connection, c: Contact, externalId: string | null = null): PushItem {
  return {
    contactId: c.id, contactVersion: c.version, uid: c.uid, externalId, payload: connector.map(c, conn),
    previousPayload: {}, aux: {}, contact: c,
  };
}

export interface RecordingContext extends PushContext {
  calls: { before: number; after: number[] };
}

/** A push context without a limiter that counts the connector's hook calls. */
export function recordingContext(conn: Connection, hooks: Partial<Pick<PushContext, 'beforeRequest'>> = {}): RecordingContext {
  const calls = { before: 0, after: [] as number[] };
  return {
    connection: conn,
    calls,
    beforeRequest: async () => {
      calls.before += 1;
      await hooks.beforeRequest?.();
    },
    afterResponse: (info) => { calls.after.push(info.status); },
    signal: new AbortController().signal,
  };
}

/** Resolves with the SyncError (or whatever) a promise rejects with. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}
