import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZohoSandbox, type ZohoSandbox } from '../../main/sandbox/zoho/index';
import { createCard } from '../../main/store/cards';
import { createConnection } from '../../main/store/connections';
import { createContact } from '../../main/store/contacts';
import { openDatabase } from '../../main/store/db';
import { runFerry } from '../support/run-ferry';
import { tempDir } from '../support/temp-dir';

const TOKEN = '1000.shared-email-cli-0123456789';

/** A contact held for a shared e-mail, as the command line shows it: the preview, the sync and the log. */
describe('two contacts with one e-mail, from the command line (Zoho CRM)', () => {
  let sandbox: ZohoSandbox;
  beforeAll(async () => { sandbox = await startZohoSandbox({ port: 0, token: TOKEN }); });
  afterAll(async () => { await sandbox.close(); });

  it('the preview and the log name the first contact; the sync sends only the first', { timeout: 60_000 }, async () => {
    const dataDir = tempDir();
    const db = openDatabase(dataDir);
    const cardId = createCard(db, 'CLI').id;
    createConnection(db, { cardId, kind: 'zoho', label: 'Zoho CRM', config: { baseUrl: sandbox.url, tokenEnv: 'FERRY_ZOHO_TOKEN', region: 'com' } });
    const ada = createContact(db, cardId, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }] }, { region: 'US' });
    const other = createContact(db, cardId, { firstName: 'Augusta', lastName: 'King', emails: [{ value: 'Ada@Example.com' }] }, { region: 'US' });
    db.close();
    const env = { FERRY_ZOHO_TOKEN: TOKEN };
    const sentence = `Ada Lovelace (contact #${ada.id}) in Ferry has the same e-mail address, ada@example.com, and Zoho CRM matches contacts by e-mail`;

    const preview = await runFerry(['--data-dir', dataDir, 'sync', '--dry-run', '--connection', 'zoho'], env);
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toContain('would create 1 and update 0 contact(s); would set aside 1: another contact has the same e-mail there.');
    expect(preview.stdout).toContain(`set aside Augusta King (#${other.id})`);
    expect(preview.stdout).toContain(sentence);

    const sync = await runFerry(['--data-dir', dataDir, 'sync', '--connection', 'zoho'], env);
    // a contact set aside makes the run partial, as any contact a CRM refused does, but it is
    // counted as set aside for its e-mail, never as rejected: Zoho CRM never saw it
    expect(sync.stdout).toContain('Zoho CRM: 1 created, 0 updated, 0 unchanged, 1 set aside (same e-mail as another contact), 0 rejected, 0 not sent');
    expect(sync.stderr).toContain('Zoho CRM: 1 contact set aside (same e-mail as another contact): Zoho CRM matches contacts by e-mail');
    expect(`${sync.stdout}${sync.stderr}`).not.toMatch(/rejected 1|1 rejected/);
    expect(sync.code).toBe(1);
    expect(sandbox.admin.contacts()).toHaveLength(1);
    expect(sandbox.admin.contacts()[0]?.fields).toMatchObject({ Ferry_Id: ada.uid, First_Name: 'Ada' });

    const log = await runFerry(['--data-dir', dataDir, 'log', '--errors'], env);
    expect(log.code, log.stderr).toBe(0);
    expect(log.stdout).toContain(sentence);
    expect(log.stdout).toMatch(/ set aside\s+Augusta King — Ada Lovelace/);
  });
});
