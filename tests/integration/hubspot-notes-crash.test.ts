/**
 * HubSpot notes have no key to upsert on. When the answer to a note create is
 * lost (a crash, a dropped connection), the next push must find the note the
 * lost call made instead of creating a second one on the contact's timeline.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { createCard } from '../../main/store/cards';
import { createContact } from '../../main/store/contacts';
import { openDatabase, type Db } from '../../main/store/db';
import { createSyncEngine, type SyncEngine } from '../../main/sync/engine';
import { FakeClock } from '../support/fake-clock';
import { startKillSwitchProxy, type KillSwitchProxy } from '../support/kill-switch-proxy';
import { tempDir } from '../support/temp-dir';

const TOKEN = 'pat-na1-notes-crash-0001';
const ctx = { region: 'US' };
const open: (() => Promise<void>)[] = [];
afterEach(async () => { for (const close of open.splice(0).reverse()) await close(); });

async function world(): Promise<{ sandbox: HubSpotSandbox; proxy: KillSwitchProxy; db: Db; cardId: number; engine: SyncEngine; connectionId: number }> {
  const sandbox = await startHubSpotSandbox({ port: 0, token: TOKEN });
  const proxy = await startKillSwitchProxy(sandbox.url);
  const db = openDatabase(tempDir());
  const engine = createSyncEngine({ db, connectors: new ConnectorRegistry({ vault: new InMemoryVault() }), clock: new FakeClock(), random: () => 0.5 });
  open.push(async () => { await engine.stop(); db.close(); await proxy.close(); await sandbox.close(); });
  const cardId = createCard(db, 'Notes').id;
  const connection = await engine.connect({ cardId, kind: 'hubspot', config: { baseUrl: proxy.url, auth: 'private-app' }, secrets: { private_app_token: TOKEN } });
  return { sandbox, proxy, db, cardId, engine, connectionId: connection.id };
}

const routes = (sandbox: HubSpotSandbox): Record<string, number> => sandbox.admin.requests().byRoute;

describe('HubSpot notes after a lost answer', () => {
  it('the note HubSpot created for a push whose answer was lost is adopted, not created again', async () => {
    const w = await world();
    createContact(w.db, w.cardId, { firstName: 'Ada', emails: [{ value: 'ada@example.com' }], notes: 'Met at the booth; wants a demo.' }, ctx);
    // the push's second request is the note create: HubSpot makes the note, its answer never arrives
    w.proxy.arm(2, 'answered', () => undefined);
    const lost = await w.engine.syncNow(w.connectionId);
    expect(lost.state).toBe('failed');
    const record = w.sandbox.admin.contactByEmail('ada@example.com')!;
    expect(w.sandbox.admin.notesForContact(record.id)).toHaveLength(1);

    const again = await w.engine.syncNow(w.connectionId);
    expect(again).toMatchObject({ state: 'succeeded', updated: 1 });
    expect(w.sandbox.admin.notesForContact(record.id)).toHaveLength(1);
    expect(routes(w.sandbox)['POST /crm/v3/objects/notes/batch/create']).toBe(1);
  });

  it('a contact HubSpot already had (with other notes) gets its own note, and a new contact costs no extra read', async () => {
    const w = await world();
    createContact(w.db, w.cardId, { firstName: 'Grace', emails: [{ value: 'grace@example.com' }], notes: 'Ferry note' }, ctx);
    await w.engine.syncNow(w.connectionId);
    // a brand-new record cannot carry a note yet: no association read on a first push
    expect(routes(w.sandbox)['POST /crm/v4/associations/:fromType/:toType/batch/read'] ?? 0).toBe(0);

    // the team's own contact, already in HubSpot with someone else's note
    const existing = await fetch(`${w.sandbox.url}/crm/v3/objects/contacts`, {
      method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { email: 'linus@example.com', firstname: 'Linus' } }),
    }).then((r) => r.json() as Promise<{ id: string }>);
    await fetch(`${w.sandbox.url}/crm/v3/objects/notes`, {
      method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { hs_note_body: 'Called about renewal', hs_timestamp: new Date().toISOString() }, associations: [{ to: { id: existing.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }] }] }),
    });
    createContact(w.db, w.cardId, { firstName: 'Linus', emails: [{ value: 'linus@example.com' }], notes: 'Kernel talk at the expo' }, ctx);
    expect(await w.engine.syncNow(w.connectionId)).toMatchObject({ state: 'succeeded', updated: 1 });
    const bodies = w.sandbox.admin.notesForContact(existing.id).map((n) => n.properties.hs_note_body).sort();
    expect(bodies).toEqual(['Called about renewal', 'Kernel talk at the expo']);
  });
});
