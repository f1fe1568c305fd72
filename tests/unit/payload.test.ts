import { describe, expect, it } from 'vitest';
import { diffPayloads, hashPayload } from '../../main/sync/payload';

describe('payload hash and diff', () => {
  it('the hash ignores key order and sees every value change, including clearing a field', () => {
    expect(hashPayload({ a: '1', b: '2' })).toBe(hashPayload({ b: '2', a: '1' }));
    expect(hashPayload({ a: '1' })).not.toBe(hashPayload({ a: '2' }));
    expect(hashPayload({ a: '' })).not.toBe(hashPayload({ a: null }));
    expect(hashPayload({ a: 'x', b: 'y' })).not.toBe(hashPayload({ a: 'xb', b: '' }));
  });
  it('the diff lists old -> new for changed fields only', () => {
    expect(diffPayloads({ email: 'a@x.io', company: 'Old' }, { email: 'a@x.io', company: 'New', title: 'CTO' })).toEqual([
      { field: 'company', old: 'Old', new: 'New' },
      { field: 'title', old: null, new: 'CTO' },
    ]);
  });
});
