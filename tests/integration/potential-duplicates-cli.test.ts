import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { createRouter } from '../../main/ipc/router';
import { startRuntime } from '../../main/runtime/index';
import { FakeSyncService } from '../support/fake-sync-service';
import { runFerry } from '../support/run-ferry';
import { tempDir } from '../support/temp-dir';

const TOKEN = 'pat-na1-potential-cli-0001';
const APP = { frameIsMain: true, origin: 'file://' };

/** What the app's contact page reads (the same IPC channel the renderer calls), on the CLI's data folder. */
async function appView(dataDir: string, contactId: number): Promise<unknown> {
  const runtime = await startRuntime({ dataDir, host: 'web', vault: 'memory', firstRun: false, createSync: ({ db }) => new FakeSyncService(db) });
  try {
    const answer = await createRouter(runtime.services, { allowedOrigins: ['file://'] }).call('getPotentialDuplicates', { contactId }, APP);
    expect(answer).toMatchObject({ ok: true });
    return (answer as { value: unknown }).value;
  } finally {
    await runtime.close();
  }
}

/** `ferry potential-duplicates` (list, dismiss) after a real `ferry pull` from the HubSpot sandbox. */
describe('potential duplicates from the command line', () => {
  let sandbox: HubSpotSandbox;
  beforeAll(async () => { sandbox = await startHubSpotSandbox({ port: 0, token: TOKEN }); });
  afterAll(async () => { await sandbox.close(); });

  it('a pull says how to see them; the list shows the contact and the CRM record; a dismissed one is gone here and in the app', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    const env = { FERRY_HUBSPOT_TOKEN: TOKEN };
    const ferry = (...args: string[]) => runFerry(['--data-dir', dataDir, ...args], env);

    const added = await ferry('--json', 'contacts', 'add', '--first', 'Sam', '--last', 'Lee', '--email', 'sam@ferry.example');
    expect(added.code, added.stderr).toBe(0);
    const contactId = (JSON.parse(added.stdout) as { id: number }).id;
    expect((await ferry('connect', 'hubspot', '--base-url', sandbox.url)).code).toBe(0);
    expect((await ferry('direction', 'hubspot', 'pull')).code).toBe(0);
    // her namesake in HubSpot, with another e-mail: not a sure match
    const [record] = sandbox.admin.writeContacts([{ properties: { email: 'sam.lee@other.example', firstname: 'Sam', lastname: 'Lee', company: 'Northwind' } }]);
    const recordId = record!.id;

    const pulled = await ferry('pull');
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(pulled.stdout).toContain("1 potential duplicate (see 'ferry potential-duplicates')");

    const listed = await ferry('potential-duplicates');
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(`#${contactId}  Sam Lee  ↔ HubSpot record ${recordId}: Sam Lee · sam.lee@other.example · Northwind (same name, different e-mail)`);
    expect(listed.stdout).toContain('ferry potential-duplicates dismiss <contact-id> <record-id>');
    const json = await ferry('--json', 'potential-duplicates', '--connection', 'hubspot');
    expect(JSON.parse(json.stdout)).toMatchObject([{ contactId, externalId: recordId, crmEmail: 'sam.lee@other.example', crmCompany: 'Northwind', contactName: 'Sam Lee' }]);
    expect(await appView(dataDir, contactId)).toMatchObject([{ externalId: recordId, crmCompany: 'Northwind' }]);

    const wrong = await ferry('potential-duplicates', 'dismiss', String(contactId), 'no-such-record');
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain(`Contact #${contactId} has no potential duplicate no-such-record.`);

    const dismissed = await ferry('potential-duplicates', 'dismiss', String(contactId), recordId);
    expect(dismissed.code, dismissed.stderr).toBe(0);
    expect(dismissed.stdout).toContain(`Dismissed: HubSpot record ${recordId} is not Sam Lee.`);
    expect((await ferry('potential-duplicates')).stdout).toContain('No potential duplicates.');
    expect(await appView(dataDir, contactId)).toEqual([]);

    // the record changes in HubSpot and is read again: still dismissed, not counted anew
    sandbox.admin.writeContacts([{ id: recordId, properties: { jobtitle: 'Buyer' } }]);
    const again = await ferry('pull');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/HubSpot: pulled: 1 record read/);
    expect(again.stdout).not.toContain('potential duplicate');
    expect((await ferry('potential-duplicates')).stdout).toContain('No potential duplicates.');
  });
});
