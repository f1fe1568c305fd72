import { describe, expect, it } from 'vitest';
import { contract } from '../../preload/contract';
import { crmRecordUrl } from '../../main/services/record-url';
import { notConfiguredSentence } from '../../main/services/oauth-connect-service';
import type { Connection } from '../../main/store/connections';

const parse = (channel: 'startOAuthConnect' | 'startOAuthReconnect' | 'cancelOAuthConnect' | 'listEvents', input: unknown) => contract[channel].input.safeParse(input);

describe('OAuth channels', () => {
  it('accept a CRM that signs in through the browser, with its mode and (Salesforce) object', () => {
    expect(parse('startOAuthConnect', { kind: 'hubspot' }).success).toBe(true);
    expect(parse('startOAuthConnect', { kind: 'salesforce', object: 'Lead', mode: 'automatic', label: 'Org' }).success).toBe(true);
    expect(parse('startOAuthReconnect', { connectionId: 3 }).success).toBe(true);
    expect(parse('cancelOAuthConnect', undefined).success).toBe(true);
  });

  it('refuse kinds without OAuth, secrets, unknown keys and inconsistent settings', () => {
    expect(parse('startOAuthConnect', { kind: 'zapier' }).success).toBe(false);
    expect(parse('startOAuthConnect', { kind: 'hubspot', clientSecret: 'x' }).success).toBe(false);
    expect(parse('startOAuthConnect', { kind: 'hubspot', redirectPort: 1 }).success).toBe(false);
    expect(parse('startOAuthConnect', { kind: 'hubspot', object: 'Lead' }).success).toBe(false);
    expect(parse('startOAuthConnect', { kind: 'hubspot', mode: 'scheduled' }).success).toBe(false);
    expect(parse('startOAuthConnect', { kind: 'hubspot', mode: 'scheduled', intervalMinutes: 0 }).success).toBe(false);
    expect(parse('startOAuthReconnect', { connectionId: 3, secrets: {} }).success).toBe(false);
    expect(parse('cancelOAuthConnect', { flow: 1 }).success).toBe(false);
  });

  it('the unconfigured sentence names the CRM and the README section', () => {
    expect(notConfiguredSentence('salesforce')).toMatch(/^Signing in with Salesforce .* see "Connecting with OAuth" in Ferry's README\.$/);
  });
});

describe('listEvents contactIds', () => {
  it('accepts a list of contact ids and refuses an empty, oversized or malformed one', () => {
    expect(parse('listEvents', { contactIds: [1, 2, 3], outcomes: ['quarantined'] }).success).toBe(true);
    expect(parse('listEvents', { contactIds: [] }).success).toBe(false);
    expect(parse('listEvents', { contactIds: [0] }).success).toBe(false);
    expect(parse('listEvents', { contactIds: ['1'] }).success).toBe(false);
    expect(parse('listEvents', { contactIds: Array.from({ length: 1001 }, (_, i) => i + 1) }).success).toBe(false);
  });
});

describe('crmRecordUrl', () => {
  const conn = (kind: Connection['kind'], config: Connection['config']): Pick<Connection, 'kind' | 'config'> => ({ kind, config });

  it('links HubSpot records under the portal when the portal id is known', () => {
    expect(crmRecordUrl(conn('hubspot', { account: '4711' }), '901')).toBe('https://app.hubspot.com/contacts/4711/record/0-1/901');
    expect(crmRecordUrl(conn('hubspot', {}), '901')).toBeNull();
    expect(crmRecordUrl(conn('hubspot', { account: 'not-a-portal' }), '901')).toBeNull();
  });

  it('links Salesforce Contacts and Leads in Lightning on the instance', () => {
    expect(crmRecordUrl(conn('salesforce', { baseUrl: 'https://acme.my.salesforce.com/' }), '003XX')).toBe('https://acme.my.salesforce.com/lightning/r/Contact/003XX/view');
    expect(crmRecordUrl(conn('salesforce', { baseUrl: 'https://acme.my.salesforce.com', object: 'Lead' }), '00QXX')).toBe('https://acme.my.salesforce.com/lightning/r/Lead/00QXX/view');
    expect(crmRecordUrl(conn('salesforce', { baseUrl: 'http://127.0.0.1:4000' }), '003XX')).toBeNull();
  });

  it('has no link for sandboxes, deliveries or records not sent yet', () => {
    expect(crmRecordUrl(conn('hubspot', { account: '4711', sandbox: true }), '901')).toBeNull();
    expect(crmRecordUrl(conn('salesforce', { baseUrl: 'https://acme.my.salesforce.com', sandbox: true }), '003XX')).toBeNull();
    expect(crmRecordUrl(conn('zapier', {}), 'x')).toBeNull();
    expect(crmRecordUrl(conn('hubspot', { account: '4711' }), null)).toBeNull();
  });
});
