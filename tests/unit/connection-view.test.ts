import { describe, expect, it } from 'vitest';
import { connectionHealth, publicConfig, startOfLocalDay } from '../../main/services/connection-view';

describe('connection view', () => {
  it('health: paused wins, stopped is an error, syncing-with-a-problem is a warning', () => {
    expect(connectionHealth('paused', 3, 'x')).toBe('paused');
    expect(connectionHealth('needs_reauth', 0, null)).toBe('error');
    expect(connectionHealth('error', 0, null)).toBe('error');
    expect(connectionHealth('waiting_for_network', 0, null)).toBe('warning');
    expect(connectionHealth('connected', 2, null)).toBe('warning');
    expect(connectionHealth('connected', 0, 'HubSpot was slow')).toBe('warning');
    expect(connectionHealth('syncing', 0, null)).toBe('healthy');
  });

  it('copies only the public config fields, whatever else is stored', () => {
    const stored = { baseUrl: 'https://api.hubapi.com', sandbox: true, account: '42', auth: 'oauth' as const, clientSecret: 's3cr3t', token: 'pat-x' };
    expect(publicConfig(stored)).toEqual({ baseUrl: 'https://api.hubapi.com', auth: 'oauth' });
  });

  it('starts the day at local midnight', () => {
    const noon = new Date(2025, 5, 15, 12, 30).getTime();
    expect(startOfLocalDay(noon)).toBe(new Date(2025, 5, 15).getTime());
  });
});
