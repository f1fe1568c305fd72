import { describe, expect, it } from 'vitest';
import { CONNECTION_STATUSES } from '../../main/store/connections';
import { canTransition, healthOf, isRunnable } from '../../main/sync/status';

describe('connection status machine', () => {
  it('a paused or reauth-needing connection never starts a run', () => {
    expect(canTransition('paused', 'syncing')).toBe(false);
    expect(canTransition('needs_reauth', 'syncing')).toBe(false);
    expect(isRunnable('paused')).toBe(false);
    expect(isRunnable('needs_reauth')).toBe(false);
    expect(isRunnable('disconnected')).toBe(false);
  });
  it('only a person leaves needs_reauth (reconnect) or paused (resume)', () => {
    expect(canTransition('needs_reauth', 'connected')).toBe(true);
    expect(canTransition('needs_reauth', 'error')).toBe(false);
    expect(canTransition('paused', 'connected')).toBe(true);
  });
  it('every status has a health colour and may stay as it is', () => {
    for (const s of CONNECTION_STATUSES) {
      expect(canTransition(s, s)).toBe(true);
      expect(['healthy', 'warning', 'error', 'paused']).toContain(healthOf(s));
    }
  });
});
