import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/contacts';
import { apiError, rawFetch, startHarness, token, type Harness } from './hubspot-sandbox-helpers';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.sandbox.close(); });

const upsertByEmail = (email: string, properties: Record<string, string> = {}) => ({ id: email, idProperty: 'email', properties });

describe('contacts batch upsert', () => {
  it('creates, then updates the same contact by email (new: true, then false)', async () => {
    const first = await h.client.crm.contacts.batchApi.upsert({ inputs: [upsertByEmail('Ada@Example.com', { firstname: 'Ada' })] });
    expect(first.results).toHaveLength(1);
    expect(first.results[0]?._new).toBe(true);
    expect(first.results[0]?.properties.email).toBe('ada@example.com');
    const id = first.results[0]?.id ?? '';

    const second = await h.client.crm.contacts.batchApi.upsert({ inputs: [upsertByEmail('ada@example.com', { lastname: 'Lovelace' })] });
    expect(second.results[0]).toMatchObject({ id, _new: false });
    expect(h.sandbox.admin.contacts()).toHaveLength(1);
    expect(h.sandbox.admin.contact(id)?.properties).toMatchObject({ email: 'ada@example.com', firstname: 'Ada', lastname: 'Lovelace' });
  });

  it('upserts by a unique custom property, and refuses a non-unique one', async () => {
    await h.client.crm.properties.coreApi.create('contacts', {
      name: 'ferry_id', label: 'Ferry id', type: 'string' as never, fieldType: 'text' as never, groupName: 'contactinformation', hasUniqueValue: true,
    });
    const input = { id: 'f-1', idProperty: 'ferry_id', properties: { firstname: 'No Email' } };
    const created = await h.client.crm.contacts.batchApi.upsert({ inputs: [input] });
    expect(created.results[0]?._new).toBe(true);
    const again = await h.client.crm.contacts.batchApi.upsert({ inputs: [{ ...input, properties: { firstname: 'Still no email' } }] });
    expect(again.results[0]).toMatchObject({ id: created.results[0]?.id, _new: false });
    expect(h.sandbox.admin.contacts()[0]?.properties).toMatchObject({ ferry_id: 'f-1', firstname: 'Still no email' });

    const err = await apiError(h.client.crm.contacts.batchApi.upsert({ inputs: [{ id: 'Ada', idProperty: 'firstname', properties: {} }] }));
    expect(err.code).toBe(400);
    expect(err.body.category).toBe('VALIDATION_ERROR');
  });

  it('refuses more than 100 inputs with 400 and writes nothing', async () => {
    const inputs = Array.from({ length: 101 }, (_, i) => upsertByEmail(`c${i}@example.com`));
    const err = await apiError(h.client.crm.contacts.batchApi.upsert({ inputs }));
    expect(err.code).toBe(400);
    expect(err.body.category).toBe('VALIDATION_ERROR');
    expect(h.sandbox.admin.contacts()).toHaveLength(0);
    const ok = await h.client.crm.contacts.batchApi.upsert({ inputs: inputs.slice(0, 100) });
    expect(ok.results).toHaveLength(100);
  });

  it('fails the whole batch with VALIDATION_ERROR for an invalid email, naming it', async () => {
    const err = await apiError(h.client.crm.contacts.batchApi.upsert({
      inputs: [upsertByEmail('good@example.com'), { id: 'x-1', idProperty: 'email', properties: {} }],
    }));
    expect(err.code).toBe(400);
    expect(err.body.category).toBe('VALIDATION_ERROR');
    expect(err.body.message).toContain('Property values were not valid');
    expect(err.body.message).toContain('INVALID_EMAIL');
    expect(err.body.message).toContain('x-1');
    expect(h.sandbox.admin.contacts()).toHaveLength(0);
  });

  it('answers PROPERTY_DOESNT_EXIST for an unknown property', async () => {
    const err = await apiError(h.client.crm.contacts.batchApi.upsert({ inputs: [upsertByEmail('a@example.com', { shoe_size: '42' })] }));
    expect(err.code).toBe(400);
    expect(err.body.category).toBe('VALIDATION_ERROR');
    const list = JSON.parse((err.body.message ?? '').replace('Property values were not valid: ', '')) as Array<Record<string, unknown>>;
    expect(list[0]).toMatchObject({ isValid: false, error: 'PROPERTY_DOESNT_EXIST', name: 'shoe_size', message: 'Property "shoe_size" does not exist' });
  });

  it('rejects records whose email matches an injected pattern', async () => {
    h.sandbox.admin.rejectEmails(/^bounce/);
    const err = await apiError(h.client.crm.contacts.batchApi.upsert({ inputs: [upsertByEmail('bounce@example.com')] }));
    expect(err.body.category).toBe('VALIDATION_ERROR');
    h.sandbox.admin.rejectEmails(null);
    await h.client.crm.contacts.batchApi.upsert({ inputs: [upsertByEmail('bounce@example.com')] });
  });
});

describe('contacts create, update, read', () => {
  it('answers 409 OBJECT_ALREADY_EXISTS / CONTACT_EXISTS with the existing id for a duplicate email on create', async () => {
    const existing = await h.client.crm.contacts.basicApi.create({ properties: { email: 'dup@example.com' }, associations: [] });
    const err = await apiError(h.client.crm.contacts.batchApi.create({
      inputs: [{ properties: { email: 'new@example.com' }, associations: [] }, { properties: { email: 'DUP@example.com' }, associations: [] }],
    }));
    expect(err.code).toBe(409);
    expect(err.body).toMatchObject({ category: 'OBJECT_ALREADY_EXISTS', error: 'CONTACT_EXISTS', errors: [{ in: 'email' }] });
    expect(err.body.message).toBe(`Contact already exists. Existing ID: ${existing.id}`);
    expect(h.sandbox.admin.contacts()).toHaveLength(1);
  });

  it('batch reads by id and by email, and reports missing ids as errors (207)', async () => {
    const created = await h.client.crm.contacts.batchApi.create({ inputs: [{ properties: { email: 'r@example.com', firstname: 'R' }, associations: [] }] });
    const id = created.results[0]?.id ?? '';
    const byEmail = await h.client.crm.contacts.batchApi.read({ inputs: [{ id: 'r@example.com' }], idProperty: 'email', properties: ['firstname'], propertiesWithHistory: [] });
    expect(byEmail.results[0]).toMatchObject({ id, properties: { firstname: 'R', hs_object_id: id } });
    const mixed = await h.client.crm.contacts.batchApi.read({ inputs: [{ id }, { id: '999999' }], properties: [], propertiesWithHistory: [] });
    expect(mixed.results).toHaveLength(1);
    expect('errors' in mixed && mixed.errors?.[0]?.category).toBe('OBJECT_NOT_FOUND');
    const one = await h.client.crm.contacts.basicApi.getById('r@example.com', ['firstname'], undefined, undefined, false, 'email');
    expect(one.id).toBe(id);
    expect((await apiError(h.client.crm.contacts.basicApi.getById('424242'))).code).toBe(404);
  });

  it('batch updates by id and ignores batch update keyed on email, like HubSpot', async () => {
    const created = await h.client.crm.contacts.basicApi.create({ properties: { email: 'u@example.com' }, associations: [] });
    const updated = await h.client.crm.contacts.batchApi.update({ inputs: [{ id: created.id, properties: { jobtitle: 'CTO' } }] });
    expect(updated.results[0]?.properties.jobtitle).toBe('CTO');
    const err = await apiError(h.client.crm.contacts.batchApi.update({ inputs: [{ id: 'u@example.com', idProperty: 'email', properties: { jobtitle: 'CEO' } }] }));
    expect(err.body.message).toContain('non-unique');
    expect(h.sandbox.admin.contact(created.id)?.properties.jobtitle).toBe('CTO');
  });
});

describe('search', () => {
  it('finds by IN and EQ, but only after the index catches up', async () => {
    h.sandbox.admin.setSearchLag(2_000);
    await h.client.crm.contacts.batchApi.upsert({ inputs: ['a', 'b', 'c'].map((x) => upsertByEmail(`${x}@example.com`, { firstname: x.toUpperCase() })) });
    const request = {
      filterGroups: [{ filters: [{ propertyName: 'email', operator: FilterOperatorEnum.In, values: ['a@example.com', 'C@example.com'] }] }],
      properties: ['email', 'firstname'], limit: 10, after: '0', sorts: [],
    };
    expect((await h.client.crm.contacts.searchApi.doSearch(request)).total).toBe(0);
    h.clock.advance(2_000);
    const found = await h.client.crm.contacts.searchApi.doSearch(request);
    expect(found.total).toBe(2);
    expect(found.results.map((r) => r.properties.firstname).sort()).toEqual(['A', 'C']);

    const eq = await h.client.crm.contacts.searchApi.doSearch({ ...request, filterGroups: [{ filters: [{ propertyName: 'firstname', operator: FilterOperatorEnum.Eq, value: 'b' }] }] });
    expect(eq.results[0]?.properties.email).toBe('b@example.com');
  });

  it('refuses more than 5 filter groups and more than 25 filters', async () => {
    const filter = { propertyName: 'email', operator: FilterOperatorEnum.Eq, value: 'x@example.com' };
    const groups = (n: number, per: number) => Array.from({ length: n }, () => ({ filters: Array.from({ length: per }, () => filter) }));
    const six = await apiError(h.client.crm.contacts.searchApi.doSearch({ filterGroups: groups(6, 1), properties: [], limit: 10, after: '0', sorts: [] }));
    expect(six.code).toBe(400);
    const many = await apiError(h.client.crm.contacts.searchApi.doSearch({ filterGroups: groups(5, 6), properties: [], limit: 10, after: '0', sorts: [] }));
    expect(many.body.category).toBe('VALIDATION_ERROR');
  });

  it('limits search to 5 per second outside the 10-second budget', async () => {
    const req = { filterGroups: [], properties: [], limit: 1, after: '0', sorts: [] };
    for (let i = 0; i < 5; i += 1) await h.client.crm.contacts.searchApi.doSearch(req);
    const err = await apiError(h.client.crm.contacts.searchApi.doSearch(req));
    expect(err.code).toBe(429);
    h.clock.advance(1_000);
    await h.client.crm.contacts.searchApi.doSearch(req);
    const res = await rawFetch(h.sandbox, '/crm/v3/properties/contacts', { token });
    expect(res.headers.get('x-hubspot-ratelimit-remaining')).toBe('99');
  });
});

describe('limits and auth', () => {
  it('answers 429 TEN_SECONDLY_ROLLING with HubSpot headers after 100 requests in 10 s, then recovers', async () => {
    for (let i = 0; i < 100; i += 1) {
      h.clock.advance(50);
      await h.client.crm.properties.coreApi.getAll('contacts');
    }
    const res = await rawFetch(h.sandbox, '/crm/v3/properties/contacts', { token });
    expect(res.status).toBe(429);
    const body = await res.json() as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'error', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
    expect(typeof body.correlationId).toBe('string');
    expect(res.headers.get('x-hubspot-ratelimit-max')).toBe('100');
    expect(res.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
    expect(res.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
    expect(res.headers.get('x-hubspot-ratelimit-daily')).toBe('250000');
    expect(res.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('249900');
    const sdkErr = await apiError(h.client.crm.properties.coreApi.getAll('contacts'));
    expect(sdkErr.code).toBe(429);
    // The first request (at +50 ms) leaves the window at +10,050 ms; the clock is at +5,000 ms.
    h.clock.advance(5_049);
    expect((await apiError(h.client.crm.properties.coreApi.getAll('contacts'))).code).toBe(429);
    h.clock.advance(1);
    await h.client.crm.properties.coreApi.getAll('contacts');
    expect(h.sandbox.admin.requests().rateLimited).toBe(3);
  });

  it('answers 429 DAILY once the daily limit is spent', async () => {
    h.sandbox.admin.setDailyLimit(2);
    await h.client.crm.properties.coreApi.getAll('contacts');
    await h.client.crm.properties.coreApi.getAll('contacts');
    const res = await rawFetch(h.sandbox, '/crm/v3/properties/contacts', { token });
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ policyName: 'DAILY', errorType: 'RATE_LIMIT' });
  });

  it('answers 401 for a missing, unknown or expired token', async () => {
    const missing = await rawFetch(h.sandbox, '/crm/v3/properties/contacts');
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
    const bad = await apiError(h.clientWith('nope').crm.contacts.basicApi.getById('1'));
    expect(bad.code).toBe(401);
    expect(bad.body.category).toBe('INVALID_AUTHENTICATION');

    h.sandbox.admin.registerToken({ token: 'short', expiresAt: h.clock.now() + 60_000 });
    await h.clientWith('short').crm.properties.coreApi.getAll('contacts');
    h.clock.advance(60_000);
    const expired = await apiError(h.clientWith('short').crm.properties.coreApi.getAll('contacts'));
    expect(expired.code).toBe(401);
    expect(expired.body.category).toBe('EXPIRED_AUTHENTICATION');
    expect(h.sandbox.admin.expireToken(token)).toBe(true);
    expect((await apiError(h.client.crm.properties.coreApi.getAll('contacts'))).body.category).toBe('EXPIRED_AUTHENTICATION');
  });

  it('answers 403 MISSING_SCOPES naming the scope', async () => {
    h.sandbox.admin.registerToken({ token: 'read-only', scopes: ['crm.objects.contacts.read'] });
    const err = await apiError(h.clientWith('read-only').crm.contacts.batchApi.upsert({ inputs: [upsertByEmail('s@example.com')] }));
    expect(err.code).toBe(403);
    expect(err.body.category).toBe('MISSING_SCOPES');
    expect(err.body.errors?.[0]?.context?.requiredGranularScopes).toEqual(['crm.objects.contacts.write']);
  });
});

describe('properties', () => {
  it('lists, creates, and refuses a second property with the same name (409)', async () => {
    const before = await h.client.crm.properties.coreApi.getAll('contacts');
    expect(before.results.map((p) => p.name)).toContain('email');
    const spec = { name: 'ferry_tags', label: 'Tags', type: 'string' as never, fieldType: 'textarea' as never, groupName: 'contactinformation' };
    const created = await h.client.crm.properties.coreApi.create('contacts', spec);
    expect(created).toMatchObject({ name: 'ferry_tags', hubspotDefined: false, hasUniqueValue: false });
    const err = await apiError(h.client.crm.properties.coreApi.create('contacts', spec));
    expect(err.code).toBe(409);
    await h.client.crm.contacts.batchApi.upsert({ inputs: [upsertByEmail('t@example.com', { ferry_tags: 'vip;expo' })] });
  });
});
