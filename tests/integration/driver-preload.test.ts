import { describe, expect, it } from 'vitest';
import { DESTINATION_IDS } from '../../destinations/index';
import { preloadDrivers } from '../../main/crm/drivers';
import { openDatabase } from '../../main/store/db';
import { createCard } from '../../main/store/cards';
import { createConnection, type ConnectionKind } from '../../main/store/connections';
import { createSyncEngine, type ConnectorSource } from '../../main/sync/engine';
import { FakeClock } from '../support/fake-clock';
import { tempDir } from '../support/temp-dir';

// bench:fleet: twenty agents turning Automatic on at the same minute each compiled HubSpot's SDK as
// their first push began (0.3 s of CPU each, 6 s on two cores), and the laptops that got the CPU last
// joined the portal's window after the others had filled it.
describe('a long-running host loads its connections\' drivers when its scheduler starts', () => {
  it('asks for the drivers of every connection of the data folder, before any sync', async () => {
    const db = openDatabase(tempDir());
    const cardId = createCard(db, 'Rep').id;
    createConnection(db, { cardId, kind: 'hubspot', label: 'HubSpot', mode: 'manual' });
    createConnection(db, { cardId, kind: 'salesforce', label: 'Salesforce', mode: 'automatic' });
    const preloaded: ConnectionKind[][] = [];
    const created: string[] = [];
    const connectors: ConnectorSource = {
      create: (c) => { created.push(c.kind); throw new Error('no CRM in this test'); },
      preload: async (kinds) => { preloaded.push(kinds); },
      displayName: () => 'CRM', refreshAuth: async () => false, storeSecrets: async () => undefined, forgetSecrets: async () => undefined,
    };
    const engine = createSyncEngine({ db, connectors, clock: new FakeClock(), log: () => undefined });
    expect(preloaded).toEqual([]);
    engine.start();
    expect(preloaded.map((kinds) => [...kinds].sort())).toEqual([['hubspot', 'salesforce']]);
    expect(created).toEqual([]);
    await engine.stop();
    db.close();
  });

  it('every destination\'s driver loads', async () => {
    await expect(preloadDrivers(DESTINATION_IDS)).resolves.toBeUndefined();
  });
});
