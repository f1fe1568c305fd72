import { describe, expect, it } from 'vitest';
import type { Contact } from '../../preload/schemas/contact';
import { fieldsToSend, mapContact, MAX_DESCRIPTION_CHARS, NO_ORG_FIELDS, orgFieldsOf, type OrgFields } from '../../main/crm/salesforce';
import { STANDARD_FIELDS } from '../../main/crm/salesforce/mapping';
import { CUT_MARKER } from '../../main/crm/salesforce/description';
import { hashPayload } from '../../main/sync/payload';

function contact(over: Partial<Contact> = {}): Contact {
  return {
    id: 1, uid: 'c_01HZX', cardId: 1, firstName: 'Ada', lastName: 'Lovelace',
    emails: [{ value: 'ada@example.com', label: 'work' }, { value: 'ada@home.example', label: 'personal' }, { value: 'countess@example.org' }],
    phones: [
      { raw: '020 7946 0000', label: 'work', e164: '+442079460000' },
      { raw: '07700 900123', label: 'Mobile', e164: '+447700900123' },
      { raw: '020 7946 0001', label: 'home', e164: '+442079460001' },
      { raw: '020 7946 0002', label: 'other', e164: '+442079460002' },
      { raw: 'ext. 42', label: 'desk', e164: null },
    ],
    company: 'Analytical Engines', title: 'Countess', website: 'https://ada.example',
    addresses: [
      { label: 'office', street: '1 Engine Row', city: 'London', region: 'Greater London', postalCode: 'EC1A 1AA', country: 'UK' },
      { label: 'home', street: '12 St James Sq', city: 'London', region: '', postalCode: 'SW1Y 4JH', country: 'UK' },
      { label: 'summer', street: 'Ockham Park', city: 'Ockham', region: 'Surrey', postalCode: '', country: 'UK' },
    ],
    notes: 'Wrote the first program.', tags: ['vip', 'math'], customFields: { 'Lead source': 'Trade show', Shoe: '38' },
    meeting: { at: '1843-07-01', place: 'London', event: 'Babbage soirée', notes: 'Talked about the engine' },
    source: 'manual', hasAvatar: false, hasLogo: false, createdAt: 0, updatedAt: 0, deletedAt: null, version: 1, ...over,
  };
}

const textField = (name: string, length = 255): Record<string, unknown> => ({ name, type: 'string', length, custom: true, createable: true, updateable: true, externalId: false });
/** A describe answer: the standard fields (writable, as describe lists them) plus `fields`. */
const standardFields = [...new Set([...STANDARD_FIELDS.Contact, ...STANDARD_FIELDS.Lead])]
  .map((name) => ({ name, type: 'string', length: 255, custom: false, externalId: false, createable: true, updateable: true, calculated: false }));
const org = (...fields: Array<Record<string, unknown>>): OrgFields => orgFieldsOf({ fields: [...standardFields, ...fields] as never });

describe('Salesforce mapping: where each field lands', () => {
  it('a Contact fills the standard fields and puts the rest, labelled, in the From Ferry block', () => {
    const p = mapContact(contact(), 'Contact');
    expect(p).toMatchObject({
      FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@example.com', Title: 'Countess',
      Phone: '+442079460000', MobilePhone: '+447700900123', HomePhone: '+442079460001', OtherPhone: '+442079460002',
      MailingStreet: '1 Engine Row', MailingCity: 'London', MailingState: 'Greater London', MailingPostalCode: 'EC1A 1AA', MailingCountry: 'UK',
      OtherStreet: '12 St James Sq', OtherCity: 'London', OtherState: '', OtherPostalCode: 'SW1Y 4JH', OtherCountry: 'UK',
      Ferry_Id__c: 'c_01HZX',
    });
    expect(p).not.toHaveProperty('Website');
    expect(p).not.toHaveProperty('Company');
    expect(p.Description).toBe([
      'Wrote the first program.',
      '',
      'From Ferry',
      'Met on: 1843-07-01',
      'Met at: London',
      'Event: Babbage soirée',
      'Meeting notes: Talked about the engine',
      'Company: Analytical Engines',
      'Website: https://ada.example',
      'Tags: vip; math',
      'Other e-mail (personal): ada@home.example',
      'Other e-mail: countess@example.org',
      'Other phone (desk): ext. 42',
      'Other address (summer): Ockham Park, Ockham, Surrey, UK',
      'Custom field “Lead source”: Trade show',
      'Custom field “Shoe”: 38',
    ].join('\n'));
  });

  it('a Lead has Company, Website and one address; its second address and extra phones go to the block', () => {
    const p = mapContact(contact(), 'Lead');
    expect(p).toMatchObject({
      Company: 'Analytical Engines', Website: 'https://ada.example', Phone: '+442079460000', MobilePhone: '+447700900123',
      Street: '1 Engine Row', City: 'London', State: 'Greater London', PostalCode: 'EC1A 1AA', Country: 'UK',
    });
    for (const key of ['HomePhone', 'OtherPhone', 'MailingStreet', 'OtherStreet']) expect(p).not.toHaveProperty(key);
    const block = p.Description ?? '';
    expect(block).not.toContain('Company:');
    expect(block).not.toContain('Website:');
    for (const line of [
      'Other phone (home): +442079460001', 'Other phone (other): +442079460002', 'Other phone (desk): ext. 42',
      'Other address (home): 12 St James Sq, London, SW1Y 4JH, UK', 'Other address (summer): Ockham Park, Ockham, Surrey, UK',
      'Tags: vip; math', 'Other e-mail (personal): ada@home.example',
    ]) expect(block).toContain(line);
  });

  it('a cell phone is the mobile; an unlabelled first phone is the main one; a lone home phone stays out of Phone', () => {
    expect(mapContact(contact({ phones: [{ raw: '1', label: 'Cell', e164: '+1555' }] }), 'Contact')).toMatchObject({ MobilePhone: '+1555', Phone: '' });
    expect(mapContact(contact({ phones: [{ raw: '+1 2', e164: null }, { raw: '+1 3', e164: null }] }), 'Contact')).toMatchObject({ Phone: '+1 2', OtherPhone: '+1 3' });
    expect(mapContact(contact({ phones: [{ raw: '9', label: 'Home', e164: '+19' }] }), 'Contact')).toMatchObject({ HomePhone: '+19', Phone: '' });
  });

  it('sends tags, website, company and matching custom fields to the org\'s fields when describe shows them', () => {
    const withFields = org(textField('Ferry_Tags__c'), textField('Ferry_Website__c'), textField('Company__c'), textField('Lead_Source__c'), textField('Other__c'));
    const p = mapContact(contact(), 'Contact', withFields);
    expect(p).toMatchObject({ Ferry_Tags__c: 'vip; math', Ferry_Website__c: 'https://ada.example', Company__c: 'Analytical Engines', Lead_Source__c: 'Trade show' });
    expect(p).not.toHaveProperty('Other__c');
    expect(p.Description).not.toMatch(/Tags:|Website:|Company:|Lead source/);
    expect(p.Description).toContain('Custom field “Shoe”: 38');
  });

  it('ignores fields the API user cannot write, non-text fields, and values longer than the field', () => {
    const o = org(
      { ...textField('Ferry_Tags__c'), updateable: false },
      { ...textField('Lead_Source__c'), type: 'picklist' },
      textField('Ferry_Website__c', 5),
    );
    const p = mapContact(contact(), 'Contact', o);
    expect(p).not.toHaveProperty('Ferry_Tags__c');
    expect(p).not.toHaveProperty('Lead_Source__c');
    // the field exists but is too short: it is cleared and the value kept in the block
    expect(p.Ferry_Website__c).toBe('');
    expect(p.Description).toContain('Website: https://ada.example');
    expect(p.Description).toContain('Tags: vip; math');
    expect(p.Description).toContain('Custom field “Lead source”: Trade show');
  });

  it('never lets a custom field named like a Ferry field take it over', () => {
    const p = mapContact(contact({ customFields: { 'Ferry id': 'oops', 'Ferry tags': 'x' } }), 'Contact', org(textField('Ferry_Id__c'), textField('Ferry_Tags__c')));
    expect(p.Ferry_Id__c).toBe('c_01HZX');
    expect(p.Ferry_Tags__c).toBe('vip; math');
    expect(p.Description).toContain('Custom field “Ferry id”: oops');
  });

  it('is deterministic: the same contact and org always give the same payload and hash', () => {
    const o = org(textField('Ferry_Tags__c'), textField('Lead_Source__c'));
    const reordered = contact({ customFields: { Shoe: '38', 'Lead source': 'Trade show' } });
    expect(mapContact(contact(), 'Contact', o)).toEqual(mapContact(contact(), 'Contact', o));
    expect(hashPayload(mapContact(reordered, 'Contact', o))).toBe(hashPayload(mapContact(contact(), 'Contact', o)));
  });
});

describe('Salesforce mapping: clearing', () => {
  const empty = contact({
    firstName: '', lastName: '', title: '', website: '', company: '', tags: [], phones: [], addresses: [], emails: [], notes: '', customFields: {},
    meeting: { at: null, place: '', event: '', notes: '' },
  });

  it('keeps every standard key and every Ferry-owned org field, empty, so a cleared value is sent as null', () => {
    const o = org(textField('Ferry_Tags__c'));
    const previous = mapContact(contact(), 'Contact', o);
    const next = mapContact(empty, 'Contact', o);
    const sent = fieldsToSend(next, previous, { create: false, object: 'Contact', org: o });
    for (const key of ['Title', 'Email', 'Phone', 'MobilePhone', 'HomePhone', 'OtherPhone', 'MailingStreet', 'OtherCity', 'Description', 'Ferry_Tags__c']) {
      expect(sent[key]).toBeNull();
    }
    expect(sent.LastName).toBe('(unknown)');
  });

  it('clears a custom field whose Ferry field was removed, unless the org no longer has it', () => {
    const o = org(textField('Lead_Source__c'));
    const previous = mapContact(contact(), 'Contact', o);
    const next = mapContact(contact({ customFields: {} }), 'Contact', o);
    expect(fieldsToSend(next, previous, { create: false, object: 'Contact', org: o }).Lead_Source__c).toBeNull();
    expect(fieldsToSend(next, previous, { create: false, object: 'Contact', org: NO_ORG_FIELDS })).not.toHaveProperty('Lead_Source__c');
  });

  it('leaves empty fields out of a create, and Ferry_Id__c out when the org has no upsert key', () => {
    const sent = fieldsToSend(mapContact(empty, 'Lead'), {}, { create: true, object: 'Lead', org: NO_ORG_FIELDS });
    expect(sent).toEqual({ LastName: '(unknown)', Company: '(none)' });
  });
});

describe('Salesforce Description cap', () => {
  it('cuts long notes with a visible marker and keeps the whole From Ferry block', () => {
    const p = mapContact(contact({ notes: 'n'.repeat(40_000) }), 'Contact');
    const text = p.Description ?? '';
    expect(text.length).toBeLessThanOrEqual(MAX_DESCRIPTION_CHARS);
    expect(text).toContain(CUT_MARKER);
    expect(text).toContain('Tags: vip; math');
    expect(text.endsWith('Custom field “Shoe”: 38')).toBe(true);
  });

  it('cuts a block that alone is too long at the end, with the marker', () => {
    const p = mapContact(contact({ customFields: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`f${i}`, 'v'.repeat(4_000)])) }), 'Lead');
    expect(p.Description?.length).toBeLessThanOrEqual(MAX_DESCRIPTION_CHARS);
    expect(p.Description?.endsWith(CUT_MARKER)).toBe(true);
  });
});
