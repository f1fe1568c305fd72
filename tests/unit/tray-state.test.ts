import { describe, expect, it } from 'vitest';
import { trayModel, type TrayConnection } from '../../main/shell/tray-state';

const conn = (over: Partial<TrayConnection> = {}): TrayConnection => ({ label: 'HubSpot', status: 'connected', mode: 'automatic', quarantined: 0, ...over });

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
    expect(trayModel([conn({ quarantined: 1 })], []).tooltip).toBe('Ferry — HubSpot: 1 record needs fixing');
  });

  it('offers Pause while something syncs on its own, Resume when something is paused', () => {
    expect(trayModel([conn({ status: 'paused' })], [])).toEqual({ state: 'idle', tooltip: 'Ferry — sync paused', canPause: false, canResume: true });
    expect(trayModel([conn({ mode: 'manual' })], []).canPause).toBe(false);
    expect(trayModel([conn({ status: 'waiting_for_network' })], []).tooltip).toMatch(/offline/);
    expect(trayModel([conn({ status: 'disconnected' })], []).tooltip).toBe('Ferry — no CRM connected');
  });
});
