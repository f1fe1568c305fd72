import { emailGroups } from '../../main/crm/salesforce/api';
import { afterEach, describe, expect, it } from 'vitest';
import type { PushResult } from '../../main/sync/connector';
import { FERRY_ID_FIELD, mapContact } from '../../main/crm/salesforce';
import { contact, everyValue, full, harness, item, pushed, token, type Harness } from './salesforce-helpers';
import { syncError } from '../support/sync-error';

let h: Harness | undefined;
afterEach(async () => { await h?.sandbox.close(); h = undefined; });


const byOutcome = (results: PushResult[], outcome: PushResult['outcome']): PushResult[] => results.filter((r) => r.outcome === outcome);

describe('Salesforce mapping', () => {
  it('always has a LastName, and a Lead always has a Company', () => {
    expect(mapContact(contact(1, { firstName: 'Cher', lastName: '' }), 'Contact')).toMatchObject({ FirstName: '', LastName: 'Cher' });
    expect(mapContact(contact(1, { firstName: '', lastName: '', emails: [{ value: 'jo.doe@example.com' }] }), 'Contact')).toMatchObject({ LastName: 'jo.doe' });
    expect(mapContact(contact(1, { firstName: '', lastName: '', emails: [] }), 'Lead')).toMatchObject({ LastName: '(unknown)' });
    expect(mapContact(contact(1, { company: '' }), 'Lead')).toMatchObject({ Company: '(none)' });
    expect(mapContact(contact(1, { notes: 'Likes boats', meeting: { at: '2025-01-05', place: 'Lisbon', event: 'Web Summit', notes: 'Wants a demo' } }), 'Contact').Description)
      .toBe('Likes boats\n\nFrom Ferry\nMet on: 2025-01-05\nMet at: Lisbon\nEvent: Web Summit\nMeeting notes: Wants a demo\nCompany: Company 1');
  });
});

describe.each(['Contact', 'Lead'] as const)('Salesforce connector writing %ss', (object) => {
  it('creates new records, including one-word and empty names, and updates them through the link', async () => {
    h = await harness(object, { schema: { ferryIdField: false } });
    const contacts = [contact(1), contact(2, { firstName: 'Madonna', lastName: '' }), contact(3, { firstName: '', lastName: '', company: '' })];
    const first = await h.connector.push(contacts.map((c) => item(c, object)), h.rec.ctx);
    expect(first.map((r) => r.outcome)).toEqual(['created', 'created', 'created']);
    const ids = first.map((r) => (r.outcome === 'created' ? r.externalId : ''));
    expect(h.sandbox.admin.record(ids[1] as string)?.fields.LastName).toBe('Madonna');
    expect(h.sandbox.admin.record(ids[2] as string)?.fields.LastName).toBe('person3');
    if (object === 'Lead') expect(h.sandbox.admin.record(ids[2] as string)?.fields.Company).toBe('(none)');

    const changed = contact(1, { title: 'CEO' });
    const again = await h.connector.push([{ ...item(changed, object, ids[0] as string), previousPayload: mapContact(contact(1), object) }], h.rec.ctx);
    expect(again).toEqual([{ contactId: 1, outcome: 'updated', externalId: ids[0] }]);
    expect(h.sandbox.admin.record(ids[0] as string)?.fields.Title).toBe('CEO');
    expect(h.sandbox.admin.records(object)).toHaveLength(3);
    // every request was paced and reported with the org's daily usage
    expect(h.rec.before).toBe(h.sandbox.admin.requests().total);
    expect(h.rec.after.every((a) => a.limit === 100_000)).toBe(true);
  });

  it('upserts on Ferry_Id__c when the org has it, so a resend after a lost answer makes no second record', async () => {
    h = await harness(object);
    const c = contact(7);
    h.sandbox.admin.injectFault({ kind: 'drop', phase: 'after', pathPrefix: '/services/data/v62.0/composite' });
    const lost = await syncError(h.connector.push([item(c, object)], h.rec.ctx));
    expect(lost.kind).toBe('network');
    const [result] = await h.connector.push([item(c, object)], h.rec.ctx);
    expect(result).toMatchObject({ outcome: 'updated' });
    expect(h.sandbox.admin.records(object)).toHaveLength(1);
    expect(h.sandbox.admin.records(object)[0]?.fields[FERRY_ID_FIELD]).toBe('uid-7');
  });
});

describe('Salesforce connector matching and limits', () => {
  it('sends 10,000 new contacts in collections of 200 with at most 0.011 calls per contact', async () => {
    for (const ferryIdField of [false, true]) {
      h = await harness('Contact', { schema: { ferryIdField } });
      const all = Array.from({ length: 10_000 }, (_, i) => contact(i + 1));
      for (let i = 0; i < all.length; i += 200) {
        const results = await h.connector.push(all.slice(i, i + 200).map((c) => item(c, 'Contact')), h.rec.ctx);
        expect(byOutcome(results, 'created')).toHaveLength(200);
      }
      const calls = h.sandbox.admin.requests().total;
      const perContact = calls / all.length;
      process.stdout.write(`salesforce first push, Ferry_Id__c ${ferryIdField ? 'present' : 'absent'}: ${calls} API calls for 10,000 contacts = ${perContact.toFixed(4)} per contact\n`);
      expect(perContact).toBeLessThanOrEqual(0.011);
      expect(h.sandbox.admin.records('Contact')).toHaveLength(10_000);
      await h.sandbox.close();
      h = undefined;
    }
  });

  it('finds existing records by e-mail with queries Salesforce would take (each under 2,000 characters), 25 to one Composite call', async () => {
    h = await harness('Contact', { schema: { ferryIdField: false } });
    const long = (n: number): string => `mailbox.name.for.testing.uri.limit.${n}@subdomain.example-company.com`;
    const existing = Array.from({ length: 200 }, (_, i) => h?.sandbox.admin.seedRecord('Contact', { LastName: `Old${i}`, Email: long(i) }) as string);
    const results = await h.connector.push(Array.from({ length: 200 }, (_, i) => item(contact(i + 1, { emails: [{ value: long(i).toUpperCase() }] }), 'Contact')), h.rec.ctx);
    expect(results.map((r) => (r.outcome === 'updated' ? r.externalId : r.outcome))).toEqual(existing);
    // one lookup call, not one per query
    const lookups = h.sandbox.admin.recentRequests().filter((r) => r.route.endsWith('/composite') || r.route.includes('/query'));
    expect(lookups.map((r) => r.route)).toEqual(['POST /services/data/:version/composite']);
    // Salesforce augments queries server-side and recommends URLs under 2,000 characters (knowledge article 000386264)
    const base = `${h.sandbox.url}/services/data/v62.0/query?q=`;
    const groups = emailGroups('Contact', Array.from({ length: 200 }, (_, i) => long(i)), base.length);
    expect(groups.length).toBeGreaterThan(1);
    expect(groups.length).toBeLessThanOrEqual(25);
    for (const g of groups) expect(base.length + encodeURIComponent(`SELECT Id, Email FROM Contact WHERE Email IN (${g.map((e) => `'${e}'`).join(',')})`).length).toBeLessThanOrEqual(2_000);
  });

  it('a lookup Salesforce answers 431 (too long once augmented) is split and retried, not a paused connection', async () => {
    h = await harness('Contact', { schema: { ferryIdField: false } });
    const existing = Array.from({ length: 20 }, (_, i) => h?.sandbox.admin.seedRecord('Contact', { LastName: `Old${i}`, Email: `person${i + 1}@example.com` }) as string);
    h.sandbox.admin.injectFault({ kind: 'status', status: 431, pathPrefix: '/services/data/v62.0/composite' });
    const results = await h.connector.push(Array.from({ length: 20 }, (_, i) => item(contact(i + 1), 'Contact')), h.rec.ctx);
    expect(results.map((r) => (r.outcome === 'updated' ? r.externalId : r.outcome))).toEqual(existing);
    expect(h.sandbox.admin.records('Contact')).toHaveLength(20);
  });

  it('links a single duplicate-rule match and updates it; several matches are a conflict', async () => {
    h = await harness('Contact');
    h.sandbox.admin.addDuplicateRule({ object: 'Contact', action: 'block' });
    // standard matching rules are name-based: same last name, a first name that matches loosely, and the e-mail
    const one = h.sandbox.admin.seedRecord('Contact', { FirstName: 'F.', LastName: 'Last1', Email: 'Person1@Example.com' });
    const a = h.sandbox.admin.seedRecord('Contact', { FirstName: 'First2', LastName: 'Last2', Email: 'person2@example.com' });
    const b = h.sandbox.admin.seedRecord('Contact', { LastName: 'Last2', Email: 'person2@example.com' });
    const results = await h.connector.push([item(contact(1), 'Contact'), item(contact(2), 'Contact'), item(contact(3), 'Contact')], h.rec.ctx);
    expect(results[0]).toEqual({ contactId: 1, outcome: 'updated', externalId: one });
    expect(h.sandbox.admin.record(one)?.fields).toMatchObject({ LastName: 'Last1', [FERRY_ID_FIELD]: 'uid-1' });
    expect(results[1]).toMatchObject({ contactId: 2, outcome: 'conflict', candidates: [a, b] });
    expect(results[2]).toMatchObject({ contactId: 3, outcome: 'created' });
    expect(h.sandbox.admin.records('Contact')).toHaveLength(4);
  });

  it('rejects records Salesforce refuses with its own message while the rest go through', async () => {
    h = await harness('Lead');
    h.sandbox.admin.addValidationRule({ name: 'No_Interns', field: 'Title', pattern: '^intern$', message: 'Interns cannot be leads.' });
    h.sandbox.admin.configureSchema({ ferryIdField: false });
    const results = await h.connector.push([
      item(contact(1), 'Lead'),
      { ...item(contact(2), 'Lead'), payload: { ...mapContact(contact(2), 'Lead'), Company: '' } },
      item(contact(3, { title: 'Intern' }), 'Lead'),
    ], h.rec.ctx);
    expect(results[0]).toMatchObject({ outcome: 'created' });
    expect(results[1]).toMatchObject({ outcome: 'rejected', crmError: 'REQUIRED_FIELD_MISSING: Required fields are missing: [Company]' });
    expect(results[1]?.outcome === 'rejected' && results[1].message).toBe('Salesforce needs the company for every lead. Fill it in in Ferry.');
    expect(results[2]).toMatchObject({ outcome: 'rejected', crmError: 'FIELD_CUSTOM_VALIDATION_EXCEPTION: Interns cannot be leads.' });
    expect(h.sandbox.admin.records('Lead')).toHaveLength(1);
  });

  it('stops with an auth error after at most one refresh when the 401 persists', async () => {
    let refreshes = 0;
    h = await harness('Contact', {}, async () => { refreshes += 1; return 'still-not-a-valid-token'; });
    h.sandbox.admin.expireToken(token);
    const error = await syncError(h.connector.push([item(contact(1), 'Contact')], h.rec.ctx));
    expect(error.kind).toBe('auth');
    expect(refreshes).toBe(1);
    expect(h.sandbox.admin.requests().byStatus['401']).toBe(2);
  });

  it('uses a refreshed token at once', async () => {
    h = await harness('Contact', {}, async () => { h?.sandbox.admin.registerToken('fresh-token-123'); return 'fresh-token-123'; });
    h.sandbox.admin.expireToken(token);
    const [result] = await h.connector.push([item(contact(1), 'Contact')], h.rec.ctx);
    expect(result).toMatchObject({ outcome: 'created' });
  });

  it('reports the daily limit, outages and dropped connections as their kinds', async () => {
    h = await harness('Contact');
    h.sandbox.admin.setDailyLimit(0);
    expect((await syncError(h.connector.push([item(contact(1), 'Contact')], h.rec.ctx))).kind).toBe('daily_limit');
    h.sandbox.admin.setDailyLimit(1000);
    h.sandbox.admin.injectFault({ kind: 'status', status: 503, count: 1 });
    expect((await syncError(h.connector.push([item(contact(1), 'Contact')], h.rec.ctx))).kind).toBe('server');
    // a write whose socket is dropped is not sent again here (a read would be, once: salesforce-stale-socket.test.ts)
    h.sandbox.admin.injectFault({ kind: 'drop', phase: 'before', count: 1, pathPrefix: '/services/data/v62.0/composite/sobjects' });
    expect((await syncError(h.connector.push([item(contact(1), 'Contact')], h.rec.ctx))).kind).toBe('network');
    // nothing was retried behind the engine's back
    expect(h.sandbox.admin.requests().byStatus['503']).toBe(1);
    expect(h.sandbox.admin.records('Contact')).toHaveLength(0);
  });

  it('matches a record deleted in Salesforce again instead of failing', async () => {
    h = await harness('Contact', { schema: { ferryIdField: false } });
    const [created] = await h.connector.push([item(contact(1), 'Contact')], h.rec.ctx);
    const id = created?.outcome === 'created' ? created.externalId : '';
    h.sandbox.admin.deleteRecord(id);
    const [again] = await h.connector.push([item(contact(1), 'Contact', id)], h.rec.ctx);
    expect(again).toMatchObject({ outcome: 'created' });
    expect(again?.outcome === 'created' && again.externalId).not.toBe(id);
  });
});

// Nothing a rep typed is dropped on the way: every value of a full contact is on the
// stored record, in a standard field, a Ferry custom field the org has, or the
// Description's "From Ferry" block.
describe.each(['Contact', 'Lead'] as const)('every Ferry field reaches a Salesforce %s', (object) => {
  it('a contact with tags, custom fields, 3 e-mails, 3 phones, 2 addresses and a website arrives whole', async () => {
    h = await harness(object);
    await h.connector.prepare(h.rec.ctx);
    const c = full();
    const id = await pushed(h, c);
    const fields = h.sandbox.admin.record(id)?.fields ?? {};
    const stored = Object.values(fields);
    for (const value of everyValue(c)) expect(stored.some((v) => v.includes(value)), `${value} is on the record`).toBe(true);
    expect(fields.MobilePhone).toBe('+14155550101');
    expect(fields.Phone).toBe('+14155550100');
    expect(fields.Description).toContain('Tags: vip; boats');
    expect(fields.Description).toContain('Custom field “Lead source”: Trade show');
    expect(fields.Description).toContain('Other e-mail (personal): ada@home.example');
    if (object === 'Contact') {
      expect(fields).toMatchObject({ MailingCity: 'San Francisco', OtherCity: 'Oakland', OtherPhone: '+14155550102' });
      expect(fields.Description).toContain('Website: https://ada.example');
    } else {
      expect(fields).toMatchObject({ City: 'San Francisco', Website: 'https://ada.example' });
      expect(fields.Description).toContain('Other address (home): 9 Elm Rd, Oakland, CA, 94601, US');
      expect(fields.Description).toContain('Other phone (pager): +14155550102');
    }
  });

  it('with Ferry_Tags__c and Lead_Source__c in describe, tags and the custom field go there', async () => {
    h = await harness(object);
    h.sandbox.admin.addCustomField(object, { name: 'Ferry_Tags__c', label: 'Ferry Tags', type: 'textarea', length: 32_768 });
    h.sandbox.admin.addCustomField(object, { name: 'Lead_Source__c', label: 'Lead Source (text)' });
    await h.connector.prepare(h.rec.ctx);
    const id = await pushed(h, full());
    const fields = h.sandbox.admin.record(id)?.fields ?? {};
    expect(fields.Ferry_Tags__c).toBe('vip; boats');
    expect(fields.Lead_Source__c).toBe('Trade show');
    expect(fields.Description).not.toContain('Tags:');
    expect(fields.Description).not.toContain('Lead source');
    expect(fields.Description).toContain('Custom field “Shoe size”: 38');

    // removing the tags and the custom field in Ferry clears both fields in Salesforce
    await pushed(h, full({ tags: [], customFields: {} }), id, full());
    const after = h.sandbox.admin.record(id)?.fields ?? {};
    expect(after).not.toHaveProperty('Ferry_Tags__c');
    expect(after).not.toHaveProperty('Lead_Source__c');
  });

  it('clearing the title, a phone and the second address in Ferry clears them in Salesforce', async () => {
    h = await harness(object);
    await h.connector.prepare(h.rec.ctx);
    const before = full();
    const id = await pushed(h, before);
    expect(h.sandbox.admin.record(id)?.fields.Title).toBe('Buyer');
    const cleared = full({ title: '', phones: before.phones.slice(0, 1), addresses: before.addresses.slice(0, 1), website: '' });
    await pushed(h, cleared, id, before);
    const fields = h.sandbox.admin.record(id)?.fields ?? {};
    expect(fields).not.toHaveProperty('Title');
    expect(fields).not.toHaveProperty('MobilePhone');
    expect(Object.values(fields).join('\n')).not.toContain('Oakland');
    expect(Object.values(fields).join('\n')).not.toContain('ada.example');
    expect(fields.Phone).toBe('+14155550100');
  });
});
