import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, contract, type Channel } from '../../preload/contract';

const parse = (channel: Channel, input: unknown) => contract[channel].input.safeParse(input);

describe('contract', () => {
  it('an update carries only the fields it names: nothing else is filled in (and so cleared)', () => {
    expect(contract.updateContact.input.parse({ id: 1, patch: { title: 'Countess' } })).toEqual({ id: 1, patch: { title: 'Countess' } });
    expect(contract.updateContact.input.parse({ id: 1, patch: { tags: ['vip'] } }).patch).toEqual({ tags: ['vip'] });
  });

  it('has exactly the channels the preload exposes', () => {
    expect(Object.keys(contract).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('accepts a valid call on every channel and fills defaults', () => {
    const valid: Record<Channel, unknown> = {
      getAppInfo: undefined,
      setOnline: { online: false },
      listCards: {},
      createCard: { name: 'Trade show' },
      listContacts: {},
      searchContacts: { query: 'ada' },
      getContact: { id: 1 },
      createContact: { contact: { firstName: 'Ada', emails: [{ value: 'ada@example.com' }] } },
      updateContact: { id: 1, patch: { title: 'CTO' } },
      deleteContact: { id: 1 },
      deleteContacts: { ids: [2, 3] },
      tagContacts: { ids: [1], tag: 'vip' },
      previewImport: { fileName: 'a.csv', content: { encoding: 'base64', data: 'YSxiLGNAZA==' }, mapping: [{ column: 1, field: 'email' }] },
      restoreContacts: { ids: [1, 2] },
      removeDemoContacts: {},
      importContacts: { fileName: 'a.csv', content: { encoding: 'base64', data: 'YSxiLGNAZA==' } },
      exportContacts: undefined,
      listConnections: undefined,
      listSandboxes: {},
      connect: { kind: 'hubspot', sandbox: true },
      disconnect: { connectionId: 2 },
      reconnect: { connectionId: 2 },
      setMode: { connectionId: 2, mode: 'scheduled', intervalMinutes: 15 },
      syncNow: { connectionId: 2 },
      syncAll: undefined,
      cancelSync: { connectionId: 2 },
      dryRun: { connectionId: 2, limit: 10 },
      testSync: { connectionId: 2, count: 3 },
      getFilter: { connectionId: 2 },
      setFilter: { connectionId: 2, filter: { tags: ['customer'] } },
      previewFilter: { connectionId: 2, filter: { allTags: ['customer', 'vip'] } },
      testDelivery: { connectionId: 2 },
      pauseConnection: { connectionId: 2 },
      resumeConnection: { connectionId: 2 },
      retryQuarantined: { connectionId: 2, contactIds: [1, 2] },
      runSetupAction: { connectionId: 2, action: 'add-ferry-id' },
      listOAuthProviders: undefined,
      startOAuthConnect: { kind: 'salesforce', mode: 'scheduled', intervalMinutes: 30, object: 'Lead' },
      startOAuthReconnect: { connectionId: 2 },
      cancelOAuthConnect: {},
      listRuns: { connectionId: 2, from: 0, to: 10 },
      listEvents: { outcomes: ['failed', 'quarantined'], contactId: 3 },
      getRun: { runId: 1 },
      exportLog: { states: ['failed'] },
      getStats: { from: 0, to: 86_400_000 * 7, utcOffsetMinutes: 120 },
      getSettings: undefined,
      updateSettings: { defaultPhoneRegion: 'DE' },
      exportConfig: {},
      importConfig: { json: '{}' },
      getPolicy: undefined,
      importPolicy: { text: '{"format":"ferry-signed-policy"}' },
      getMapping: { connectionId: 1 },
      setMappingField: { connectionId: 1, ferryField: 'custom.Department', rule: { target: 'industry' } },
      resetMapping: { connectionId: 1 },
      setMappingRules: { connectionId: 1, rules: [{ when: { tag: 'customer' }, set: { lifecyclestage: 'customer' } }] },
      previewMapping: { connectionId: 1 },
      getPullRules: { connectionId: 1 },
      setDirection: { connectionId: 1, direction: 'two-way' },
      setFieldRule: { connectionId: 1, field: 'title', rule: 'crm-wins' },
      pullNow: { connectionId: 1 },
      listConflicts: {},
      resolveConflict: { conflictId: 1, take: 'crm' },
      getContactHistory: { contactId: 1 },
      getPotentialDuplicates: { contactId: 1 },
      listPotentialDuplicates: {},
      dismissPotentialDuplicate: { contactId: 1, connectionId: 1, externalId: '501' },
      getPullCounts: { connectionId: 1 },
      listDuplicates: {},
      dismissDuplicates: { ids: [1, 2] },
      previewMerge: { keepId: 1, otherId: 2, choices: { title: 'other' } },
      mergeContacts: { keepId: 1, otherId: 2 },
      forgetPlan: { id: 1 },
      forgetContact: { id: 1 },
      getDeletes: { connectionId: 1 },
      setDeletes: { connectionId: 1, mode: 'archive' },
    };
    for (const channel of CHANNEL_NAMES) {
      const result = parse(channel, valid[channel]);
      expect(result.success, `${channel}: ${result.success ? '' : result.error.message}`).toBe(true);
    }
    const list = parse('listContacts', {});
    expect(list.success && list.data).toEqual({ limit: 100, offset: 0 });
  });

  it('is strict: an unknown key is refused on every object input', () => {
    for (const channel of CHANNEL_NAMES) {
      expect(parse(channel, { surprise: 1 }).success, channel).toBe(false);
    }
    expect(parse('createContact', { contact: { firstName: 'A', password: 'x' } }).success).toBe(false);
    expect(parse('connect', { kind: 'hubspot', config: { baseUrl: 'https://x.test', clientSecret: 'x' } }).success).toBe(false);
  });

  it('refuses wrong types, ranges and enum values', () => {
    expect(parse('getContact', { id: '1' }).success).toBe(false);
    expect(parse('getContact', { id: 0 }).success).toBe(false);
    expect(parse('getContact', { id: 1.5 }).success).toBe(false);
    expect(parse('listContacts', { limit: 5000 }).success).toBe(false);
    expect(parse('connect', { kind: 'nosuchcrm' }).success).toBe(false);
    expect(parse('setMode', { connectionId: 1, mode: 'scheduled' }).success).toBe(false);
    expect(parse('setMode', { connectionId: 1, mode: 'automatic' }).success).toBe(true);
    expect(parse('listRuns', { from: 10, to: 5 }).success).toBe(false);
    expect(parse('getStats', { from: 0, to: 400 * 86_400_000 }).success).toBe(false);
    expect(parse('updateSettings', { defaultPhoneRegion: 'usa' }).success).toBe(false);
    expect(parse('updateSettings', { seeded: false }).success).toBe(false);
    expect(parse('importContacts', { fileName: 'a.csv', content: { encoding: 'base64', data: 'not base64!' } }).success).toBe(false);
    expect(parse('importContacts', { fileName: 'a.csv', content: { encoding: 'utf7', data: '' } }).success).toBe(false);
    expect(parse('importContacts', { fileName: 'a.csv', content: { encoding: 'text', data: '' }, mapping: [{ column: 0, field: 'password' }] }).success).toBe(false);
    expect(parse('previewImport', { fileName: 'a.csv', content: { encoding: 'text', data: '' }, mapping: [{ column: -1, field: 'email' }] }).success).toBe(false);
    expect(parse('connect', { kind: 'zapier', secrets: { hookUrl: 'javascript:alert(1)' } }).success).toBe(false);
    // plain http to another machine passes the schema and is refused by the endpoint policy in main (security-credential-routing.test.ts)
  });

  it('no output type can carry a secret: the connection view has hasSecret, not the secret', () => {
    // Type-level: these keys must not exist on ConnectionView.
    type View = import('../../preload/schemas/connection').ConnectionView;
    type Forbidden = Extract<keyof View, 'secrets' | 'token' | 'hookUrl' | 'webhookSecret'>;
    const none: Forbidden[] = [];
    expect(none).toEqual([]);
  });
});
