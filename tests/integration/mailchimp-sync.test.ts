import { describe, expect, it } from 'vitest';
import { createContact, updateContact } from '../../main/store/contacts';
import { requireConnection } from '../../main/store/connections';
import { listEvents } from '../../main/store/sync-log';
import { seedSampleContacts } from '../support/sample-contacts';
import { mailchimpHarness } from '../support/mailchimp-harness';

const ctx = { region: 'US' };
const BATCH = 'POST /3.0/lists/:list';

describe('sync engine with Mailchimp (sandbox on loopback)', () => {
  it('connecting checks the audience and creates Ferry\'s merge fields; a first push of 10,000 contacts is one batch call per 500; a re-sync makes no call', async () => {
    const h = await mailchimpHarness();
    expect(h.sandbox.admin.snapshot().mergeFields.map((f) => f.tag)).toEqual(expect.arrayContaining(['FNAME', 'LNAME', 'COMPANY', 'TITLE', 'FERRYID', 'NOTES']));
    expect(h.connection.config.account).toBe('f3rry5andb0x');
    seedSampleContacts(h.db, h.cardId, 10_000);
    h.sandbox.admin.clearRequests();
    const first = await h.engine.syncNow(h.connection.id);
    expect(first).toMatchObject({ state: 'succeeded', created: 10_000, updated: 0, quarantined: 0 });
    const members = h.sandbox.admin.members();
    expect(members).toHaveLength(10_000);
    expect(h.sandbox.admin.requests().byRoute[BATCH]).toBe(20);
    // calls per contact on the first push: batches, plus a merge field per new custom field name
    expect(first.apiCalls / 10_000).toBeLessThan(0.01);

    const before = h.sandbox.admin.requests().total;
    const again = await h.engine.syncNow(h.connection.id);
    expect(again).toMatchObject({ state: 'nothing_to_send', apiCalls: 0 });
    expect(h.sandbox.admin.requests().total).toBe(before);
  });

  it('consent decides the status: tagged contacts are subscribed, the others non-subscribed, the card says so, and a contact without e-mail is set aside with a sentence', async () => {
    const h = await mailchimpHarness();
    createContact(h.db, h.cardId, { firstName: 'Ada', emails: [{ value: 'Ada@Example.com' }], tags: ['marketing-consent', 'expo'] }, ctx);
    createContact(h.db, h.cardId, { firstName: 'Bob', emails: [{ value: 'bob@example.com' }], tags: ['expo'] }, ctx);
    const noMail = createContact(h.db, h.cardId, { firstName: 'Nomail', company: 'Paper Co' }, ctx);
    const run = await h.engine.syncNow(h.connection.id);
    expect(run).toMatchObject({ created: 2, quarantined: 1 });
    expect(h.sandbox.admin.member('ada@example.com')).toMatchObject({ status: 'subscribed', tags: ['expo', 'marketing-consent'], merge_fields: { FNAME: 'Ada' } });
    expect(h.sandbox.admin.member('bob@example.com')).toMatchObject({ status: 'transactional', tags: ['expo'] });
    const events = listEvents(h.db, { connectionId: h.connection.id, limit: 10, offset: 0 }).items;
    expect(events.find((e) => e.contactId === noMail.id)?.message).toMatch(/has none, so Ferry did not add it/);
  });

  it('an edit updates the same member (no duplicate), a removed tag is removed, and a cleared field is cleared', async () => {
    const h = await mailchimpHarness();
    const c = createContact(h.db, h.cardId, { firstName: 'Grace', emails: [{ value: 'grace@example.com' }], company: 'Navy', tags: ['vip', 'expo'] }, ctx);
    await h.engine.syncNow(h.connection.id);
    updateContact(h.db, c.id, { company: '', title: 'Rear Admiral', tags: ['expo'] }, ctx);
    const run = await h.engine.syncNow(h.connection.id);
    expect(run).toMatchObject({ updated: 1, created: 0 });
    expect(h.sandbox.admin.members()).toHaveLength(1);
    expect(h.sandbox.admin.member('grace@example.com')).toMatchObject({ status: 'transactional', tags: ['expo'], merge_fields: { COMPANY: '', TITLE: 'Rear Admiral' } });
  });

  it('changing the e-mail moves the member instead of adding a second one', async () => {
    const h = await mailchimpHarness();
    const c = createContact(h.db, h.cardId, { firstName: 'Linus', emails: [{ value: 'linus@old.example' }], tags: ['marketing-consent'] }, ctx);
    await h.engine.syncNow(h.connection.id);
    updateContact(h.db, c.id, { emails: [{ value: 'linus@new.example' }] }, ctx);
    await h.engine.syncNow(h.connection.id);
    expect(h.sandbox.admin.members().map((m) => m.email_address)).toEqual(['linus@new.example']);
    expect(h.sandbox.admin.member('linus@new.example')?.status).toBe('subscribed');
  });

  it('a member who unsubscribed in Mailchimp is not resubscribed: it is set aside with Mailchimp\'s words; without consent Ferry never touches a status', async () => {
    const h = await mailchimpHarness();
    const c = createContact(h.db, h.cardId, { firstName: 'Una', emails: [{ value: 'una@example.com' }], tags: ['marketing-consent'] }, ctx);
    const d = createContact(h.db, h.cardId, { firstName: 'Sue', emails: [{ value: 'sue@example.com' }] }, ctx);
    await h.engine.syncNow(h.connection.id);
    h.sandbox.admin.setMemberStatus('una@example.com', 'unsubscribed');
    h.sandbox.admin.setMemberStatus('sue@example.com', 'subscribed');
    updateContact(h.db, c.id, { title: 'CTO' }, ctx);
    updateContact(h.db, d.id, { title: 'CFO' }, ctx);
    const run = await h.engine.syncNow(h.connection.id);
    expect(run).toMatchObject({ updated: 1, quarantined: 1 });
    expect(h.sandbox.admin.member('una@example.com')?.status).toBe('unsubscribed');
    expect(h.sandbox.admin.member('sue@example.com')).toMatchObject({ status: 'subscribed', merge_fields: { TITLE: 'CFO' } });
    const [event] = listEvents(h.db, { connectionId: h.connection.id, limit: 10, offset: 0 }).items.filter((e) => e.outcome === 'quarantined');
    expect(event?.message).toMatch(/compliance state/);
    expect(requireConnection(h.db, h.connection.id).lastError).toMatch(/Mailchimp rejected 1 contact/);
  });

  it('when the batch keeps an unsubscribed member unsubscribed without a word (reported of Mailchimp, undocumented), the contact is set aside, never counted as subscribed', async () => {
    const h = await mailchimpHarness();
    const c = createContact(h.db, h.cardId, { firstName: 'Una', emails: [{ value: 'una@example.com' }], tags: ['marketing-consent'] }, ctx);
    await h.engine.syncNow(h.connection.id);
    h.sandbox.admin.setMemberStatus('una@example.com', 'unsubscribed');
    h.sandbox.admin.setBatchComplianceAnswer('silent');
    updateContact(h.db, c.id, { title: 'CTO' }, ctx);
    const run = await h.engine.syncNow(h.connection.id);
    expect(run).toMatchObject({ updated: 0, quarantined: 1 });
    expect(h.sandbox.admin.member('una@example.com')).toMatchObject({ status: 'unsubscribed', merge_fields: { TITLE: 'CTO' } });
    const [event] = listEvents(h.db, { connectionId: h.connection.id, limit: 10, offset: 0 }).items.filter((e) => e.outcome === 'quarantined');
    expect(event?.message).toMatch(/kept .* unsubscribed/);
  });
});
