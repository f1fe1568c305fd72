import { describe, expect, it } from 'vitest';
import { createContact, updateContact } from '../../main/store/contacts';
import { requireConnection } from '../../main/store/connections';
import { seedSampleContacts } from '../support/sample-contacts';
import { pipedriveHarness } from '../support/pipedrive-harness';

const ctx = { region: 'US' };

describe('Pipedrive: persons through the sandbox on loopback', () => {
  it('connecting finds or adds the Ferry fields (40-character keys) and learns the company', async () => {
    const h = await pipedriveHarness();
    expect(h.sandbox.admin.fieldKey('Ferry ID')).toMatch(/^[0-9a-f]{40}$/);
    expect(h.sandbox.admin.fieldKey('Ferry details')).toMatch(/^[0-9a-f]{40}$/);
    expect(h.connection.config.account).toBe('7424242');
    expect(h.connection.config.appHost).toBe('ferry-sandbox.pipedrive.com');
  });

  it('a first push of 10,000 contacts makes one person each, about one call per contact; a re-sync makes no call', { timeout: 180_000 }, async () => {
    const h = await pipedriveHarness({ seed: (db, cardId) => seedSampleContacts(db, cardId, 10_000) });
    h.sandbox.admin.clearRequests();
    const first = await h.engine.syncNow(h.connection.id);
    expect(first, JSON.stringify(requireConnection(h.db, h.connection.id).lastError)).toMatchObject({ state: 'succeeded', created: 10_000, quarantined: 0 });
    const persons = h.sandbox.admin.persons();
    expect(persons).toHaveLength(10_000);
    expect(new Set(persons.map((p) => h.field(p, 'Ferry ID'))).size).toBe(10_000);
    const calls = h.sandbox.admin.requests();
    expect(calls.byRoute['POST /api/v2/persons']).toBe(10_000);
    // the Ferry ID look-up is list pages, never one search per contact
    expect(calls.byRoute['GET /api/v2/persons/search'] ?? 0).toBe(0);
    expect(calls.total / 10_000).toBeLessThan(1.05);

    const before = h.sandbox.admin.requests().total;
    const again = await h.engine.syncNow(h.connection.id);
    expect(again).toMatchObject({ state: 'nothing_to_send', apiCalls: 0 });
    expect(h.sandbox.admin.requests().total).toBe(before);
  });

  it('an edit updates the same person (not a second one), and every field lands', async () => {
    const h = await pipedriveHarness();
    const c = createContact(h.db, h.cardId, {
      firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }, { value: 'ada@home.example', label: 'home' }],
      phones: [{ raw: '+44 20 7946 0018', label: 'mobile' }], company: 'Analytical Engines', title: 'Mathematician', tags: ['vip'],
      notes: 'Likes engines', customFields: { Shoe: '38' },
    }, ctx);
    await h.engine.syncNow(h.connection.id);
    const [person] = h.sandbox.admin.persons();
    expect(person).toMatchObject({ name: 'Ada Lovelace', emails: [{ value: 'ada@example.com', primary: true, label: 'work' }, { value: 'ada@home.example', primary: false, label: 'home' }], phones: [{ value: '+442079460018', label: 'mobile' }] });
    expect(h.field(person, 'Ferry details')).toBe('Company: Analytical Engines\nTitle: Mathematician\nTags: vip\nShoe: 38\nNotes:\nLikes engines');

    updateContact(h.db, c.id, { title: 'Countess', emails: [{ value: 'ada@new.example' }] }, ctx);
    h.sandbox.admin.clearRequests();
    const run = await h.engine.syncNow(h.connection.id);
    expect(run).toMatchObject({ updated: 1, created: 0, apiCalls: 1 });
    expect(h.sandbox.admin.requests().byRoute).toEqual({ 'PATCH /api/v2/persons/:id': 1 });
    const after = h.sandbox.admin.persons();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: person!.id, emails: [{ value: 'ada@new.example' }] });
    expect(h.field(after[0], 'Ferry details')).toContain('Title: Countess');
  });

  it('a person deleted in Pipedrive is created again, once', async () => {
    const h = await pipedriveHarness();
    const c = createContact(h.db, h.cardId, { firstName: 'Grace', lastName: 'Hopper' }, ctx);
    await h.engine.syncNow(h.connection.id);
    h.sandbox.admin.deletePerson(h.sandbox.admin.persons()[0]!.id);
    updateContact(h.db, c.id, { title: 'Admiral' }, ctx);
    const run = await h.engine.syncNow(h.connection.id);
    expect(run).toMatchObject({ created: 1 });
    expect(h.sandbox.admin.persons()).toHaveLength(1);
    expect(requireConnection(h.db, h.connection.id).status).toBe('connected');
  });
});
