import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZohoSandbox, type ZohoSandbox } from '../../main/sandbox/zoho/index';
import { createCard } from '../../main/store/cards';
import { createConnection } from '../../main/store/connections';
import { countContacts } from '../../main/store/contacts';
import { openDatabase } from '../../main/store/db';
import { runFerry } from '../support/run-ferry';
import { tempDir } from '../support/temp-dir';

const TOKEN = '1000.pull-cli-token-0123456789';

/** `ferry rules zoho` and `ferry pull --connection zoho`, as the README shows them, through the real CLI. */
describe('the Zoho CRM pull from the command line', () => {
  let sandbox: ZohoSandbox;
  beforeAll(async () => { sandbox = await startZohoSandbox({ port: 0, token: TOKEN }); });
  afterAll(async () => { await sandbox.close(); });

  it('lists the fields a pull reads and those it does not, then pulls', { timeout: 60_000 }, async () => {
    for (const i of [1, 2, 3]) sandbox.admin.seedContact({ Email: `cli${i}@example.com`, First_Name: `Cli${i}`, Last_Name: 'Person', Title: 'Buyer' });
    const dataDir = tempDir();
    const db = openDatabase(dataDir);
    const cardId = createCard(db, 'CLI').id;
    createConnection(db, { cardId, kind: 'zoho', label: 'Zoho CRM', direction: 'two-way', config: { baseUrl: sandbox.url, tokenEnv: 'FERRY_ZOHO_TOKEN', region: 'com' } });
    db.close();
    const env = { FERRY_ZOHO_TOKEN: TOKEN };

    const rules = await runFerry(['--data-dir', dataDir, 'rules', 'zoho'], env);
    expect(rules.code, rules.stderr).toBe(0);
    expect(rules.stdout).toMatch(/read back: .*emails.*firstName.*lastName.*phones.*title.*addresses/);
    expect(rules.stdout).toMatch(/not read: company \(in Description's "From Ferry" block/);
    expect(rules.stdout).toMatch(/not read: notes /);

    const pulled = await runFerry(['--data-dir', dataDir, 'pull', '--connection', 'zoho'], env);
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(pulled.stdout).toMatch(/Zoho CRM: pulled: 3 records read, 3 new/);
    const after = openDatabase(dataDir);
    expect(countContacts(after, cardId)).toBe(3);
    after.close();
    // every record now carries its contact's Ferry Id
    expect(sandbox.admin.contacts().every((c) => Boolean(c.fields.Ferry_Id))).toBe(true);

    // deletes, both ways, and "forget this person", as the README shows them
    const on = await runFerry(['--data-dir', dataDir, 'deletes', 'zoho', 'archive'], env);
    expect(on.code, on.stderr).toBe(0);
    expect(on.stdout).toContain('Zoho CRM: Contacts deleted in Ferry are deleted in Zoho CRM (they wait in its Recycle Bin for 60 days).');
    const fromCrm = await runFerry(['--data-dir', dataDir, 'deletes', 'zoho', '--from-crm', 'delete'], env);
    expect(fromCrm.code, fromCrm.stderr).toBe(0);
    expect(fromCrm.stdout).toContain('Zoho CRM: Contacts deleted in Zoho CRM are deleted in Ferry too');
    const check = openDatabase(dataDir);
    const first = check.prepare('SELECT id FROM contacts ORDER BY id LIMIT 1').pluck().get() as number;
    check.close();
    const plan = await runFerry(['--data-dir', dataDir, 'forget', String(first), '--preview'], env);
    // the confirmation says what happens there (it read only "deletes record N in Zoho CRM")
    expect(plan.stdout).toMatch(/Zoho CRM: deletes record \d+ in Zoho CRM — then deletes it for good from Zoho CRM's Recycle Bin/);
    const forgot = await runFerry(['--data-dir', dataDir, 'forget', String(first)], env);
    expect(forgot.code, forgot.stderr).toBe(0);
    expect(sandbox.admin.contacts()).toHaveLength(2);
  });
});
