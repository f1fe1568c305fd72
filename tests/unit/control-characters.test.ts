import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouter, type Router } from '../../main/ipc/router';
import { makeTestServices, type TestServices } from '../support/test-services';

/**
 * Issue 11, Low: "a NUL in a search gives an internal error, and NUL bytes are
 * stored in contact fields". The contract removes control characters from
 * free text (and refuses them in secrets), so neither reaches SQLite.
 */
const APP = { frameIsMain: true, origin: 'file://' };

describe('control characters at the contract', () => {
  let t: TestServices;
  let router: Router;
  const internal: unknown[] = [];

  beforeEach(() => {
    t = makeTestServices();
    router = createRouter(t.services, { allowedOrigins: ['file://'], onInternalError: (e) => internal.push(e) });
    internal.length = 0;
  });
  afterEach(() => t.close());

  it('a search with a NUL still answers, and finds what the rest of the query names', async () => {
    await router.call('createContact', { contact: { firstName: 'Ada', lastName: 'Lovelace' } }, APP);
    for (const query of ['ada\u0000', '\u0000', 'love\u0000lace', 'ada\u0007\u001b[31m']) {
      const found = await router.call('searchContacts', { query, limit: 10 }, APP);
      expect(found.ok, JSON.stringify(query)).toBe(true);
    }
    const hit = await router.call('searchContacts', { query: 'lovel\u0000ace', limit: 10 }, APP);
    expect(hit.ok && hit.value.items.map((c) => c.lastName)).toEqual(['Lovelace']);
    expect(internal).toEqual([]);
  });

  it('no contact field, tag, custom field or label stores a NUL or another control character', async () => {
    const created = await router.call('createContact', {
      contact: {
        firstName: 'A\u0000da', lastName: 'Love\u0008lace', company: 'Engines\u007f', notes: 'line one\nline two\ttabbed\u0000',
        emails: [{ value: 'ada\u0000@example.com', label: 'wo\u0000rk' }], phones: [{ raw: '+44 20 7946\u0000 0958' }],
        tags: ['v\u0000ip'], customFields: { 'Shoe\u0000 size': '3\u00008' }, meeting: { at: null, place: 'Lon\u0000don', event: '', notes: '' },
      },
    }, APP);
    if (!created.ok) throw new Error(created.error.message);
    const c = created.value;
    const text = JSON.stringify(c);
    expect(text).not.toMatch(/\\u000[0-8]|\\u001[0-9a-f]|\\u007f/i);
    expect(c).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', company: 'Engines', notes: 'line one\nline two\ttabbed', tags: ['vip'], customFields: { 'Shoe size': '38' } });
    const patched = await router.call('updateContact', { id: c.id, patch: { title: 'Chief\u0000 Engineer' } }, APP);
    expect(patched.ok && patched.value.title).toBe('Chief Engineer');
  });

  it('a token or secret with a control character is refused, not silently changed', async () => {
    const result = await router.call('connect', { kind: 'hubspot', secrets: { token: 'pat-na1-abc\u0000def' } }, APP);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
