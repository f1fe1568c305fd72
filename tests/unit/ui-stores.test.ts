// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createStores } from '../../renderer/store/stores';
import { PAGE_SIZE } from '../../renderer/store/contacts-store';
import { wireEvents } from '../../renderer/store/stores';
import { contact, connectionView, fakeBridge } from './ui-fake-bridge';

const summary = { runId: 7, connectionId: 1, trigger: 'manual' as const, state: 'succeeded' as const, planned: 3, created: 3, updated: 0, deleted: 0, marked: 0, unchanged: 0, failed: 0, quarantined: 0, held: 0, apiCalls: 1, rateLimited: 0, startedAt: 0, finishedAt: 20, error: null };

describe('connections store', () => {
  it('loads, follows progress events, and clears progress when the run finishes', async () => {
    const bridge = fakeBridge({ listConnections: async () => [connectionView()] });
    const stores = createStores(bridge.client, true);
    const off = wireEvents(stores);
    await stores.connections.getState().load();
    expect(stores.connections.getState().connections).toHaveLength(1);

    bridge.emit('syncProgress', { connectionId: 1, runId: 7, done: 40, total: 100, rate: 20, etaMs: 3000 });
    expect(stores.connections.getState().progress[1]).toMatchObject({ done: 40, total: 100 });
    bridge.emit('runFinished', summary);
    expect(stores.connections.getState().progress[1]).toBeUndefined();
    expect(stores.connections.getState().lastRun[1]).toMatchObject({ created: 3 });
    off();
  });

  it('Sync all says what it sent and, apart, the contacts set aside for a shared e-mail (never as sent or refused)', async () => {
    const bridge = fakeBridge({
      listConnections: async () => [connectionView()],
      syncAll: async () => ({ runs: [{ ...summary, held: 1 }, { ...summary, connectionId: 2, created: 2, held: 2 }], failures: [] }),
    });
    const stores = createStores(bridge.client, true);
    expect(await stores.connections.getState().syncAll()).toBe('Sent 5 changes. 3 contacts set aside (same e-mail as another contact).');
  });

  it('keeps an action failure as a sentence on that connection and clears busy', async () => {
    const bridge = fakeBridge({
      listConnections: async () => [connectionView()],
      syncNow: async () => { throw new Error('HubSpot needs to be reconnected before it can sync.'); },
    });
    const stores = createStores(bridge.client, true);
    await stores.connections.getState().run(1, 'syncNow');
    expect(stores.connections.getState().actionError[1]).toMatch(/reconnected/);
    expect(stores.connections.getState().busy[1]).toBeUndefined();
  });

  it('a status event shows the new status at once', async () => {
    const bridge = fakeBridge({ listConnections: async () => [connectionView()] });
    const stores = createStores(bridge.client, true);
    wireEvents(stores);
    await stores.connections.getState().load();
    bridge.emit('connectionStatus', { connectionId: 1, status: 'needs_reauth', message: 'Reconnect HubSpot.' });
    expect(stores.connections.getState().connections?.[0]?.status).toBe('needs_reauth');
  });
});

describe('contacts store', () => {
  it('fetches each page a visible window touches once, by offset', async () => {
    const bridge = fakeBridge({
      listContacts: async (input) => {
        const offset = (input as { offset: number }).offset;
        return { items: Array.from({ length: PAGE_SIZE }, (_, i) => contact(offset + i + 1)), total: 100_000 };
      },
    });
    const stores = createStores(bridge.client, true);
    stores.contacts.getState().ensureRange(190, 215);
    stores.contacts.getState().ensureRange(195, 220);
    await new Promise((r) => setTimeout(r, 0));
    const offsets = bridge.calls.filter((c) => c.channel === 'listContacts').map((c) => (c.input as { offset: number }).offset);
    expect(offsets).toEqual([0, PAGE_SIZE]);
    expect(stores.contacts.getState().total).toBe(100_000);
    expect(stores.contacts.getState().pages[1]?.[0]?.id).toBe(PAGE_SIZE + 1);
  });

  it('a search pages like the list and keeps the true total; an empty search returns to the list', async () => {
    const bridge = fakeBridge({
      searchContacts: async (input) => ({ items: Array.from({ length: PAGE_SIZE }, (_, i) => contact((input as { offset: number }).offset + i + 1)), total: 652 }),
      listContacts: async () => ({ items: [contact(1)], total: 50 }),
    });
    const stores = createStores(bridge.client, true);
    await stores.contacts.getState().search('acme');
    expect(stores.contacts.getState().matchTotal).toBe(652);
    stores.contacts.getState().ensureRange(600, 651);
    await new Promise((r) => setTimeout(r, 0));
    const offsets = bridge.calls.filter((c) => c.channel === 'searchContacts').map((c) => (c.input as { offset: number }).offset);
    expect(offsets).toEqual([0, 3 * PAGE_SIZE]);
    await stores.contacts.getState().search('  ');
    expect(stores.contacts.getState().matchTotal).toBeNull();
    expect(stores.contacts.getState().total).toBe(50);
  });

  it('a new contact clears the search that would hide it and opens it', async () => {
    const bridge = fakeBridge({
      searchContacts: async () => ({ items: [contact(1)], total: 1 }),
      listContacts: async () => ({ items: [contact(1), contact(2)], total: 2 }),
      createContact: async () => contact(2),
      getContact: async () => ({ contact: contact(2), sync: [] }),
    });
    const stores = createStores(bridge.client, true);
    await stores.contacts.getState().search('First1');
    await stores.contacts.getState().create({ firstName: 'New' });
    expect(stores.contacts.getState().query).toBe('');
    expect(stores.contacts.getState().selectedId).toBe(2);
  });
});

describe('app store', () => {
  it('tells main when the browser goes offline and back', async () => {
    const bridge = fakeBridge({ setOnline: async () => null });
    const stores = createStores(bridge.client, true);
    stores.app.getState().setOnline(false);
    stores.app.getState().setOnline(true);
    expect(bridge.calls.map((c) => c.input)).toEqual([{ online: false }, { online: true }]);
  });

  it('shows a notification once per key', () => {
    const stores = createStores(fakeBridge().client, true);
    const n = { key: 'connection:1:needs_reauth', level: 'error' as const, title: 'HubSpot needs you to sign in again', body: '…', connectionId: 1 };
    stores.app.getState().notify(n);
    stores.app.getState().notify(n);
    expect(stores.app.getState().notifications).toHaveLength(1);
  });
});
