/**
 * Record links use the portal's own web-app host: account-info's `uiDomain`
 * (EU-hosted portals are app-eu1.hubspot.com), not a constant.
 */
import { describe, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startHubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { crmRecordUrl } from '../../main/services/record-url';
import { createCard } from '../../main/store/cards';
import { requireConnection } from '../../main/store/connections';
import { openDatabase } from '../../main/store/db';
import { createSyncEngine } from '../../main/sync/engine';
import { tempDir } from '../support/temp-dir';
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

  it('the engine keeps the host it learned on connect, so every record of an EU portal links to app-eu1', async () => {
    const sandbox = await startHubSpotSandbox({ port: 0, uiDomain: 'app-eu1.hubspot.com', portalId: 26_000_002, token: 'pat-eu1-record-links-0001' });
    const db = openDatabase(tempDir());
    const engine = createSyncEngine({ db, connectors: new ConnectorRegistry({ vault: new InMemoryVault() }) });
    try {
      const c = await engine.connect({ cardId: createCard(db, 'EU').id, kind: 'hubspot', config: { baseUrl: sandbox.url, auth: 'private-app' }, secrets: { private_app_token: 'pat-eu1-record-links-0001' } });
      const stored = requireConnection(db, c.id);
      expect(stored.config).toMatchObject({ account: '26000002', appHost: 'app-eu1.hubspot.com' });
      expect(crmRecordUrl(stored, '901')).toBe('https://app-eu1.hubspot.com/contacts/26000002/record/0-1/901');
    } finally {
      await engine.stop();
      db.close();
      await sandbox.close();
    }
  });
});
