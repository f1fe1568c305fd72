// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { problemOf } from '../../renderer/lib/problems';
import { statusWords, syncedPhrase } from '../../renderer/lib/kinds';
import { createStores } from '../../renderer/store/stores';
import { PAGE_SIZE } from '../../renderer/store/contacts-store';
import { wireEvents } from '../../renderer/store/stores';
import { contact, connectionView, fakeBridge } from './ui-fake-bridge';

const summary = { runId: 7, connectionId: 1, trigger: 'manual' as const, state: 'succeeded' as const, planned: 3, created: 3, updated: 0, unchanged: 0, failed: 0, quarantined: 0, apiCalls: 1, rateLimited: 0, startedAt: 0, finishedAt: 20, error: null };

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

  it('an empty search returns to the paged list', async () => {
    const bridge = fakeBridge({ searchContacts: async () => [contact(1)] });
    const stores = createStores(bridge.client, true);
    await stores.contacts.getState().search('acme');
    expect(stores.contacts.getState().results).toHaveLength(1);
    await stores.contacts.getState().search('  ');
    expect(stores.contacts.getState().results).toBeNull();
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

describe('problems in a rep\'s words', () => {
  it('needs reauthorization → reconnect, with the CRM\'s message kept for the disclosure', () => {
    const p = problemOf(connectionView({ status: 'needs_reauth', health: 'error', pending: 2, lastError: 'Reconnect HubSpot to resume syncing.', lastErrorDetail: 'EXPIRED_AUTHENTICATION' }));
    expect(p).toMatchObject({ tone: 'error', steps: ['reconnect'], detail: 'EXPIRED_AUTHENTICATION' });
    expect(p?.explanation).toContain('2 contacts are kept');
  });

  it('a run waiting out a 429 says so as a warning that needs no action', () => {
    const p = problemOf(connectionView({ status: 'syncing', lastError: 'HubSpot asked Ferry to slow down; syncing continues at a lower pace.' }));
    expect(p).toMatchObject({ tone: 'warning', title: 'HubSpot is having trouble keeping up', steps: [] });
  });

  it('a missing scope → ask an admin, then resume', () => {
    expect(problemOf(connectionView({ status: 'paused', lastError: 'HubSpot is missing the scope crm.objects.contacts.write.' }))?.steps).toEqual(['ask-admin', 'resume']);
  });

  it('set-aside records → show them in the log', () => {
    expect(problemOf(connectionView({ quarantined: 3, health: 'warning' }))).toMatchObject({ title: 'HubSpot rejected 3 records', steps: ['show-quarantined'] });
  });

  it('healthy → no problem; Zapier is "delivered", never "synced"', () => {
    expect(problemOf(connectionView())).toBeNull();
    expect(syncedPhrase('zapier')).toBe('delivered to Zapier');
    expect(statusWords(connectionView({ kind: 'zapier', status: 'syncing' }))).toBe('Delivering…');
  });
});
