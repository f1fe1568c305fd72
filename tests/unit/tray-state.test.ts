import { describe, expect, it } from 'vitest';
import { connectionsToPause, connectionsToResume, trayModelFromViews } from '../../main/shell/tray-actions';
import { trayModel, type TrayConnection } from '../../main/shell/tray-state';
import type { ConnectionView as View } from '../../preload/schemas/connection';

const conn = (over: Partial<TrayConnection> = {}): TrayConnection => ({ kind: 'hubspot', label: 'HubSpot', status: 'connected', mode: 'automatic', pending: 0, quarantined: 0, lastError: null, lastErrorDetail: null, lastSuccessAt: 1, ...over });

describe('tray state', () => {
  it('is idle with nothing connected, and says so', () => {
    expect(trayModel([], [])).toEqual({ state: 'idle', tooltip: 'Ferry — no CRM connected', canPause: false, canResume: false });
  });

  it('is idle and up to date when every connection is fine', () => {
    expect(trayModel([conn(), conn({ label: 'Zapier', mode: 'manual' })], [])).toMatchObject({ state: 'idle', tooltip: 'Ferry — up to date', canPause: true });
  });

  it('shows syncing with progress from running runs', () => {
    expect(trayModel([conn({ status: 'syncing' })], [{ label: 'HubSpot', done: 40, total: 100 }]))
      .toMatchObject({ state: 'syncing', tooltip: 'Ferry — syncing HubSpot 40/100' });
    expect(trayModel([conn({ status: 'syncing' })], [])).toMatchObject({ state: 'syncing', tooltip: 'Ferry — syncing HubSpot' });
  });

  it('needs attention for reauthorization, errors and quarantined records, even while another syncs', () => {
    const model = trayModel(
      [conn({ status: 'syncing' }), conn({ label: 'Salesforce', status: 'needs_reauth' }), conn({ label: 'Zapier', quarantined: 3 })],
      [{ label: 'HubSpot', done: 1, total: 2 }],
    );
    expect(model).toMatchObject({ state: 'attention', tooltip: 'Ferry — Salesforce needs you to sign in again (and 1 more)' });
    expect(trayModel([conn({ quarantined: 1 })], []).tooltip).toBe('Ferry — HubSpot rejected 1 record');
    expect(trayModel([conn({ lastSuccessAt: null })], []).tooltip).toBe('Ferry — connected, nothing sent yet');
  });

  it('offers Pause while something syncs on its own, Resume when something is paused', () => {
    expect(trayModel([conn({ status: 'paused' })], [])).toEqual({ state: 'idle', tooltip: 'Ferry — sync paused', canPause: false, canResume: true });
    expect(trayModel([conn({ mode: 'manual' })], []).canPause).toBe(false);
    expect(trayModel([conn({ status: 'waiting_for_network' })], []).tooltip).toMatch(/offline/);
  });

  it('never says "up to date" while changes wait to be sent (the same pending count the card shows)', () => {
    expect(trayModel([conn({ mode: 'manual', pending: 2 }), conn({ label: 'Zapier', pending: 1 })], []).tooltip).toBe('Ferry — 3 changes waiting to be sent');
    expect(trayModel([conn({ pending: 1 })], []).tooltip).toBe('Ferry — 1 change waiting to be sent');
    expect(trayModel([conn({ status: 'disconnected' })], []).tooltip).toBe('Ferry — no CRM connected');
  });
});

describe('tray actions', () => {
  const view = (over: Partial<View>): View => ({
    id: 1, cardId: 1, kind: 'hubspot', label: 'HubSpot', status: 'connected', health: 'healthy', mode: 'automatic', intervalMinutes: null,
    sandbox: false, localReceiver: false, account: null, config: {}, hasSecret: true, pending: 0, quarantined: 0, held: 0, quarantinedContactIds: [], lastSuccessAt: null, nextSyncAt: null, lastError: null,
    lastErrorDetail: null, syncedToday: 0, syncedTotal: 0, errorsToday: 0, progress: null, createdAt: 0, updatedAt: 0, disconnectedAt: null, ...over,
  });

  it('pauses what syncs on its own and resumes what is paused', () => {
    const views = [view({ id: 1 }), view({ id: 2, mode: 'manual' }), view({ id: 3, mode: 'scheduled' }), view({ id: 4, status: 'paused' })];
    expect(connectionsToPause(views)).toEqual([1, 3]);
    expect(connectionsToResume(views)).toEqual([4]);
  });

  it('reads progress from the views', () => {
    const model = trayModelFromViews([view({ status: 'syncing', progress: { connectionId: 1, runId: 1, done: 5, total: 10, rate: 1, etaMs: 5 } })]);
    expect(model.tooltip).toBe('Ferry — syncing HubSpot 5/10');
  });
});
