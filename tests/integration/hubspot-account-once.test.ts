/**
 * Who the portal is (GET /account-info/v3/details: portal id, uiDomain, time zone) is asked on
 * connect and then kept with the connection for a day: a Ferry that starts again (the tray agent
 * at login, every laptop of a team at nine) does not spend one of the portal's shared calls on
 * it. New credentials are always asked about.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT_RECHECK_MS } from '../../main/crm/hubspot/connector';
import { ConnectorRegistry } from '../../main/crm/registry';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { createCard } from '../../main/store/cards';
import { requireConnection, updateConnection } from '../../main/store/connections';
import { createContact } from '../../main/store/contacts';
import { openDatabase, type Db } from '../../main/store/db';
import { createSyncEngine, type SyncEngine } from '../../main/sync/engine';
import { tempDir } from '../support/temp-dir';

const TOKEN = 'pat-na1-account-once-0001';
const ACCOUNT_ROUTE = 'GET /account-info/v3/details';

let sandbox: HubSpotSandbox;
let db: Db;
const engines: SyncEngine[] = [];

afterEach(async () => {
  for (const e of engines.splice(0)) await e.stop();
  db.close();
  await sandbox.close();
});

describe('HubSpot account details', () => {
  it('a Ferry that starts again does not ask the portal who it is for a day; after a day, and with new credentials, it asks', async () => {
    sandbox = await startHubSpotSandbox({ port: 0, token: TOKEN, portalId: 26_000_009 });
    db = openDatabase(tempDir());
    const vault = new InMemoryVault();
    // each engine is one start of Ferry (window or agent) on the same data folder
    const start = (): SyncEngine => {
      const engine = createSyncEngine({ db, connectors: new ConnectorRegistry({ vault }), random: () => 0.5 });
      engines.push(engine);
      return engine;
    };
    const asked = (): number => sandbox.admin.requests().byRoute[ACCOUNT_ROUTE] ?? 0;
    const cardId = createCard(db, 'Team').id;
    const c = await start().connect({ cardId, kind: 'hubspot', config: { baseUrl: sandbox.url, auth: 'private-app' }, secrets: { private_app_token: TOKEN } });
    expect(asked()).toBe(1);
    expect(requireConnection(db, c.id).config).toMatchObject({ account: '26000009' });

    createContact(db, cardId, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com', label: 'work' }] }, { region: 'US' });
    const next = await start().syncNow(c.id);
    expect(next).toMatchObject({ state: 'succeeded', created: 1 });
    expect(asked()).toBe(1);

    // a day later the next start asks again
    const config = requireConnection(db, c.id).config;
    updateConnection(db, c.id, { config: { ...config, accountReadAt: Date.now() - ACCOUNT_RECHECK_MS - 1 } }, Date.now());
    createContact(db, cardId, { firstName: 'Bob', lastName: 'Noyce', emails: [{ value: 'bob@example.com', label: 'work' }] }, { region: 'US' });
    const later = start();
    expect(await later.syncNow(c.id)).toMatchObject({ state: 'succeeded', created: 1 });
    expect(asked()).toBe(2);

    // new credentials may belong to another portal: always asked
    await later.reconnect(c.id, { private_app_token: TOKEN });
    expect(asked()).toBe(3);
  });
});
