import jsforce, { type Connection } from 'jsforce';
import { afterEach, describe, expect, it } from 'vitest';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../main/sandbox/salesforce';
import { apiError, startHarness, type Harness } from './hubspot-sandbox-helpers';

/**
 * The sandboxes refuse values of the wrong type or outside an enumeration's
 * options as the vendors do, so that the mapping's own checks are proven
 * against the same refusals (HubSpot: VALIDATION_ERROR with INVALID_OPTION /
 * INVALID_DATE; Salesforce: INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST per record,
 * JSON_PARSER_ERROR for the whole request).
 */
const token = 'sandbox-token-types';
let sandbox: SalesforceSandbox | undefined;
let harness: Harness | undefined;
afterEach(async () => {
  await sandbox?.close();
  await harness?.sandbox.close();
  sandbox = undefined;
  harness = undefined;
});

const connect = (sb: SalesforceSandbox): Connection => new jsforce.Connection({ instanceUrl: sb.url, accessToken: token, version: '62.0' });

describe('Salesforce sandbox types', () => {
  it('describes picklist values and refuses a value outside a restricted picklist, per record', async () => {
    sandbox = await startSalesforceSandbox({ token });
    const conn = connect(sandbox);
    const describe = await conn.sobject('Lead').describe();
    const source = describe.fields.find((f) => f.name === 'LeadSource');
    expect(source?.picklistValues?.map((v) => v.value)).toContain('Web');
    expect(source?.restrictedPicklist).toBe(true);
    const results = await conn.sobject('Lead').create([
      { LastName: 'Ok', Company: 'A', LeadSource: 'Web' },
      { LastName: 'Bad', Company: 'B', LeadSource: 'Trade show' },
    ], { allOrNone: false });
    expect(results[0]?.success).toBe(true);
    expect(results[1]).toMatchObject({ success: false, errors: [{ statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' }] });
  });

  it('fails the whole request on a date, number or boolean it cannot read', async () => {
    sandbox = await startSalesforceSandbox({ token });
    const conn = connect(sandbox);
    for (const record of [{ Birthdate: '12/05/1990' }, { Birthdate: '1990-05-12T10:00:00Z' }]) {
      const error = await conn.requestPost('/composite/sobjects', { records: [{ attributes: { type: 'Contact' }, LastName: 'X', ...record }] }).then(() => null, (e: { errorCode?: string }) => e);
      expect(error?.errorCode).toBe('JSON_PARSER_ERROR');
    }
    const lead = await conn.requestPost('/composite/sobjects', { records: [{ attributes: { type: 'Lead' }, LastName: 'X', Company: 'C', NumberOfEmployees: 'many' }] }).then(() => null, (e: { errorCode?: string }) => e);
    expect(lead?.errorCode).toBe('JSON_PARSER_ERROR');
    const ok = await conn.sobject('Contact').create([{ LastName: 'Y', Birthdate: '1990-05-12' }], { allOrNone: false });
    expect(ok[0]?.success).toBe(true);
  });
});

describe('HubSpot sandbox types', () => {
  it('refuses an enumeration value that is not an option, and a date that is not midnight UTC', async () => {
    harness = await startHarness();
    const contacts = harness.client.crm.contacts.basicApi;
    const stage = await apiError(contacts.create({ properties: { email: 'a@x.com', lifecyclestage: 'Customer' }, associations: [] }));
    expect(stage.code).toBe(400);
    expect(JSON.stringify(stage.body)).toContain('INVALID_OPTION');
    await harness.client.crm.properties.coreApi.create('contacts', { name: 'first_met', label: 'First met', type: 'date' as never, fieldType: 'date' as never, groupName: 'contactinformation' });
    const noon = await apiError(contacts.create({ properties: { email: 'b@x.com', first_met: String(Date.UTC(2024, 4, 1, 12)) }, associations: [] }));
    expect(JSON.stringify(noon.body)).toContain('INVALID_DATE');
    await expect(contacts.create({ properties: { email: 'c@x.com', first_met: '2024-05-01', lifecyclestage: 'customer' }, associations: [] })).resolves.toBeTruthy();
  });
});
