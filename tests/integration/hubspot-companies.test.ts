import { describe, expect, it } from 'vitest';
import { createContact, updateContact } from '../../main/store/contacts';
import { requireConnection } from '../../main/store/connections';
import { seedSampleContacts } from '../support/sample-contacts';
import { hubspotHarness } from '../support/hubspot-harness';

const ctx = { region: 'US' };

/** Company calls a run made, by route. */
function companyCalls(byRoute: Record<string, number>): number {
  return Object.entries(byRoute).filter(([route]) => /companies/.test(route)).reduce((n, [, c]) => n + c, 0);
}

describe('HubSpot companies: found or created by domain, contacts associated', () => {
  it('the demo data (15 companies) makes one company per domain, every contact associated with its own, in few calls; a re-sync makes no company call', async () => {
    const h = await hubspotHarness();
    expect(requireConnection(h.db, h.connection.id).config.companies).toBe('linked');
    seedSampleContacts(h.db, h.cardId, 1000);
    // connecting created ferry_company_key (prepare); what follows counts the push alone
    h.sandbox.admin.clearRequests();
    const first = await h.engine.syncNow(h.connection.id);
    expect(first).toMatchObject({ state: 'succeeded', created: 1000, quarantined: 0 });
    const companies = h.sandbox.admin.companies();
    expect(companies).toHaveLength(15);
    expect(new Set(companies.map((c) => c.properties.domain)).size).toBe(15);
    expect(companies.find((c) => c.properties.domain === 'globex.example.com')?.properties.name).toBe('Globex');
    for (const contact of h.sandbox.admin.contacts()) {
      const linked = h.sandbox.admin.companiesForContact(contact.id);
      expect(linked.map((c) => c.properties.domain)).toEqual([contact.properties.website?.replace('https://', '')]);
    }
    const calls = companyCalls(h.sandbox.admin.requests().byRoute);
    // 1 search + 1 upsert + 10 association calls of 100
    expect(calls).toBe(12);
    expect(calls / 1000).toBeLessThanOrEqual(0.025);

    // an edit that keeps the company: the contact is updated, no company call
    h.sandbox.admin.clearRequests();
    const local = createContact(h.db, h.cardId, { firstName: 'New', lastName: 'Hire', emails: [{ value: 'new.hire@globex.example.com' }], company: 'Globex', website: 'https://www.globex.example.com/' }, ctx);
    const again = await h.engine.syncNow(h.connection.id);
    expect(again).toMatchObject({ created: 1, quarantined: 0 });
    // the domain is cached: no search, no upsert; one association for the new contact
    expect(h.sandbox.admin.requests().byRoute).toEqual({ 'POST /crm/v3/objects/contacts/batch/upsert': 1, 'POST /crm/v4/associations/contacts/companies/batch/associate/default': 1 });
    updateContact(h.db, local.id, { title: 'Buyer' }, ctx);
    h.sandbox.admin.clearRequests();
    await h.engine.syncNow(h.connection.id);
    expect(h.sandbox.admin.requests().byRoute).toEqual({ 'POST /crm/v3/objects/contacts/batch/upsert': 1 });
    expect(h.sandbox.admin.companies()).toHaveLength(15);
  });

  it('the company search draws on HubSpot\'s search limit, not on the ten-second window: a push whose other calls fit the window never waits', async () => {
    // 6 requests per 10 s leaves Ferry 5 (one is the reserve for other laptops): the push's
    // custom properties, contact upsert, notes, company upsert and association. Its company
    // search is exempt from that window (docs/vendor-facts.md 7); counted in it, the
    // association waited a whole window.
    const h = await hubspotHarness({ rateLimit: 6, portalOnEngineClock: true });
    h.clock.advance(10_000); // connecting's own calls leave the window
    seedSampleContacts(h.db, h.cardId, 100);
    h.sandbox.admin.clearRequests();
    const sleptBefore = h.clock.slept;
    const run = await h.engine.syncNow(h.connection.id);
    expect(run).toMatchObject({ state: 'succeeded', created: 100, quarantined: 0, rateLimited: 0 });
    expect(h.sandbox.admin.requests().byRoute).toEqual({
      'POST /crm/v3/properties/:objectType/batch/create': 1,
      'POST /crm/v3/objects/contacts/batch/upsert': 1,
      'POST /crm/v3/objects/notes/batch/create': 1,
      'POST /crm/v3/objects/companies/search': 1,
      'POST /crm/v3/objects/companies/batch/upsert': 1,
      'POST /crm/v4/associations/contacts/companies/batch/associate/default': 1,
    });
    expect(h.clock.slept - sleptBefore).toBe(0);
  });

  it('a company the team already has (same domain) is used, not duplicated; the oldest of two wins', async () => {
    const h = await hubspotHarness();
    const older = h.sandbox.admin.addCompany({ name: 'Acme Inc.', domain: 'acme.com' });
    h.sandbox.admin.addCompany({ name: 'Acme (dupe)', domain: 'acme.com' });
    createContact(h.db, h.cardId, { firstName: 'Wile', lastName: 'Coyote', emails: [{ value: 'wile@acme.com' }], company: 'ACME', website: 'acme.com' }, ctx);
    await h.engine.syncNow(h.connection.id);
    expect(h.sandbox.admin.companies()).toHaveLength(2);
    const contact = h.sandbox.admin.contactByEmail('wile@acme.com');
    expect(h.sandbox.admin.companiesForContact(contact!.id).map((c) => c.id)).toEqual([older.id]);
    // the team's name is kept
    expect(h.sandbox.admin.companies().find((c) => c.id === older.id)?.properties.name).toBe('Acme Inc.');
  });

  it('a contact who moves to another company is linked to the new one and unlinked from the old', async () => {
    const h = await hubspotHarness();
    const c = createContact(h.db, h.cardId, { firstName: 'Ada', emails: [{ value: 'ada@engines.example' }], company: 'Engines', website: 'engines.example' }, ctx);
    await h.engine.syncNow(h.connection.id);
    updateContact(h.db, c.id, { company: 'Babbage & Co', website: 'https://babbage.example', emails: [{ value: 'ada@babbage.example' }] }, ctx);
    await h.engine.syncNow(h.connection.id);
    const contact = h.sandbox.admin.contactByEmail('ada@babbage.example');
    expect(h.sandbox.admin.companiesForContact(contact!.id).map((x) => x.properties.domain)).toEqual(['babbage.example']);
    expect(h.sandbox.admin.companies().map((x) => x.properties.domain).sort()).toEqual(['babbage.example', 'engines.example']);
  });

  it('a free-mail address without a website links no company; the company name stays on the contact', async () => {
    const h = await hubspotHarness();
    createContact(h.db, h.cardId, { firstName: 'Sam', emails: [{ value: 'sam@gmail.com' }], company: 'Freelance' }, ctx);
    await h.engine.syncNow(h.connection.id);
    expect(h.sandbox.admin.companies()).toHaveLength(0);
    expect(h.sandbox.admin.contactByEmail('sam@gmail.com')?.properties.company).toBe('Freelance');
  });

  it('a token without the company scopes still syncs contacts; companies are not linked and the connection says why', async () => {
    {
      const h = await hubspotHarness({ scopes: ['crm.objects.contacts.read', 'crm.objects.contacts.write', 'crm.schemas.contacts.read', 'crm.schemas.contacts.write'] });
      expect(requireConnection(h.db, h.connection.id).config.companies).toMatch(/not linked: the token lacks the company scopes/);
      createContact(h.db, h.cardId, { firstName: 'Ada', emails: [{ value: 'ada@engines.example' }], company: 'Engines', website: 'engines.example' }, ctx);
      const run = await h.engine.syncNow(h.connection.id);
      expect(run).toMatchObject({ state: 'succeeded', created: 1 });
      expect(h.sandbox.admin.companies()).toHaveLength(0);
    }
  });
});
