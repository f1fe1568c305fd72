import { describe, expect, it } from 'vitest';
import { startAttentionMonitor } from '../../main/shell/attention-monitor';
import { NotificationDedupe } from '../../main/shell/notification-dedupe';
import { createEventHub } from '../../main/services/event-hub';
import type { FerryEventMessage } from '../../preload/contract';
import { FakeSyncService } from '../support/fake-sync-service';
import type { Db } from '../../main/store/db';

describe('notification dedupe', () => {
  it('announces a problem once, a new problem again, and re-arms when cleared', () => {
    const d = new NotificationDedupe();
    expect(d.report('1', 'error')).toBe(true);
    expect(d.report('1', 'error')).toBe(false);
    expect(d.report('2', 'error')).toBe(true);
    expect(d.report('1', 'needs_reauth')).toBe(true);
    d.clear('1');
    expect(d.isAnnounced('1')).toBe(false);
    expect(d.report('1', 'needs_reauth')).toBe(true);
  });

  it('notifies once per problem across retries, not once per retry', () => {
    const sync = new FakeSyncService(undefined as unknown as Db);
    const hub = createEventHub((e) => { throw e; });
    const seen: FerryEventMessage[] = [];
    hub.subscribe((m) => seen.push(m));
    startAttentionMonitor({ sync, events: hub, labelOf: (id) => `Conn ${id}` });

    for (let retry = 0; retry < 5; retry++) {
      sync.emit('status', { connectionId: 1, status: 'syncing', message: null });
      sync.emit('status', { connectionId: 1, status: 'error', message: 'HubSpot is not answering.' });
    }
    sync.emit('status', { connectionId: 1, status: 'waiting_for_network', message: null });
    sync.emit('status', { connectionId: 1, status: 'needs_reauth', message: 'Sign in to HubSpot again.' });
    sync.emit('status', { connectionId: 1, status: 'needs_reauth', message: 'Sign in to HubSpot again.' });
    sync.emit('status', { connectionId: 1, status: 'connected', message: null });
    sync.emit('status', { connectionId: 1, status: 'error', message: 'Down again.' });

    expect(seen.map((m) => m.event === 'notification' && [m.payload.title, m.payload.level])).toEqual([
      ['Conn 1 is not syncing', 'warning'],
      ['Conn 1 needs you to sign in again', 'error'],
      ['Conn 1 is not syncing', 'warning'],
    ]);
  });
});
