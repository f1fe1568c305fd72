/**
 * "Add Ferry ID field" (the card's button, `ferry salesforce add-ferry-id`):
 * the sentence a contact without e-mail is set aside with names both; running
 * it creates Ferry_Id__c through the Tooling API, and the contacts that were set
 * aside go with the next sync, once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { NEEDS_FERRY_ID } from '../../main/crm/salesforce';
import { startSalesforceSandbox } from '../../main/sandbox/salesforce/index';
import { runFerry } from '../support/run-ferry';
import { tempDir } from '../support/temp-dir';

const TOKEN = '00Dsetup!token.0001';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

describe('ferry salesforce add-ferry-id', { timeout: 120_000 }, () => {
  it('sets aside a contact without e-mail, adds the field on request, then sends it once; a second run changes nothing', async () => {
    expect(NEEDS_FERRY_ID).toContain('ferry salesforce add-ferry-id');
    const sandbox = await startSalesforceSandbox({ port: 0, token: TOKEN, schema: { ferryIdField: false } });
    cleanups.push(() => sandbox.close());
    const dir = tempDir();
    const env = { FERRY_SALESFORCE_TOKEN: TOKEN, FERRY_POLICY_FILE: `${dir}/no-policy.json` };
    const ferry = (...args: string[]) => runFerry(['--data-dir', dir, ...args], env);
    expect((await ferry('contacts', 'add', '--first', 'Ada', '--last', 'Lovelace', '--phone', '+16175550142')).code).toBe(0);
    expect((await ferry('contacts', 'add', '--first', 'Grace', '--last', 'Hopper', '--email', 'grace@example.com')).code).toBe(0);
    const connect = await ferry('connect', 'salesforce', '--instance-url', sandbox.url);
    expect(connect.code, connect.stderr).toBe(0);

    const first = await ferry('sync');
    expect(first.code).toBe(1);
    expect(sandbox.admin.records('Contact')).toHaveLength(1);
    expect((await ferry('log', '--errors')).stdout).toContain('ferry salesforce add-ferry-id');

    const added = await ferry('salesforce', 'add-ferry-id');
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('Ferry added the Ferry ID field to Contact and Lead. Contacts without an e-mail that were set aside go with the next sync.');

    const second = await ferry('sync');
    expect(second.code, second.stderr).toBe(0);
    const records = sandbox.admin.records('Contact');
    expect(records).toHaveLength(2);
    expect(records.filter((r) => r.fields.LastName === 'Lovelace')).toHaveLength(1);

    const again = await ferry('--json', 'salesforce', 'add-ferry-id');
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual([expect.objectContaining({ message: 'The Ferry ID field was already on Contact and Lead; nothing changed.' })]);
    expect((await ferry('sync')).code).toBe(0);
    expect(sandbox.admin.records('Contact')).toHaveLength(2);
  });

  it('says to ask an admin when the user may not customize the org, and keeps the contact set aside', async () => {
    const sandbox = await startSalesforceSandbox({ port: 0, token: TOKEN, schema: { ferryIdField: false } });
    cleanups.push(() => sandbox.close());
    sandbox.admin.setCanCustomize(false);
    const dir = tempDir();
    const env = { FERRY_SALESFORCE_TOKEN: TOKEN, FERRY_POLICY_FILE: `${dir}/no-policy.json` };
    const ferry = (...args: string[]) => runFerry(['--data-dir', dir, ...args], env);
    expect((await ferry('contacts', 'add', '--first', 'Ada', '--last', 'Lovelace')).code).toBe(0);
    expect((await ferry('connect', 'salesforce', '--instance-url', sandbox.url)).code).toBe(0);
    const added = await ferry('salesforce', 'add-ferry-id');
    expect(added.code).toBe(1);
    expect(added.stderr).toMatch(/admin/i);
    expect(sandbox.admin.records('Contact')).toHaveLength(0);
  });
});
