import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter, type Router } from '../../main/ipc/router';
import { CHANNEL_NAMES, ERROR_CODES, type Channel } from '../../preload/contract';
import { makeTestServices, type TestServices } from '../support/test-services';
import { generateAdminKey, signPolicyText } from '../../main/admin-policy/index';

const APP = { frameIsMain: true, origin: 'file://' };
const RUNS_PER_CHANNEL = 2000;

/** One well-formed input per channel; the fuzzer mutates these as well as sending pure noise. */
const SEEDS: Record<Channel, Record<string, unknown>> = {
  getAppInfo: {},
  setOnline: { online: true },
  listCards: {},
  createCard: { name: 'Fuzz' },
  listContacts: { limit: 10, offset: 0 },
  searchContacts: { query: 'ada', limit: 5 },
  getContact: { id: 1 },
  createContact: { contact: { firstName: 'A', emails: [{ value: 'a@b.c' }], tags: ['x'], meeting: { at: null } } },
  updateContact: { id: 1, patch: { lastName: 'B' } },
  deleteContact: { id: 2 },
  deleteContacts: { ids: [2, 3] },
  tagContacts: { ids: [1], tag: 'vip' },
  previewImport: { fileName: 'f.csv', content: { encoding: 'text', data: 'A,B,a@b.c' }, mapping: [{ column: 0, field: 'email' }] },
  importContacts: { fileName: 'f.csv', content: { encoding: 'text', data: 'A,B,a@b.c' }, strict: true },
  restoreContacts: { ids: [2] },
  removeDemoContacts: {},
  exportContacts: {},
  listConnections: { includeDisconnected: true },
  listSandboxes: {},
  connect: { kind: 'webhook', label: 'W', mode: 'manual' },
  disconnect: { connectionId: 1 },
  reconnect: { connectionId: 1, secrets: { token: 'pat-x' } },
  setMode: { connectionId: 1, mode: 'scheduled', intervalMinutes: 5 },
  syncNow: { connectionId: 1 },
  syncAll: {},
  cancelSync: { connectionId: 1 },
  dryRun: { connectionId: 1, limit: 3 },
  testSync: { connectionId: 1, contactIds: [1, 2] },
  getFilter: { connectionId: 1 },
  setFilter: { connectionId: 1, filter: { tags: ['vip'], createdAfter: '2026-01-01' } },
  previewFilter: { connectionId: 1, filter: { excludeTags: ['vip'] } },
  testDelivery: { connectionId: 1 },
  pauseConnection: { connectionId: 1 },
  resumeConnection: { connectionId: 1 },
  retryQuarantined: { connectionId: 1, contactIds: [1] },
  runSetupAction: { connectionId: 1, action: 'add-ferry-id' },
  listOAuthProviders: {},
  startOAuthConnect: { kind: 'hubspot', mode: 'manual' },
  startOAuthReconnect: { connectionId: 1 },
  cancelOAuthConnect: {},
  listRuns: { connectionId: 1, limit: 5 },
  listEvents: { outcomes: ['failed'], contactIds: [1, 2], from: 0, to: 10 },
  getRun: { runId: 1 },
  exportLog: { states: ['failed'] },
  getStats: { from: 0, to: 1000 },
  getSettings: {},
  updateSettings: { notifications: false },
  exportConfig: {},
  importConfig: { json: '{"format":"ferry-config","version":1,"exportedAt":"x","settings":{},"connections":[]}' },
  getPolicy: {},
  // a genuinely signed policy (locking nothing), so mutations reach the import's checks
  importPolicy: { text: JSON.stringify(signPolicyText('{"format":"ferry-policy","version":1}', generateAdminKey().privateKeyPem)) },
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

const noise = fc.oneof(
  fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, withSparseArray: true, withBoxedValues: true }),
  fc.jsonValue(),
  fc.constantFrom(undefined, null, NaN, Infinity, -0, '', '__proto__', [], {}, { __proto__: { id: 1 } }),
);

/** A seed with each field kept, replaced by noise, or dropped, plus maybe an unknown key. */
const mutated = (seed: Record<string, unknown>) =>
  fc.tuple(
    fc.record(Object.fromEntries(Object.entries(seed).map(([k, v]) => [k, fc.oneof(fc.constant(v), noise)])), { requiredKeys: [] }),
    fc.option(fc.tuple(fc.string({ maxLength: 12 }), noise)),
  ).map(([rec, extra]) => (extra ? { ...rec, [extra[0]]: extra[1] } : rec));

describe('router fuzzing', () => {
  let t: TestServices;
  let router: Router;
  const internal: unknown[] = [];

  beforeAll(() => {
    t = makeTestServices();
    router = createRouter(t.services, { allowedOrigins: ['file://'], onInternalError: (e) => internal.push(e) });
  });
  afterAll(() => t.close());

  for (const channel of CHANNEL_NAMES) {
    it(`${channel}: ${RUNS_PER_CHANNEL} random payloads never throw and never reach an unexpected error`, async () => {
      const codes = new Set<string>();
      await fc.assert(
        fc.asyncProperty(fc.oneof(noise, mutated(SEEDS[channel])), async (payload) => {
          const result = await router.handle(channel, payload, APP);
          expect(typeof result.ok).toBe('boolean');
          codes.add(result.ok ? 'ok' : result.error.code);
          if (!result.ok) {
            expect(ERROR_CODES).toContain(result.error.code);
            expect(typeof result.error.message).toBe('string');
            // 'internal' means a bug leaked past validation: the fuzzer's job is to find those.
            expect(result.error.code, result.error.message).not.toBe('internal');
          }
        }),
        { numRuns: RUNS_PER_CHANNEL },
      );
      expect(internal).toEqual([]);
      // the fuzzer reached the services, not only the validator
      expect([...codes]).toContain('invalid_input');
      expect([...codes].some((c) => c !== 'invalid_input')).toBe(true);
      // main keeps serving: an ordinary call still works
      const after = await router.call('listContacts', { limit: 1 }, APP);
      expect(after.ok).toBe(true);
    });
  }

  it('random channel names and senders are refused, not crashed on', async () => {
    await fc.assert(
      fc.asyncProperty(noise, noise, fc.record({ frameIsMain: fc.boolean(), origin: fc.string() }), async (channel, payload, sender) => {
        const result = await router.handle(channel, payload, sender);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 3000 },
    );
    expect((await router.call('getSettings', undefined, APP)).ok).toBe(true);
  });
});
