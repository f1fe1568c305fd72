import { describe, expect, it } from 'vitest';
import { contract } from '../../preload/contract';
import { contactPatchSchema } from '../../preload/schemas/contact';

describe('a contact patch', () => {
  it('keeps only the fields it names: parsing never fills the others with defaults', () => {
    expect(contactPatchSchema.parse({ title: 'CTO' })).toEqual({ title: 'CTO' });
    expect(contract.updateContact.input.parse({ id: 1, patch: { title: 'CTO' } })).toEqual({ id: 1, patch: { title: 'CTO' } });
  });
  it('still validates what it names, and refuses unknown fields', () => {
    expect(() => contactPatchSchema.parse({ emails: [{ value: 'x'.repeat(400) }] })).toThrow();
    expect(() => contactPatchSchema.parse({ nickname: 'Ada' })).toThrow();
    expect(contactPatchSchema.parse({ meeting: { at: '2026-01-02' } })).toEqual({ meeting: { at: '2026-01-02', place: '', event: '', notes: '' } });
  });
});
