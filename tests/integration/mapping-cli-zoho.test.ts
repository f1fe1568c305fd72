/**
 * `ferry mapping` for a newer destination, through the real executable against
 * the Zoho CRM sandbox: `show` lists Zoho's own Contacts fields with their
 * types, a field Zoho lacks or will not let Ferry write is refused with a
 * sentence, and a picklist mapping reaches Zoho.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZohoSandbox, type ZohoSandbox } from '../../main/sandbox/zoho/index';
import type { MappingView } from '../../preload/schemas/mapping';
import { runFerry } from '../support/run-ferry';
import { tempDir } from '../support/temp-dir';

const TOKEN = '1000.mapping-cli-zoho-token';
let sandbox: ZohoSandbox;
beforeAll(async () => { sandbox = await startZohoSandbox({ port: 0, token: TOKEN }); });
afterAll(async () => { await sandbox.close(); });

describe('ferry mapping with Zoho CRM', { timeout: 180_000 }, () => {
  it('show lists Zoho\'s fields; set refuses what Zoho lacks or will not take; a mapped picklist value reaches Zoho', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const ferry = (...args: string[]) => runFerry(['--data-dir', dataDir, ...args], { FERRY_ZOHO_TOKEN: TOKEN });
    const connected = await ferry('connect', 'zoho', '--base-url', sandbox.url);
    expect(connected.code, connected.stderr).toBe(0);
    expect((await ferry('contacts', 'add', '--first', 'Ada', '--last', 'Lovelace', '--email', 'ada@example.com', '--custom', 'Source=Expo')).code).toBe(0);

    const shown = await ferry('--json', 'mapping', 'show', 'zoho');
    expect(shown.code, shown.stderr).toBe(0);
    const view = JSON.parse(shown.stdout) as MappingView;
    expect(view.crmFields?.find((f) => f.name === 'Lead_Source')).toMatchObject({ type: 'enumeration', writable: true });
    expect(view.crmFields?.find((f) => f.name === 'Created_Time')).toMatchObject({ writable: false });
    expect(view.rows.find((r) => r.ferryField === 'title')).toMatchObject({ target: 'Title', targetType: 'string' });

    const human = await ferry('mapping', 'show', 'zoho');
    expect(human.stdout).toMatch(/title\s+→ Title/);
    expect(human.stdout).toMatch(/Zoho CRM has \d+ fields Ferry can write/);

    const missing = await ferry('mapping', 'set', 'zoho', 'custom.Source', 'Source_Channel');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Zoho CRM has no field 'Source_Channel'");
    const readOnly = await ferry('mapping', 'set', 'zoho', 'title', 'Full_Name');
    expect(readOnly.stderr).toContain('does not let Ferry write the field Full Name');

    const set = await ferry('mapping', 'set', 'zoho', 'custom.Source', 'Lead_Source', '--transform', '{"kind":"valueMap","map":{"Expo":"Trade Show"}}');
    expect(set.code, set.stderr).toBe(0);
    expect((await ferry('sync')).code).toBe(0);
    expect(sandbox.admin.contacts().find((r) => r.fields.Email === 'ada@example.com')?.fields).toMatchObject({ Lead_Source: 'Trade Show', Last_Name: 'Lovelace' });
  });
});
