import { describe, expect, it } from 'vitest';
import { contactInputSchema } from '../../preload/schemas/contact';
import { pipedriveReadableFields, splitName } from '../../main/crm/pipedrive/pull-fields';

const field = (name: string) => {
  const rf = pipedriveReadableFields().find((f) => f.field === name);
  if (!rf) throw new Error(name);
  return rf;
};

describe('Pipedrive fields read back', () => {
  it('splits the one name Pipedrive keeps, keeping the part a Ferry name already has where it is', () => {
    expect(splitName('Mary Ann Smyth', 'Mary', 'Ann Smith')).toEqual({ first: 'Mary', last: 'Ann Smyth' });
    expect(splitName('Maria Smith', 'Mary', 'Smith')).toEqual({ first: 'Maria', last: 'Smith' });
    expect(splitName('Jo  Bloggs', 'Mary', 'Smith')).toEqual({ first: 'Jo', last: 'Bloggs' });
    expect(splitName('Cher', '', '')).toEqual({ first: 'Cher', last: '' });
  });

  it('compares each name part on its own, so an edit of the last name is no change of the first', () => {
    expect(field('firstName').normalize?.('First7 Last7')).toBe(field('firstName').normalize?.('First7 Lastname-Changed'));
    expect(field('lastName').normalize?.('First7 Last7')).not.toBe(field('lastName').normalize?.('First7 Lastname-Changed'));
  });

  it('compares e-mail lists primary first in any case, and phones by their digits; labels alone are no change', () => {
    const emails = field('emails').normalize!;
    expect(emails('[{"value":"A@x.com","label":"work","primary":false},{"value":"b@y.com","label":"home","primary":true}]'))
      .toBe(emails('[{"value":"b@y.com","label":"work","primary":true},{"value":"a@x.com","label":"other","primary":false}]'));
    const phones = field('phones').normalize!;
    expect(phones('[{"value":"+1 (415) 555-0100","label":"mobile","primary":true}]')).toBe(phones('[{"value":"+14155550100","label":"work","primary":true}]'));
  });

  it('applies a list keeping what Ferry had (labels, spelling) and adding what is new', () => {
    const contact = contactInputSchema.parse({ emails: [{ value: 'Ada@Example.com', label: 'Office' }], phones: [{ raw: '(415) 555-0100', label: 'Cell' }] });
    const emails = field('emails').apply(contact, '[{"value":"ada@example.com","label":"work","primary":true},{"value":"ada@home.example","label":"home","primary":false}]');
    expect(emails.emails).toEqual([{ value: 'Ada@Example.com', label: 'Office' }, { value: 'ada@home.example', label: 'home' }]);
    const phones = field('phones').apply(contact, '[{"value":"+14155550100","label":"mobile","primary":true}]');
    expect(phones.phones).toEqual([{ raw: '(415) 555-0100', label: 'Cell' }]);
    // a rep resolving a conflict types a plain list
    expect(field('emails').apply(contact, 'x@y.com, z@y.com').emails.map((e) => e.value)).toEqual(['x@y.com', 'z@y.com']);
  });
});
