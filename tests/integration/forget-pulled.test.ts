/**
 * "Forget this person" on a contact that came from a pull: no byte of the person
 * may stay in the pull's tables (contact_history old/new values, conflicts' two
 * values, potential_duplicates' CRM name and e-mail, on this contact or on any
 * other) nor in the pull checkpoint. Real SQLite file, HubSpot sandbox on loopback.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { recordActionsFor } from '../../main/crm/record-actions';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { createCard } from '../../main/store/cards';
import { createContact, getContact, listContacts, updateContact } from '../../main/store/contacts';
import { DATABASE_FILE, openDatabase, type Db } from '../../main/store/db';
import { listConflicts } from '../../main/store/conflicts';
import { listHistory } from '../../main/store/contact-history';
import { listPotentialDuplicates } from '../../main/store/potential-duplicates';
import { createSyncEngine } from '../../main/sync/engine';
import { forgetContact } from '../../main/forget/forget-service';
import { tempDir } from '../support/temp-dir';

const TOKEN = 'pat-na1-forget-pulled-test-0001';
const region = { region: 'GB' };
let sandbox: HubSpotSandbox | undefined;
let db: Db | undefined;
afterEach(async () => {
  if (db?.open) db.close();
  await sandbox?.close();
});

it('forgetting a pulled person with history, a conflict and potential duplicates leaves none of them in the file', async () => {
  sandbox = await startHubSpotSandbox({ port: 0, token: TOKEN });
  const dir = tempDir();
  db = openDatabase(dir);
  const registry = new ConnectorRegistry({ vault: new InMemoryVault() });
  const engine = createSyncEngine({ db, connectors: registry });
  const card = createCard(db, 'Forget').id;
  const other = createContact(db, card, { firstName: 'Someone', lastName: 'Else', emails: [{ value: 'someone@else.example' }] }, region).id;
  sandbox.admin.writeContacts([{ properties: { email: 'zelda.quartermaine@privacy.example', firstname: 'Zelda', lastname: 'Quartermaine', company: 'Quartermaine Holdings', jobtitle: 'Analyst' } }]);
  const c = await engine.connect({ cardId: card, kind: 'hubspot', config: { baseUrl: sandbox.url, auth: 'private-app' }, secrets: { private_app_token: TOKEN } });
  engine.setDirection(c.id, 'two-way');
  await engine.syncNow(c.id);
  await engine.pullNow(c.id);
  const zelda = listContacts(db, card).find((k) => k.lastName === 'Quartermaine');
  expect(zelda?.source).toBe('hubspot');
  const id = zelda?.id ?? 0;

  // HubSpot changes her company (history), both sides change her title (a conflict), and two more HubSpot
  // records look like her: one with her name (a potential duplicate on her), one with her name and the other
  // contact's e-mail (a potential duplicate on someone else that names her)
  const record = sandbox.admin.contactByEmail('zelda.quartermaine@privacy.example')?.id ?? '';
  sandbox.admin.writeContacts([
    { id: record, properties: { company: 'Quartermaine Industries', jobtitle: 'Quartermaine CFO (CRM)' } },
    { properties: { email: 'zq@quartermaine-home.example', firstname: 'Zelda', lastname: 'Quartermaine' } },
    { properties: { email: 'someone@else.example', firstname: 'Zelda', lastname: 'Quartermaine' } },
  ]);
  updateContact(db, id, { title: 'Quartermaine CEO (Ferry)' }, region);
  const pulled = await engine.pullNow(c.id);
  expect(pulled.conflicts).toBe(1);
  expect(listHistory(db, id, 10).map((h) => h.new)).toContain('Quartermaine Industries');
  expect(listConflicts(db, { contactId: id, state: 'open', limit: 10, offset: 0 }).items).toMatchObject([{ crmValue: 'Quartermaine CFO (CRM)' }]);
  expect(listPotentialDuplicates(db, { contactId: id })).toMatchObject([{ crmEmail: 'zq@quartermaine-home.example' }]);
  expect(listPotentialDuplicates(db, { contactId: other })).toMatchObject([{ crmName: 'Zelda Quartermaine' }]);

  const recordActions = (connection: Parameters<typeof recordActionsFor>[1]) => recordActionsFor(registry, connection);
  const forgotten = await forgetContact({ db, recordActions, now: () => Date.now() }, id);
  expect(forgotten.crms).toEqual([expect.objectContaining({ crm: 'HubSpot', outcome: 'erased' })]);
  expect(getContact(db, id)).toBeUndefined();
  // the other contact keeps its own data, and loses only the line that named her
  expect(getContact(db, other)?.emails[0]?.value).toBe('someone@else.example');
  expect(listPotentialDuplicates(db, { contactId: other })).toEqual([]);
  expect(JSON.stringify(db.prepare('SELECT cursor FROM pull_checkpoints').all())).not.toMatch(/zelda|quartermaine/i);
  await engine.stop();

  db.exec('VACUUM');
  db.close();
  const files = [DATABASE_FILE, `${DATABASE_FILE}-wal`].map((f) => join(dir, f)).filter((f) => existsSync(f));
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const bytes = readFileSync(file).toString('latin1').toLowerCase();
    expect(bytes).not.toContain('quartermaine');
    expect(bytes).not.toContain('zelda');
    expect(bytes).toContain('someone@else.example');
  }
});
