/**
 * Record links use the portal's own web-app host: account-info's `uiDomain`
 * (EU-hosted portals are app-eu1.hubspot.com), not a constant.
 */
import { describe, expect, it } from 'vitest';
import { crmRecordUrl } from '../../main/services/record-url';
import { connection, connectorFixture } from './hubspot-connector-fixture';

const eu = connectorFixture({ uiDomain: 'app-eu1.hubspot.com', portalId: 26_000_001 });

describe('HubSpot record links', () => {
  it('an EU portal says app-eu1.hubspot.com on connect, and its records link there', async () => {
    const learned = await eu.hs.prepare(eu.ctx);
    expect(learned).toMatchObject({ account: '26000001', appHost: 'app-eu1.hubspot.com' });
    const config = { ...connection.config, ...learned };
    expect(crmRecordUrl({ kind: 'hubspot', config }, '901')).toBe('https://app-eu1.hubspot.com/contacts/26000001/record/0-1/901');
  });

  it('never links to a host that is not HubSpot\'s, and falls back to app.hubspot.com', () => {
    expect(crmRecordUrl({ kind: 'hubspot', config: { account: '7', appHost: 'evil.example' } }, '1')).toBe('https://app.hubspot.com/contacts/7/record/0-1/1');
    expect(crmRecordUrl({ kind: 'hubspot', config: { account: '7' } }, '1')).toBe('https://app.hubspot.com/contacts/7/record/0-1/1');
  });
});
