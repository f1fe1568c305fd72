import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contactInputSchema, type ContactInput } from '../../preload/schemas/contact';
import { FAST_PATH_ENABLED, fastFields } from '../../main/import/fast-fields';

/** Text around the schema's limits: short, just under and just over. */
const text = (max: number): fc.Arbitrary<string> =>
  fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(max - 1, max, max + 1).map((n) => 'x'.repeat(n)), fc.constant('  padded  '));
const label = fc.option(text(4096), { nil: undefined });
const list = <T>(item: fc.Arbitrary<T>, max: number): fc.Arbitrary<T[]> =>
  fc.oneof(fc.array(item, { maxLength: 3 }), fc.constantFrom(max, max + 1).chain((n) => fc.array(item, { minLength: n, maxLength: n })));

const record: fc.Arbitrary<ContactInput> = fc.record({
  firstName: text(4096), lastName: text(4096), company: text(4096), title: text(4096), website: text(4096), source: text(4096),
  notes: fc.string({ maxLength: 20 }),
  emails: list(fc.record({ value: text(320), label }, { requiredKeys: ['value'] }), 50),
  phones: list(fc.record({ raw: text(64), label }, { requiredKeys: ['raw'] }), 50),
  addresses: list(fc.record({ street: text(4096), city: text(4096), region: fc.string(), postalCode: fc.string(), country: fc.string(), label },
    { requiredKeys: ['street', 'city', 'region', 'postalCode', 'country'] }), 20),
  tags: list(fc.oneof(fc.string({ maxLength: 10 }), fc.constant('   '), fc.constant('t'.repeat(201))), 200),
  customFields: fc.dictionary(fc.oneof(fc.string({ maxLength: 5 }), fc.constant('k'.repeat(201))), text(4096), { maxKeys: 3 }),
  meeting: fc.record({ at: fc.option(text(64), { nil: null }), place: text(4096), event: fc.string(), notes: text(16384) }),
}, { requiredKeys: ['firstName', 'lastName', 'company', 'title', 'website', 'source', 'notes', 'emails', 'phones', 'addresses', 'tags', 'customFields', 'meeting'] });

describe('the validation fast path', () => {
  it('is on: its field list is the contact schema\'s', () => {
    expect(FAST_PATH_ENABLED).toBe(true);
  });

  it('either declines a record or returns exactly what the contact schema returns for it', () => {
    fc.assert(fc.property(record, (input) => {
      const fast = fastFields(structuredClone(input));
      const schema = contactInputSchema.safeParse(structuredClone(input));
      if (fast === null) return;
      expect(schema.success).toBe(true);
      // Key order too: the store compares rows as JSON text.
      expect(JSON.stringify(fast)).toBe(JSON.stringify(schema.data));
    }), { numRuns: 400 });
  });

  it('takes an ordinary imported row', () => {
    const row: ContactInput = {
      firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: ' ada@example.com ', label: 'work' }], phones: [{ raw: '+44 20 7946 0958' }],
      company: 'Engines', title: '', website: '', addresses: [], notes: '', tags: [' vip '], customFields: { Shoe: '38' },
      meeting: { at: null, place: '', event: '', notes: '' }, source: 'import:csv',
    };
    expect(JSON.stringify(fastFields(row))).toBe(JSON.stringify(contactInputSchema.parse(row)));
  });
});
