import type { FerryClient } from '../../preload/api';
import { CHANNEL_NAMES } from '../../preload/channel-names';
import type { FerryEvents } from '../../preload/contract';
import type { ConnectionView } from '../../preload/schemas/connection';
import type { Contact } from '../../preload/schemas/contact';

type Handlers = Partial<Omit<FerryClient, 'on'>>;

export interface FakeBridge {
  client: FerryClient;
  calls: { channel: string; input: unknown }[];
  emit<E extends keyof FerryEvents>(event: E, payload: FerryEvents[E]): void;
}

/**
 * A bridge implementing the contract's client type for component tests: every
 * channel is recorded, answers come from `handlers`, and events are emitted by
 * the test. A channel without a handler rejects, so a test never passes on a
 * call it did not expect.
 */
export function fakeBridge(handlers: Handlers = {}): FakeBridge {
  const calls: { channel: string; input: unknown }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const methods: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const channel of CHANNEL_NAMES) {
    methods[channel] = async (input?: unknown) => {
      calls.push({ channel, input });
      const handler = (handlers as Record<string, ((input?: unknown) => Promise<unknown>) | undefined>)[channel];
      if (!handler) throw new Error(`unexpected call: ${channel}`);
      return handler(input);
    };
  }
  const on = (event: string, listener: (payload: unknown) => void): (() => void) => {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(listener);
    return () => { set.delete(listener); };
  };
  // Built from the contract's own channel list, like renderer/bridge.ts.
  const client = { ...methods, on } as unknown as FerryClient;
  return {
    client,
    calls,
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
  };
}

export function connectionView(patch: Partial<ConnectionView> = {}): ConnectionView {
  return {
    id: 1, cardId: 1, kind: 'hubspot', label: 'HubSpot Sandbox', status: 'connected', health: 'healthy', mode: 'manual', intervalMinutes: null,
    sandbox: true, localReceiver: false, account: null, config: {}, hasSecret: true, pending: 0, quarantined: 0, held: 0, quarantinedContactIds: [], lastSuccessAt: null, nextSyncAt: null, lastError: null, lastErrorDetail: null,
    syncedToday: 0, syncedTotal: 0, errorsToday: 0, progress: null, createdAt: 0, updatedAt: 0, disconnectedAt: null,
    ...patch,
  };
}

export function contact(id: number, patch: Partial<Contact> = {}): Contact {
  return {
    id, uid: `uid-${id}`, cardId: 1, firstName: `First${id}`, lastName: `Last${id}`, emails: [{ value: `c${id}@example.com` }], phones: [], company: 'Acme', title: '',
    website: '', addresses: [], notes: '', tags: [], customFields: {}, meeting: { at: null, place: '', event: '', notes: '' }, source: 'manual',
    hasAvatar: false, hasLogo: false, createdAt: 0, updatedAt: 0, deletedAt: null, version: 1,
    ...patch,
  };
}
