/**
 * No thundering herd: every laptop of a team that syncs every 15 minutes starts
 * at its own point inside the 15 minutes (stable per data folder), and laptops
 * coming back online together start at their own moment within a window.
 */
import { describe, expect, it, vi } from 'vitest';
import { createCard } from '../../main/store/cards';
import { createConnection, listConnections, updateConnection } from '../../main/store/connections';
import { createContact } from '../../main/store/contacts';
import { openDatabase } from '../../main/store/db';
import { installOffset, isDue, nextSlotAfter, ONLINE_STAGGER_MS } from '../../main/sync/schedule';
import { toConnectionView } from '../../main/services/connection-view';
import { createSyncEngine, type ConnectorSource } from '../../main/sync/engine';
import { FakeClock } from '../support/fake-clock';
import { tempDir } from '../support/temp-dir';

const MIN = 60_000;
const options = { online: true, automaticDelayMs: 2_000, debounceMs: 400 };

describe('scheduled syncs start at a per-install offset inside the interval', () => {
  it('slots are the offset past each multiple of the interval; a late run does not shift the next one', () => {
    const interval = 15 * MIN;
    const base = Date.UTC(2026, 11, 1, 9, 0, 0); // a multiple of 15 minutes
    expect(nextSlotAfter(base, interval, 0.5)).toBe(base + 7.5 * MIN);
    expect(nextSlotAfter(base + 7.5 * MIN, interval, 0.5)).toBe(base + 22.5 * MIN);
    // a run that started 40 s late keeps the slot after it
    expect(nextSlotAfter(base + 7.5 * MIN + 40_000, interval, 0.5)).toBe(base + 22.5 * MIN);
  });

  it('the offset is drawn once per data folder and kept; another folder draws its own', () => {
    const dirs = Array.from({ length: 8 }, () => tempDir());
    const first = dirs.map((d) => { const db = openDatabase(d); const o = installOffset(db); db.close(); return o; });
    const again = dirs.map((d) => { const db = openDatabase(d); const o = installOffset(db); db.close(); return o; });
    expect(again).toEqual(first);
    for (const o of first) expect(o >= 0 && o < 1).toBe(true);
    // eight laptops do not share one second of the interval
    expect(new Set(first.map((o) => Math.floor(o * 15 * 60))).size).toBeGreaterThan(1);
  });

  it('a scheduled connection with changes waiting is due at its slot, not at connect time, and the card says when', () => {
    const db = openDatabase(tempDir());
    const cardId = createCard(db, 'Rep').id;
    const created = Date.UTC(2026, 11, 1, 9, 0, 0);
    createConnection(db, { cardId, kind: 'hubspot', label: 'HubSpot', mode: 'scheduled', intervalMinutes: 15 }, created);
    createContact(db, cardId, { firstName: 'Ada', emails: [{ value: 'ada@example.com' }] }, { region: 'US', now: created });
    const [connection] = listConnections(db);
    const slot = nextSlotAfter(created, 15 * MIN, installOffset(db));
    expect(slot).toBeGreaterThan(created);
    expect(slot).toBeLessThanOrEqual(created + 15 * MIN);
    expect(isDue(db, connection!, slot - 1, options)).toBeNull();
    expect(isDue(db, connection!, slot, options)).toBe('scheduled');
    const view = toConnectionView({
      connection: connection!, hasSecret: true, outbox: { pending: 1, quarantined: 0, due: 1 }, quarantinedContactIds: [], held: 0,
      counters: { syncedToday: 0, syncedTotal: 0, errorsToday: 0 }, lastRunStartedAt: null, now: created, progress: null, installOffset: installOffset(db),
    });
    expect(view.nextSyncAt).toBe(slot);
  });

  it('laptops back online start within one window, each at its own moment (its offset of the window)', async () => {
    const db = openDatabase(tempDir());
    const cardId = createCard(db, 'Rep').id;
    const connection = createConnection(db, { cardId, kind: 'hubspot', label: 'HubSpot', mode: 'automatic' });
    updateConnection(db, connection.id, { status: 'waiting_for_network' });
    const clock = new FakeClock();
    const kicked: number[] = [];
    const connectors: ConnectorSource = {
      create: () => { kicked.push(clock.now()); throw new Error('no CRM in this test'); },
      displayName: () => 'HubSpot', refreshAuth: async () => false, storeSecrets: async () => undefined, forgetSecrets: async () => undefined,
    };
    createContact(db, cardId, { firstName: 'Ada', emails: [{ value: 'ada@example.com' }] }, { region: 'US' });
    const engine = createSyncEngine({ db, connectors, clock, log: () => undefined });
    const back = clock.now();
    engine.setOnline(false);
    engine.setOnline(true);
    await vi.waitFor(() => expect(kicked).toHaveLength(1));
    expect(kicked[0]! - back).toBe(Math.floor(installOffset(db) * ONLINE_STAGGER_MS));
    await engine.stop();
    db.close();
  });
});
