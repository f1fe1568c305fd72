import { describe, expect, it } from 'vitest';
import { SyncError } from '../../main/sync/connector';
import { BACKOFF_CAP_MS, backoffMs, decideRetry, MAX_ATTEMPTS_IN_RUN } from '../../main/sync/retry';

const half = () => 0.5;

describe('retry decision', () => {
  it('backs off exponentially with jitter, capped', () => {
    expect(backoffMs(0, () => 0)).toBe(500);
    expect(backoffMs(0, () => 1)).toBe(1000);
    expect(backoffMs(3, () => 1)).toBe(8000);
    expect(backoffMs(50, () => 1)).toBe(BACKOFF_CAP_MS);
    const samples = new Set(Array.from({ length: 20 }, (_, i) => backoffMs(4, () => i / 20)));
    expect(samples.size).toBeGreaterThan(10);
  });

  it('offline keeps the outbox and waits for the network', () => {
    const d = decideRetry(new SyncError('network', 'x'), 0, 'HubSpot', half);
    expect(d).toMatchObject({ action: 'wait_for_network', status: 'waiting_for_network' });
    expect(d.message).toMatch(/can't reach HubSpot.*kept/);
  });

  it('5xx and timeouts retry a few times, then hand over to the scheduler', () => {
    expect(decideRetry(new SyncError('server', 'x', { status: 503 }), 0, 'HubSpot', half).action).toBe('retry');
    expect(decideRetry(new SyncError('timeout', 'x'), 1, 'HubSpot', half).action).toBe('retry');
    const last = decideRetry(new SyncError('server', 'x', { status: 503 }), MAX_ATTEMPTS_IN_RUN, 'HubSpot', half);
    expect(last).toMatchObject({ action: 'give_up', status: 'error' });
    expect(last.message).toMatch(/HTTP 503.*nothing is lost/);
  });

  it('429 waits what the CRM asked', () => {
    expect(decideRetry(new SyncError('rate_limited', 'x', { retryAfterMs: 7000 }), 0, 'HubSpot', half)).toMatchObject({ action: 'retry', waitMs: 7000 });
  });

  it('an expired token is refreshed once, then the connection needs reauthorization', () => {
    expect(decideRetry(new SyncError('auth', 'x'), 0, 'Salesforce', half).action).toBe('reauthorize');
    const d = decideRetry(new SyncError('auth', 'x'), 1, 'Salesforce', half);
    expect(d).toMatchObject({ action: 'pause', status: 'needs_reauth' });
    expect(d.message).toMatch(/Reconnect Salesforce/);
  });

  it('a missing scope pauses and names the scope', () => {
    const d = decideRetry(new SyncError('permission', 'x', { scope: 'crm.objects.contacts.write' }), 0, 'HubSpot', half);
    expect(d).toMatchObject({ action: 'pause', status: 'paused' });
    expect(d.message).toContain("'crm.objects.contacts.write'");
  });

  it('the daily allowance waits for the reset without losing anything', () => {
    const d = decideRetry(new SyncError('daily_limit', 'x'), 0, 'HubSpot', half);
    expect(d).toMatchObject({ action: 'give_up', status: 'error' });
    expect(d.message).toMatch(/daily API allowance/);
  });
});
