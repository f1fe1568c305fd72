import { describe, expect, it } from 'vitest';
import type { ContactInput } from '../../preload/schemas/contact';
import { isEmailAddress } from '../../main/import/email-address';
import { checkRecord } from '../../main/import/validate';

const base: ContactInput = { firstName: 'Ada', lastName: 'Lovelace', source: 'import:csv' };

describe('e-mail addresses', () => {
  it('keeps what mail servers deliver to, including non-Latin local parts, and refuses the rest', () => {
    for (const ok of ['ada@example.com', 'ada.lovelace+crm@mail.example.co.uk', "o'brien@example.ie", '名無しの権兵衛@host.invalid', 'jürgen@müller.example']) {
      expect(isEmailAddress(ok), ok).toBe(true);
    }
    for (const bad of ['test,user@example.com', 'email other', 'bob(at)example.com', 'a@b', 'contact1@invalid', 'a@@b.example', '.a@b.example',
      'a..b@c.example', '"a b"@c.example', 'a@-b.example', 'a b@c.example', 'ada@example.com;bob@example.com']) {
      expect(isEmailAddress(bad), bad).toBe(false);
    }
  });
});

describe('checking an imported record', () => {
  it('sets a bad value aside with a warning in words and keeps the person', () => {
    const checked = checkRecord({ ...base, emails: [{ value: 'email other' }, { value: 'ada@example.com' }, { value: 'test,user@example.com' }] }, 'US');
    expect(checked).toMatchObject({ ok: true, fields: { emails: [{ value: 'ada@example.com' }] } });
    expect(checked.warnings).toEqual([
      '"email other" is not an e-mail address, so it was left out.',
      '"test,user@example.com" is not an e-mail address, so it was left out.',
    ]);
  });

  it('sets aside a value over the limits and a date it cannot read, naming the field', () => {
    const checked = checkRecord({ ...base, customFields: { 'Shoe Size': 'x'.repeat(5000), Team: 'Blue' }, meeting: { at: 'sometime' } }, 'US');
    expect(checked).toMatchObject({ ok: true, fields: { customFields: { Team: 'Blue' }, meeting: { at: null } } });
    expect(checked.warnings).toEqual([
      'The field "Shoe Size" is longer than 4,096 characters, so it was left out.',
      'The meeting date "sometime" is not a date Ferry can read (write it as YYYY-MM-DD, for example 2024-05-31), so it was left out.',
    ]);
  });

  it('rejects a record only when no name, e-mail, phone or company remains, and says what was set aside', () => {
    expect(checkRecord({ source: 'x', customFields: { Size: '42' } }, 'US')).toEqual({
      ok: false, warnings: [], reason: 'This row has no name, e-mail, phone or company, so there is no one to import.',
    });
    const card = checkRecord({ source: 'x', emails: [{ value: 'email other' }] }, 'US', 'card');
    expect(card).toMatchObject({ ok: false, reason: expect.stringMatching(/^This card has no name, e-mail, phone or company once the values that could not be used were left out \("email other" is not an e-mail address/) });
  });

  it('removes control characters (NUL, escape codes) from every value, keeps tabs and line breaks in notes, and says so', () => {
    const checked = checkRecord({
      ...base, firstName: 'A\u0000da', company: 'Engines\u001b[31m', title: 'Chief\nEngineer',
      notes: 'line one\n\tindented\u0007', customFields: { Team: 'Blue\u0000' },
    }, 'US');
    expect(checked).toMatchObject({ ok: true, fields: { firstName: 'Ada', company: 'Engines[31m', title: 'Chief Engineer', notes: 'line one\n\tindented', customFields: { Team: 'Blue' } } });
    expect(checked.warnings).toEqual(expect.arrayContaining([
      'Invisible control characters were removed from the first name.', 'Invisible control characters were removed from the notes.',
    ]));
  });

  it('one e-mail written twice in different case is one e-mail', () => {
    expect(checkRecord({ ...base, emails: [{ value: 'Ada@Example.com' }, { value: 'ada@example.com' }] }, 'US'))
      .toMatchObject({ ok: true, fields: { emails: [{ value: 'Ada@Example.com' }] } });
  });
});
