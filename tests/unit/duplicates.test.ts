import { describe, expect, it } from 'vitest';
import { companyKey, editDistanceWithin, nameKey, similarNames } from '../../main/duplicates/name-key';
import { findDuplicates } from '../../main/duplicates/find-duplicates';
import { planMerge } from '../../main/duplicates/merge-plan';
import type { Contact } from '../../preload/schemas/contact';

const person = (id: number, over: Partial<Contact> = {}): Contact => ({
  id, uid: `u${id}`, cardId: 1, firstName: '', lastName: '', emails: [], phones: [], company: '', title: '', website: '', addresses: [],
  notes: '', tags: [], customFields: {}, meeting: { at: null, place: '', event: '', notes: '' }, source: 'manual',
  hasAvatar: false, hasLogo: false, createdAt: 0, updatedAt: 0, deletedAt: null, version: 1, ...over,
});

describe('name and company keys', () => {
  it('fold case, accents, punctuation and word order; drop legal suffixes', () => {
    expect(nameKey('Ada', 'Lovélace')).toBe(nameKey('LOVELACE,', 'ada'));
    expect(companyKey('Analytical Engines Ltd.')).toBe(companyKey('analytical engines'));
    expect(companyKey('Co')).toBe('co');
  });

  it('one typing mistake is similar (two from 10 letters), a different person is not', () => {
    expect(similarNames(nameKey('Jon', 'Smith'), nameKey('John', 'Smith'))).toBe(true);
    expect(similarNames(nameKey('Ann', 'Lee'), nameKey('Anne', 'Lee'))).toBe(true);
    expect(similarNames(nameKey('Ann', 'Lee'), nameKey('Dan', 'Lee'))).toBe(false);
    expect(similarNames(nameKey('Margaret', 'Hamilton'), nameKey('Margret', 'Hamiltn'))).toBe(true);
    expect(similarNames(nameKey('Grace', 'Hopper'), nameKey('Grace', 'Kelly'))).toBe(false);
    expect(editDistanceWithin('kitten', 'sitting', 1)).toBe(2);
  });
});

describe('findDuplicates', () => {
  it('never pairs people who share only a company, and honours "not a duplicate"', () => {
    const c = (id: number, first: string, last: string) => ({ id, firstName: first, lastName: last, company: 'Initech', emails: [], phones: [] });
    expect(findDuplicates([c(1, 'Peter', 'Gibbons'), c(2, 'Michael', 'Bolton'), c(3, 'Samir', 'N')])).toEqual([]);
    expect(findDuplicates([c(1, 'Peter', 'Gibbons'), c(2, 'Peter', 'Gibons')]).map((g) => g.contactIds)).toEqual([[1, 2]]);
    expect(findDuplicates([c(1, 'Peter', 'Gibbons'), c(2, 'Peter', 'Gibons')], new Set(['1:2']))).toEqual([]);
  });

  it('joins chains into one group: A~B by e-mail and B~C by phone', () => {
    const groups = findDuplicates([
      { id: 1, firstName: 'A', lastName: '', company: '', emails: ['x@y.example'], phones: [] },
      { id: 2, firstName: 'B', lastName: '', company: '', emails: ['x@y.example'], phones: ['+15550100'] },
      { id: 3, firstName: 'C', lastName: '', company: '', emails: [], phones: ['+15550100'] },
    ]);
    expect(groups).toEqual([{ contactIds: [1, 2, 3], reasons: [
      { rule: 'email', value: 'x@y.example', contactIds: [1, 2] },
      { rule: 'phone', value: '+15550100', contactIds: [2, 3] },
    ] }]);
  });
});

describe('planMerge', () => {
  const keep = person(1, { firstName: 'Ada', title: '', emails: [{ value: 'ada@a.example' }], tags: ['vip'], customFields: { Size: 'M' } });
  const other = person(2, { firstName: 'Augusta', title: 'Countess', emails: [{ value: 'ADA@a.example' }, { value: 'ada@b.example' }], tags: ['VIP', 'expo'], customFields: { Size: 'L', Shoe: '38' } });

  it('by default keeps the survivor, fills its empty fields from the other, and unions lists without repeats', () => {
    const plan = planMerge(keep, other);
    expect(plan.fields.firstName).toBe('Ada');
    expect(plan.fields.title).toBe('Countess');
    expect(plan.fields.emails.map((e) => e.value)).toEqual(['ada@a.example', 'ada@b.example']);
    expect(plan.fields.tags).toEqual(['vip', 'expo']);
    expect(plan.fields.customFields).toEqual({ Size: 'M', Shoe: '38' });
  });

  it('takes what the user chose, and refuses "both" for a single value', () => {
    expect(planMerge(keep, other, { firstName: 'other', tags: 'keep' }).fields).toMatchObject({ firstName: 'Augusta', tags: ['vip'] });
    expect(() => planMerge(keep, other, { firstName: 'both' })).toThrow(/one value/);
  });
});
